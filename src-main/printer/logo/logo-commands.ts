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
import { rowsToColumns } from '../escpos/column-format';
import type { NvLogoMethod } from '../profiles';
import type { LogoRaster } from './raster';

/** The key code our logo is stored under with `GS ( L` ("TL": Turnero logo). */
export const NV_LOGO_KEY = 'TL';

/** `GS v 0`, normal density. */
export function rasterImageBytes(raster: LogoRaster): Buffer {
  return rasterImage(raster.width / 8, raster.height, raster.data);
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
    const x = raster.width / 8;
    const { y, columns } = rowsToColumns(raster.data, raster.width, raster.height);
    if (x > 1023 || y > 288) throw new Error('logo too large for FS q');
    return defineNvBitImage(x, y, columns);
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
