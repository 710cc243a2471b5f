/**
 * Reads a QR code from a PNG image (a screenshot, an e-mail's inline image) with ZXing, as a
 * phone or a scanner would.
 */
// pngjs ships no typings: the ambient module declaration is pulled in by path.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../src-main/printer/logo/pngjs.d.ts" />
import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  MultiFormatReader,
  RGBLuminanceSource,
} from '@zxing/library';
import { PNG } from 'pngjs';

export function decodeQrPng(image: Buffer): string {
  const png = PNG.sync.read(image);
  const luminance = new Uint8ClampedArray(png.width * png.height);
  for (let index = 0; index < luminance.length; index += 1) {
    const [red = 0, green = 0, blue = 0] = png.data.subarray(index * 4, index * 4 + 3);
    luminance[index] = Math.round(0.299 * red + 0.587 * green + 0.114 * blue);
  }
  const reader = new MultiFormatReader();
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE]],
    [DecodeHintType.TRY_HARDER, true],
  ]);
  const bitmap = new BinaryBitmap(
    new HybridBinarizer(new RGBLuminanceSource(luminance, png.width, png.height)),
  );
  return reader.decode(bitmap, hints).getText();
}
