/**
 * The column format of `FS q` NV bit images, both ways: 8 dots high per byte (most significant
 * bit on top), each column top to bottom, columns left to right; against rows of `width / 8`
 * bytes, most significant bit leftmost, 1 = black.
 */

/** Rows (`width` dots, `height` rows) to columns `y` = ⌈height / 8⌉ bytes high. */
export function rowsToColumns(
  rows: Uint8Array,
  width: number,
  height: number,
): { y: number; columns: Buffer } {
  const rowBytes = width / 8;
  const y = Math.ceil(height / 8);
  const columns = Buffer.alloc(width * y);
  for (let column = 0; column < width; column++) {
    const mask = 0x80 >> (column & 7);
    for (let row = 0; row < height; row++) {
      if ((rows[row * rowBytes + (column >> 3)] as number) & mask) {
        const index = column * y + (row >> 3);
        columns[index] = (columns[index] as number) | (0x80 >> (row & 7));
      }
    }
  }
  return { y, columns };
}

/** Columns `y` bytes high, `width` of them, back to rows: `y` × 8 rows of `width / 8` bytes. */
export function columnsToRows(columns: Uint8Array, width: number, y: number): Buffer {
  const height = y * 8;
  const rows = Buffer.alloc((width / 8) * height);
  for (let column = 0; column < width; column++) {
    for (let row = 0; row < height; row++) {
      if ((columns[column * y + (row >> 3)] as number) & (0x80 >> (row & 7))) {
        const index = row * (width / 8) + (column >> 3);
        rows[index] = (rows[index] as number) | (0x80 >> (column & 7));
      }
    }
  }
  return rows;
}
