/**
 * ESC/POS bytes for a logo: the raster sent with every ticket (`GS v 0`), and the NV forms that
 * store it once in the printer and print it by key — 11 bytes (`GS ( L` fn 69) or 4 (`FS p`)
 * per ticket instead of kilobytes.
 */
import type { NvLogoMethod } from '../profiles';
import type { LogoRaster } from './raster';

const GS = 0x1d;
const FS = 0x1c;

/** The key code our logo is stored under with `GS ( L` ("TL": Turnero logo). */
export const NV_LOGO_KEY = 'TL';

const low = (value: number): number => value & 0xff;
const high = (value: number): number => (value >> 8) & 0xff;

/** `GS v 0 m xL xH yL yH d1..dk`, normal density. */
export function rasterImageBytes(raster: LogoRaster): Buffer {
  const widthBytes = raster.width / 8;
  return Buffer.concat([
    Buffer.from([GS, 0x76, 0x30, 0, low(widthBytes), high(widthBytes)]),
    Buffer.from([low(raster.height), high(raster.height)]),
    raster.data,
  ]);
}

/** `GS ( L pL pH` + parameters, or `GS 8 L p1..p4` when they exceed 65 535 bytes. */
function graphicsCommand(parameters: Buffer): Buffer {
  const n = parameters.length;
  const header =
    n <= 0xffff
      ? Buffer.from([GS, 0x28, 0x4c, low(n), high(n)])
      : Buffer.from([GS, 0x38, 0x4c, n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24]);
  return Buffer.concat([header, parameters]);
}

function keyBytes(key: string): [number, number] {
  if (!/^[\x20-\x7e]{2}$/.test(key)) throw new Error(`NV key must be 2 ASCII characters: ${key}`);
  return [key.charCodeAt(0), key.charCodeAt(1)];
}

/** The raster in column format (8 dots high per byte, columns left to right) for `FS q`. */
function columnFormat(raster: LogoRaster): { x: number; y: number; data: Buffer } {
  const rowBytes = raster.width / 8;
  const y = Math.ceil(raster.height / 8);
  const data = Buffer.alloc(raster.width * y);
  for (let column = 0; column < raster.width; column++) {
    const mask = 0x80 >> (column & 7);
    for (let row = 0; row < raster.height; row++) {
      if ((raster.data[row * rowBytes + (column >> 3)] as number) & mask) {
        const index = column * y + (row >> 3);
        data[index] = (data[index] as number) | (0x80 >> (row & 7));
      }
    }
  }
  return { x: raster.width / 8, y, data };
}

/**
 * Bytes that store `raster` in the printer's NV memory. `gs-l`: delete key (fn 66) then define
 * NV graphics, raster, monochrome (fn 67). `fs-q`: define NV bit image #1 (replaces all of them).
 */
export function nvDefineBytes(
  raster: LogoRaster,
  method: Exclude<NvLogoMethod, null>,
  key = NV_LOGO_KEY,
): Buffer {
  if (method === 'fs-q') {
    const { x, y, data } = columnFormat(raster);
    if (x > 1023 || y > 288) throw new Error('logo too large for FS q');
    return Buffer.concat([Buffer.from([FS, 0x71, 1, low(x), high(x), low(y), high(y)]), data]);
  }
  const [kc1, kc2] = keyBytes(key);
  const remove = graphicsCommand(Buffer.from([48, 66, kc1, kc2]));
  const define = graphicsCommand(
    Buffer.concat([
      Buffer.from([48, 67, 48, kc1, kc2, 1]),
      Buffer.from([low(raster.width), high(raster.width), low(raster.height), high(raster.height)]),
      Buffer.from([49]),
      raster.data,
    ]),
  );
  return Buffer.concat([remove, define]);
}

/** Bytes that print the stored logo: `GS ( L` fn 69 by key, ×1 scale; or `FS p 1 0`. */
export function nvPrintBytes(method: Exclude<NvLogoMethod, null>, key = NV_LOGO_KEY): Buffer {
  if (method === 'fs-q') return Buffer.from([FS, 0x70, 1, 0]);
  const [kc1, kc2] = keyBytes(key);
  return graphicsCommand(Buffer.from([48, 69, kc1, kc2, 1, 1]));
}
