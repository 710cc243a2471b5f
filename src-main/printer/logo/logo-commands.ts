/**
 * ESC/POS bytes for a logo: the raster sent with every ticket (`GS v 0`), and the NV forms that
 * store it once in the printer and print it by key — 11 bytes (`GS ( L` fn 69) or 4 (`FS p`)
 * per ticket instead of kilobytes.
 */
import {
  defineNvBitImage,
  defineNvGraphics,
  deleteNvGraphics,
  printNvBitImage,
  printNvGraphics,
  rasterImage,
} from '../escpos/commands';
import type { NvLogoMethod } from '../profiles';
import type { LogoRaster } from './raster';

/** The key code our logo is stored under with `GS ( L` ("TL": Turnero logo). */
export const NV_LOGO_KEY = 'TL';

/** `GS v 0`, normal density. */
export function rasterImageBytes(raster: LogoRaster): Buffer {
  return rasterImage(raster.width / 8, raster.height, raster.data);
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
    return defineNvBitImage(x, y, data);
  }
  return Buffer.concat([
    deleteNvGraphics(key),
    defineNvGraphics(key, raster.width, raster.height, raster.data),
  ]);
}

/** Bytes that print the stored logo: `GS ( L` fn 69 by key, ×1 scale; or `FS p 1 0`. */
export function nvPrintBytes(method: Exclude<NvLogoMethod, null>, key = NV_LOGO_KEY): Buffer {
  return method === 'fs-q' ? printNvBitImage(1) : printNvGraphics(key);
}
