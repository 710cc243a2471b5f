/**
 * The part of pngjs 7 (already installed with node-thermal-printer) that the logo code uses;
 * the package ships no typings and @types/pngjs is not installed.
 */
declare module 'pngjs' {
  interface PNGOptions {
    width?: number;
    height?: number;
    colorType?: 0 | 2 | 4 | 6;
    inputColorType?: 0 | 2 | 4 | 6;
    bitDepth?: 8 | 16;
    inputHasAlpha?: boolean;
  }
  export class PNG {
    constructor(options?: PNGOptions);
    width: number;
    height: number;
    /** RGBA, 4 bytes per pixel, rows top to bottom. */
    data: Buffer;
    static sync: {
      read(buffer: Buffer, options?: PNGOptions): PNG;
      write(png: PNG, options?: PNGOptions): Buffer;
    };
  }
}
