/** A deterministic town hall "logo" PNG for printer tests: no binary fixture to keep in sync. */
// pngjs ships no typings: the ambient module declaration is pulled in by path.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../src-main/printer/logo/pngjs.d.ts" />
import { PNG } from 'pngjs';

/**
 * `width` × `height` RGBA: a shield (black disc), a grey gradient band that exercises the dithering
 * and a transparent corner that must print as paper white.
 */
export function sampleLogoPng(width = 480, height = 160): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const inDisc = (x - height / 2) ** 2 + (y - height / 2) ** 2 < (height * 0.4) ** 2;
      const inBand = x > height && y > height * 0.35 && y < height * 0.65;
      const shade = inDisc ? 0 : inBand ? Math.round((255 * (x - height)) / (width - height)) : 255;
      png.data[i] = shade;
      png.data[i + 1] = shade;
      png.data[i + 2] = shade;
      png.data[i + 3] = x > width - 40 && y < 40 ? 0 : 255;
    }
  }
  return PNG.sync.write(png);
}
