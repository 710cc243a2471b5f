/**
 * A QR code as one SVG path, made from the `qrcode` package's module matrix (no canvas, no
 * innerHTML: the CSP allows neither inline scripts nor data: styles). The package is loaded on
 * first use only, so the home screen's bundle does not carry it.
 */

export interface QrPath {
  /** Modules per side, quiet zone included. */
  size: number;
  /** `M x y h1 v1 h-1 z` for every dark module. */
  d: string;
}

/** The quiet zone the QR specification asks for around the symbol, in modules. */
const QUIET_ZONE = 4;

export async function qrPath(text: string): Promise<QrPath> {
  const { create } = await import('qrcode');
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row += 1) {
    for (let column = 0; column < modules.size; column += 1) {
      if (modules.get(row, column)) {
        parts.push(`M${column + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`);
      }
    }
  }
  return { size: modules.size + 2 * QUIET_ZONE, d: parts.join('') };
}
