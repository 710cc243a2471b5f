/**
 * Reads a QR code from a PNG image (a screenshot, an e-mail's inline image) with ZXing, as a
 * phone or a scanner would. ZXing's finder-pattern detector misses a large share of perfectly
 * sharp generated images (an e-mail's PNG: about 6 in 10 booking tokens at 6 px a module), so a
 * miss is read again as a pure barcode (the symbol alone on its quiet zone), which such an image
 * is: the content still has to decode, module by module.
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
  NotFoundException,
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
  const bitmap = () =>
    new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, png.width, png.height)));
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE]],
    [DecodeHintType.TRY_HARDER, true],
  ]);
  try {
    return new MultiFormatReader().decode(bitmap(), hints).getText();
  } catch (error) {
    if (!(error instanceof NotFoundException)) throw error;
    hints.set(DecodeHintType.PURE_BARCODE, true);
    return new MultiFormatReader().decode(bitmap(), hints).getText();
  }
}
