/**
 * The ESC/POS that Turnero speaks, spelled once (in the manner of python-escpos's constants
 * module): the control bytes, the byte after each prefix for the commands we send or read, and
 * small builders for the commands we emit. The ticket template, the profiles, the logo code, the
 * status requests and the preview's decoder all take their bytes from here.
 */

export const HT = 0x09;
export const LF = 0x0a;
export const DLE = 0x10;
export const ESC = 0x1b;
export const FS = 0x1c;
export const GS = 0x1d;

/** The byte after ESC. */
export const EscCommand = {
  /** ESC ! n: print mode (bit 3 emphasised, bit 4 double height, bit 5 double width). */
  PRINT_MODE: 0x21,
  /** ESC ( fn pL pH …: the extended-command envelope. */
  EXTENDED: 0x28,
  /** ESC * m nL nH d1..dk: bit image in 8- or 24-dot columns. */
  BIT_IMAGE: 0x2a,
  /** ESC @: clears the print buffer and resets every mode, the code table included. */
  INITIALIZE: 0x40,
  /** ESC D n1..nk NUL: horizontal tab positions. */
  TAB_POSITIONS: 0x44,
  /** ESC E n: emphasised (bold) on when bit 0 is set. */
  EMPHASIZE: 0x45,
  /** ESC J n: print and feed n dots. */
  FEED_DOTS: 0x4a,
  /** ESC a n: justification. */
  JUSTIFY: 0x61,
  /** ESC d n: print and feed n lines. */
  FEED_LINES: 0x64,
  /** ESC i / ESC m: legacy full and partial cuts. */
  LEGACY_FULL_CUT: 0x69,
  LEGACY_PARTIAL_CUT: 0x6d,
  /** ESC t n: character code table. */
  CODE_TABLE: 0x74,
} as const;

/** The byte after GS. */
export const GsCommand = {
  /** GS ! n: character size, high nibble width − 1, low nibble height − 1. */
  CHARACTER_SIZE: 0x21,
  /** GS ( fn pL pH …: the extended-command envelope (QR codes, NV graphics). */
  EXTENDED: 0x28,
  /** GS * x y d1..d(x·y·8): define a downloaded bit image. */
  DEFINE_BIT_IMAGE: 0x2a,
  /** GS 8 fn p1 p2 p3 p4 …: the long form of GS ( fn, with a 32-bit length. */
  EXTENDED_LONG: 0x38,
  /** GS V m [n]: cut. */
  CUT: 0x56,
  /** GS k m …: barcode. */
  BARCODE: 0x6b,
  /** GS v 0 m xL xH yL yH d1..dk: raster bit image. */
  RASTER: 0x76,
} as const;

/** The byte after FS. */
export const FsCommand = {
  EXTENDED: 0x28,
  /** FS p n m: print NV bit image n. */
  PRINT_NV_BIT_IMAGE: 0x70,
  /** FS q n [xL xH yL yH d1..dk]1..n: define NV bit images #1..n (column format). */
  DEFINE_NV_BIT_IMAGES: 0x71,
} as const;

/** The byte after DLE: real-time commands. */
export const DleCommand = {
  /** DLE EOT n: transmit real-time status. */
  STATUS: 0x04,
  /** DLE ENQ n: real-time request. */
  REQUEST: 0x05,
  /** DLE DC4 fn a b: real-time pulse, power-off, buffer clear. */
  DC4: 0x14,
} as const;

/** The function letter after `GS (` and `GS 8`. */
export const ExtendedFunction = {
  /** `GS ( H`: request a response (fn 48: the process ID response). */
  RESPONSE: 0x48, // H
  GRAPHICS: 0x4c, // L
  SYMBOL: 0x6b, // k
} as const;

/** `GS ( k` for QR codes: cn 49, then the function. */
export const QR_SYMBOL = 49;
export const QrFunction = {
  MODEL: 65,
  MODULE_SIZE: 67,
  ERROR_CORRECTION: 69,
  STORE: 80,
  PRINT: 81,
} as const;

/** `GS ( L` NV graphics: m 48, then the function. */
export const GRAPHICS_M = 48;
export const GraphicsFunction = {
  DELETE: 66,
  DEFINE: 67,
  PRINT: 69,
} as const;
/** `GS ( L` fn 67 `a`: the data is in raster format. */
export const GRAPHICS_RASTER_FORMAT = 48;

/** `GS V` m values of function A (no n follows); every other m carries n. */
export const CUT_WITHOUT_FEED: readonly number[] = [0, 1, 48, 49];

export type Alignment = 'left' | 'center' | 'right';

const JUSTIFY_VALUE: Readonly<Record<Alignment, number>> = { left: 0, center: 1, right: 2 };

/** ESC a n → alignment, for both the binary (0–2) and the ASCII ("0"–"2") forms of n. */
export const JUSTIFICATIONS: Readonly<Record<number, Alignment>> = {
  0: 'left',
  48: 'left',
  1: 'center',
  49: 'center',
  2: 'right',
  50: 'right',
};

/** ESC t n → iconv-lite encoding name, for the EPSON tables a Spanish kiosk may use. */
export const CODE_TABLE_ENCODINGS: Readonly<Record<number, string>> = {
  0: 'CP437',
  2: 'CP850',
  3: 'CP860',
  4: 'CP863',
  5: 'CP865',
  16: 'CP1252',
  17: 'CP866',
  18: 'CP852',
  19: 'CP858',
  40: 'ISO-8859-15',
};
/** What the printer uses after power-on or ESC @ (the factory default of TM printers). */
export const DEFAULT_CODE_TABLE = 0;

/** ESC/POS magnifies characters 1–8 times. */
export const MAX_MAGNIFICATION = 8;

const low = (value: number): number => value & 0xff;
const high = (value: number): number => (value >> 8) & 0xff;

export const LINE_FEED: Readonly<Buffer> = Buffer.from([LF]);

/** ESC @. */
export function initialize(): Buffer {
  return Buffer.from([ESC, EscCommand.INITIALIZE]);
}

/** ESC t n. */
export function selectCodeTable(table: number): Buffer {
  return Buffer.from([ESC, EscCommand.CODE_TABLE, table]);
}

/** ESC a n. */
export function justify(alignment: Alignment): Buffer {
  return Buffer.from([ESC, EscCommand.JUSTIFY, JUSTIFY_VALUE[alignment]]);
}

/** ESC E n. */
export function emphasize(on: boolean): Buffer {
  return Buffer.from([ESC, EscCommand.EMPHASIZE, on ? 1 : 0]);
}

/** GS ! n: characters `width` × `height` times their normal size (1–8 each). */
export function characterSize(width: number, height: number): Buffer {
  for (const factor of [width, height]) {
    if (!Number.isInteger(factor) || factor < 1 || factor > MAX_MAGNIFICATION) {
      throw new Error(`character size must be 1–${MAX_MAGNIFICATION}: ${factor}`);
    }
  }
  return Buffer.from([GS, GsCommand.CHARACTER_SIZE, ((width - 1) << 4) | (height - 1)]);
}

/** ESC d n: print and feed n lines. */
export function feedLines(lines: number): Buffer {
  return Buffer.from([ESC, EscCommand.FEED_LINES, lines]);
}

/** GS V 0: a full cut where the paper is now (function A). */
export function fullCut(): Buffer {
  return Buffer.from([GS, GsCommand.CUT, 0]);
}

/** GS V 65 / 66 n: feed to the cutting position plus `extraDots`, then cut (function B). */
export function feedAndCut(kind: 'full' | 'partial', extraDots = 0): Buffer {
  return Buffer.from([GS, GsCommand.CUT, kind === 'full' ? 65 : 66, extraDots]);
}

/** `GS ( fn pL pH` + parameters: the extended-command envelope. */
function extendedCommand(fn: number, parameters: Buffer): Buffer {
  const n = parameters.length;
  return Buffer.concat([Buffer.from([GS, GsCommand.EXTENDED, fn, low(n), high(n)]), parameters]);
}

function qrFunction(fn: number, parameters: readonly number[] | Buffer): Buffer {
  return extendedCommand(
    ExtendedFunction.SYMBOL,
    Buffer.concat([Buffer.from([QR_SYMBOL, fn]), Buffer.from(parameters)]),
  );
}

export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';
const QR_CORRECTION_VALUE: Readonly<Record<QrErrorCorrection, number>> = {
  L: 48,
  M: 49,
  Q: 50,
  H: 51,
};

/**
 * A native QR code, `GS ( k` cn 49: select the model (fn 65), the module size (fn 67) and the
 * error correction (fn 69), store the data (fn 80), then print the stored symbol (fn 81). The
 * print leaves the paper where the symbol ends: no feed.
 */
export function qrCode(
  data: string,
  options: { model: 1 | 2; moduleSize: number; correction: QrErrorCorrection },
): Buffer {
  return Buffer.concat([
    qrFunction(QrFunction.MODEL, [48 + options.model, 0]),
    qrFunction(QrFunction.MODULE_SIZE, [options.moduleSize]),
    qrFunction(QrFunction.ERROR_CORRECTION, [QR_CORRECTION_VALUE[options.correction]]),
    qrFunction(QrFunction.STORE, Buffer.concat([Buffer.from([48]), Buffer.from(data, 'latin1')])),
    qrFunction(QrFunction.PRINT, [48]),
  ]);
}

/** `GS v 0 m xL xH yL yH d1..dk`, normal density: rows of `widthBytes` bytes, 1 = black. */
export function rasterImage(widthBytes: number, height: number, data: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from([GS, GsCommand.RASTER, 0x30, 0, low(widthBytes), high(widthBytes)]),
    Buffer.from([low(height), high(height)]),
    data,
  ]);
}

/** `GS ( L pL pH` + parameters, or `GS 8 L p1..p4` when they exceed 65 535 bytes. */
function graphicsCommand(parameters: Buffer): Buffer {
  const n = parameters.length;
  if (n <= 0xffff) return extendedCommand(ExtendedFunction.GRAPHICS, parameters);
  return Buffer.concat([
    Buffer.from([GS, GsCommand.EXTENDED_LONG, ExtendedFunction.GRAPHICS]),
    Buffer.from([n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24]),
    parameters,
  ]);
}

/** The two key code bytes of an NV graphics key ("TL"). */
function keyCode(key: string): [number, number] {
  if (!/^[\x20-\x7e]{2}$/.test(key)) throw new Error(`NV key must be 2 ASCII characters: ${key}`);
  return [key.charCodeAt(0), key.charCodeAt(1)];
}

/** `GS ( L` fn 66: delete the NV graphics stored under `key`. */
export function deleteNvGraphics(key: string): Buffer {
  return graphicsCommand(Buffer.from([GRAPHICS_M, GraphicsFunction.DELETE, ...keyCode(key)]));
}

/** `GS ( L` fn 67: define NV graphics under `key`, raster format, one colour (monochrome). */
export function defineNvGraphics(key: string, width: number, height: number, data: Buffer): Buffer {
  return graphicsCommand(
    Buffer.concat([
      Buffer.from([
        GRAPHICS_M,
        GraphicsFunction.DEFINE,
        GRAPHICS_RASTER_FORMAT,
        ...keyCode(key),
        1,
      ]),
      Buffer.from([low(width), high(width), low(height), high(height)]),
      Buffer.from([49]),
      data,
    ]),
  );
}

/** `GS ( L` fn 69: print the NV graphics stored under `key`, at ×1 scale. */
export function printNvGraphics(key: string): Buffer {
  return graphicsCommand(Buffer.from([GRAPHICS_M, GraphicsFunction.PRINT, ...keyCode(key), 1, 1]));
}

/**
 * `FS q 1 xL xH yL yH d1..dk`: define NV bit image #1 (and drop every other), `x` × 8 dots wide,
 * `y` × 8 high, in column format.
 */
export function defineNvBitImage(x: number, y: number, columns: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from([FS, FsCommand.DEFINE_NV_BIT_IMAGES, 1, low(x), high(x), low(y), high(y)]),
    columns,
  ]);
}

/** `FS p n 0`: print NV bit image `n` at normal size. */
export function printNvBitImage(n: number): Buffer {
  return Buffer.from([FS, FsCommand.PRINT_NV_BIT_IMAGE, n, 0]);
}

/** DLE EOT n: 1 printer status, 2 off-line cause, 3 error cause, 4 continuous paper sensor. */
export type StatusQuery = 1 | 2 | 3 | 4;

/** `DLE EOT n` (10 04 n): the printer answers with one status byte, even while busy. */
export function statusRequest(n: StatusQuery): Buffer {
  return Buffer.from([DLE, DleCommand.STATUS, n]);
}

/** `GS ( H` fn 48 m 48: the process ID response. */
export const PROCESS_ID_FUNCTION = 48;
/** The process ID response: `37h 22h d1 d2 d3 d4 00h`. */
export const PROCESS_ID_RESPONSE_HEADER = 0x37;
export const PROCESS_ID_RESPONSE_IDENTIFIER = 0x22;
/** Each of the four process ID characters is printable ASCII, 0x20–0x7E. */
export const PROCESS_ID_LENGTH = 4;

/** True for a process ID `GS ( H` fn 48 accepts: four characters 0x20–0x7E. */
export function isProcessId(id: string): boolean {
  return id.length === PROCESS_ID_LENGTH && /^[\x20-\x7e]+$/.test(id);
}

/**
 * `GS ( H 6 0 48 48 d1 d2 d3 d4`: the printer sends `37h 22h d1 d2 d3 d4 00h` back once it has
 * processed everything before this command; for print data that is once it is printed (EPSON
 * TM-T20, TM-T88IV and later; not a real-time command, so it waits its turn in the buffer).
 */
export function processIdRequest(id: string): Buffer {
  if (!isProcessId(id)) throw new Error(`process ID must be 4 printable ASCII characters: ${id}`);
  return extendedCommand(
    ExtendedFunction.RESPONSE,
    Buffer.concat([
      Buffer.from([PROCESS_ID_FUNCTION, PROCESS_ID_FUNCTION]),
      Buffer.from(id, 'latin1'),
    ]),
  );
}
