/**
 * A PNG logo as a 1-bit raster a thermal head can print: decoded with pngjs, composited on white
 * paper, scaled down to fit (area averaging, never enlarged), dithered with Floyd–Steinberg
 * (serpentine) and packed eight dots to a byte, most significant bit leftmost, 1 = black: the
 * layout of `GS v 0`, `GS ( L` raster graphics and PBM (P4) files alike.
 */
// pngjs ships no typings: the ambient module declaration is pulled in by path.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./pngjs.d.ts" />
import { PNG } from 'pngjs';

export interface LogoRaster {
  /** Dots across; always a multiple of 8 (padded with white on the right). */
  width: number;
  height: number;
  /** `width / 8` bytes per row, rows top to bottom. */
  data: Buffer;
}

/** Printable dots across the paper (font A: 12 dots × 48 or 32 columns). */
export const PAPER_DOTS: Readonly<Record<80 | 58, number>> = { 80: 576, 58: 384 };

/** Taller logos are scaled down: a ticket is not a poster, and every row costs paper and time. */
export const LOGO_MAX_HEIGHT = 200;

export interface FitOptions {
  maxWidth: number;
  maxHeight: number;
}

/** The size the image takes after proportional scaling to fit, never enlarged. */
export function fitSize(width: number, height: number, fit: FitOptions): [number, number] {
  const scale = Math.min(1, fit.maxWidth / width, fit.maxHeight / height);
  return [Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale))];
}

/** Luminance 0 (black) … 255 (white) of RGBA pixels laid on white paper. */
function grayOnWhite(rgba: Buffer, width: number, height: number): Float32Array {
  const gray = new Float32Array(width * height);
  for (let i = 0; i < width * height; i++) {
    const r = rgba[i * 4] as number;
    const g = rgba[i * 4 + 1] as number;
    const b = rgba[i * 4 + 2] as number;
    const alpha = (rgba[i * 4 + 3] as number) / 255;
    const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    gray[i] = 255 - alpha * (255 - luminance);
  }
  return gray;
}

/**
 * Area-averaging resize along one axis: each target cell is the mean of the source cells it
 * covers, fractional edges weighted. `stride`/`lines` let the same code run on rows and columns.
 */
function resampleAxis(
  source: Float32Array,
  sourceLength: number,
  targetLength: number,
  lines: number,
  at: (line: number, index: number) => number,
  target: Float32Array,
  put: (line: number, index: number) => number,
): void {
  const ratio = sourceLength / targetLength;
  for (let line = 0; line < lines; line++) {
    for (let t = 0; t < targetLength; t++) {
      const start = t * ratio;
      const end = start + ratio;
      let sum = 0;
      for (let s = Math.floor(start); s < Math.min(sourceLength, Math.ceil(end)); s++) {
        const weight = Math.min(end, s + 1) - Math.max(start, s);
        sum += (source[at(line, s)] as number) * weight;
      }
      target[put(line, t)] = sum / ratio;
    }
  }
}

function resize(
  gray: Float32Array,
  width: number,
  height: number,
  newWidth: number,
  newHeight: number,
): Float32Array {
  if (newWidth === width && newHeight === height) return gray;
  const across = new Float32Array(newWidth * height);
  resampleAxis(
    gray,
    width,
    newWidth,
    height,
    (y, x) => y * width + x,
    across,
    (y, x) => y * newWidth + x,
  );
  const out = new Float32Array(newWidth * newHeight);
  resampleAxis(
    across,
    height,
    newHeight,
    newWidth,
    (x, y) => y * newWidth + x,
    out,
    (x, y) => y * newWidth + x,
  );
  return out;
}

/** Floyd–Steinberg error diffusion, serpentine; returns 1 for a black dot. */
export function ditherFloydSteinberg(
  gray: Float32Array,
  width: number,
  height: number,
): Uint8Array {
  const work = Float32Array.from(gray);
  const dots = new Uint8Array(width * height);
  const spread = (x: number, y: number, error: number): void => {
    if (x < 0 || x >= width || y >= height) return;
    work[y * width + x] = (work[y * width + x] as number) + error;
  };
  for (let y = 0; y < height; y++) {
    const leftToRight = y % 2 === 0;
    const dir = leftToRight ? 1 : -1;
    for (let step = 0; step < width; step++) {
      const x = leftToRight ? step : width - 1 - step;
      const old = work[y * width + x] as number;
      const black = old < 128;
      dots[y * width + x] = black ? 1 : 0;
      const error = old - (black ? 0 : 255);
      spread(x + dir, y, (error * 7) / 16);
      spread(x - dir, y + 1, (error * 3) / 16);
      spread(x, y + 1, (error * 5) / 16);
      spread(x + dir, y + 1, error / 16);
    }
  }
  return dots;
}

/** Packs dots eight to a byte, padding each row to a multiple of 8 with white. */
export function packDots(dots: Uint8Array, width: number, height: number): LogoRaster {
  const bytesPerRow = Math.ceil(width / 8);
  const data = Buffer.alloc(bytesPerRow * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (dots[y * width + x]) {
        const index = y * bytesPerRow + (x >> 3);
        data[index] = (data[index] as number) | (0x80 >> (x & 7));
      }
    }
  }
  return { width: bytesPerRow * 8, height, data };
}

/** Decodes, scales, dithers and packs a PNG. Throws on a file that is not a PNG. */
export function rasterFromPng(png: Buffer, fit: FitOptions): LogoRaster {
  const image = PNG.sync.read(png);
  const [width, height] = fitSize(image.width, image.height, fit);
  const gray = resize(
    grayOnWhite(image.data, image.width, image.height),
    image.width,
    image.height,
    width,
    height,
  );
  return packDots(ditherFloydSteinberg(gray, width, height), width, height);
}

/** The raster as a portable bitmap (PBM P4): the on-disk cache format, viewable anywhere. */
export function rasterToPbm(raster: LogoRaster): Buffer {
  return Buffer.concat([Buffer.from(`P4\n${raster.width} ${raster.height}\n`), raster.data]);
}

/** Reads back what rasterToPbm wrote; null when the file is not one of ours. */
export function rasterFromPbm(file: Buffer): LogoRaster | null {
  const header = /^P4\n(\d+) (\d+)\n/.exec(file.subarray(0, 32).toString('latin1'));
  if (!header) return null;
  const width = Number(header[1]);
  const height = Number(header[2]);
  const data = file.subarray(header[0].length);
  if (width % 8 !== 0 || data.length !== (width / 8) * height) return null;
  return { width, height, data: Buffer.from(data) };
}
