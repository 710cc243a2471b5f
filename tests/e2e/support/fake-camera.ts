/**
 * A video file for Chromium's fake camera (`--use-file-for-fake-video-capture`) showing a QR
 * code: YUV4MPEG2 (C420), made here from the `qrcode` package's module matrix, no image tools.
 */
import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

export interface Y4mOptions {
  width?: number;
  height?: number;
  /** Pixels per QR module. */
  scale?: number;
  frames?: number;
}

/**
 * Writes `file`: white frames with `text` as a black QR code (quiet zone included) in the middle,
 * or blank frames for `null` (nobody in front of the camera).
 */
export function writeQrY4m(file: string, text: string | null, options: Y4mOptions = {}): void {
  const { width = 640, height = 480, scale = 8, frames = 4 } = options;
  const luma = Buffer.alloc(width * height, 235); // video-range white
  if (text !== null) drawQr(luma, width, height, scale, text);
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128); // no colour
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  writeFileSync(file, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}

function drawQr(luma: Buffer, width: number, height: number, scale: number, text: string): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const side = modules.size * scale;
  if (side + 8 * scale > Math.min(width, height)) throw new Error('QR code too big for the frame');
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  for (let row = 0; row < modules.size; row += 1) {
    for (let column = 0; column < modules.size; column += 1) {
      if (!modules.get(row, column)) continue;
      for (let y = 0; y < scale; y += 1) {
        const start = (top + row * scale + y) * width + left + column * scale;
        luma.fill(16, start, start + scale); // video-range black
      }
    }
  }
}
