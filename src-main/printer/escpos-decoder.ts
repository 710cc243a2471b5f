/**
 * A small decoder of the ESC/POS that Turnero emits (see ticket-template.ts): text in the active
 * code page, alignment, bold, character size, line feeds, cuts, native QR codes, raster images
 * and NV logos (defined with `GS ( L` fn 67 or `FS q`, printed with `GS ( L` fn 69 or `FS p`).
 * It feeds the virtual printer's preview and saved files (text and SVG), and lets tests read back
 * what a real transport delivered. Commands it does not interpret are skipped by their known length,
 * or as a bare two-byte command when unknown, so one odd byte never derails the rest.
 */
import iconv from 'iconv-lite';

export type Alignment = 'left' | 'center' | 'right';

export interface DecodedLine {
  text: string;
  /** Alignment in force when the line's first character was printed (the printer's rule). */
  align: Alignment;
  /** True when any printed character of the line was bold. */
  bold: boolean;
  /** Largest width / height magnification (1–8) used on the line. */
  width: number;
  height: number;
}

/** A 1-bit image: `width / 8` bytes per row, most significant bit leftmost, 1 = black. */
export interface DecodedBitmap {
  width: number;
  height: number;
  data: Buffer;
}

/** What was printed, in paper order: the input of the SVG renderer. */
export type DecodedBlock =
  | { kind: 'line'; line: DecodedLine }
  | { kind: 'raster'; align: Alignment; image: DecodedBitmap }
  | { kind: 'qr'; align: Alignment; payload: string; moduleSize: number }
  /** An NV logo printed by key; `image` when its definition was in the same stream. */
  | { kind: 'nv-logo'; align: Alignment; key: string; image: DecodedBitmap | null }
  | { kind: 'cut' };

export interface DecodedEscPos {
  lines: DecodedLine[];
  cuts: number;
  /** Payloads of the QR codes printed (stored with GS ( k fn 80, printed with fn 81). */
  qrCodes: string[];
  /** Raster images (GS v 0) seen, by size in dots. */
  images: Array<{ width: number; height: number }>;
  /** Keys of the NV logos printed: the `GS ( L` key code ("TL"), or "#n" for `FS p n`. */
  nvLogos: string[];
  /** NV images defined in the stream (`npm run printer -- install-logo` sends these). */
  nvDefinitions: Array<{ key: string; width: number; height: number }>;
  blocks: DecodedBlock[];
  /** The lines' text joined with newlines, without the blank feed that precedes a cut. */
  text: string;
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const LF = 0x0a;
const HT = 0x09;

/** ESC t n → iconv-lite encoding name, for the EPSON tables a Spanish kiosk may use. */
const CODE_TABLES: Readonly<Record<number, string>> = {
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
const DEFAULT_CODE_TABLE = 0;

/** Parameter byte counts of fixed-length ESC commands (ESC x p1..pn). */
const ESC_FIXED: Readonly<Record<number, number>> = {
  0x20: 1, // ESC SP n   right-side character spacing
  0x21: 1, // ESC ! n    print mode
  0x24: 2, // ESC $ nL nH absolute position
  0x25: 1, // ESC % n    user-defined character set
  0x2d: 1, // ESC - n    underline
  0x32: 0, // ESC 2      default line spacing
  0x33: 1, // ESC 3 n    line spacing
  0x3c: 0, // ESC <      return home
  0x3d: 1, // ESC = n    select peripheral
  0x3f: 1, // ESC ? n    cancel user-defined character
  0x40: 0, // ESC @      initialise
  0x42: 2, // ESC B n t  buzzer
  0x45: 1, // ESC E n    bold
  0x47: 1, // ESC G n    double strike
  0x4a: 1, // ESC J n    print and feed n dots
  0x4b: 1, // ESC K n    reverse feed (some models)
  0x4c: 0, // ESC L      page mode
  0x4d: 1, // ESC M n    font
  0x52: 1, // ESC R n    international character set
  0x53: 0, // ESC S      standard mode
  0x54: 1, // ESC T n    print direction (page mode)
  0x55: 1, // ESC U n    unidirectional
  0x56: 1, // ESC V n    rotate 90°
  0x57: 8, // ESC W      print area (page mode)
  0x5c: 2, // ESC \ nL nH relative position
  0x61: 1, // ESC a n    justification
  0x63: 2, // ESC c 3/4/5 n  paper sensors, panel keys
  0x64: 1, // ESC d n    print and feed n lines
  0x65: 1, // ESC e n    print and reverse feed
  0x69: 0, // ESC i      partial cut (legacy)
  0x6d: 0, // ESC m      partial cut (legacy)
  0x70: 3, // ESC p m t1 t2  drawer kick
  0x72: 1, // ESC r n    colour
  0x74: 1, // ESC t n    code table
  0x75: 1, // ESC u n    peripheral status
  0x76: 0, // ESC v      paper status
  0x7b: 1, // ESC { n    upside down
};

/** Parameter byte counts of fixed-length GS commands. */
const GS_FIXED: Readonly<Record<number, number>> = {
  0x21: 1, // GS ! n     character size
  0x23: 1, // GS # n     NV image select (legacy)
  0x24: 2, // GS $ nL nH vertical position (page mode)
  0x2f: 1, // GS / m     print downloaded bit image
  0x3a: 0, // GS :       macro definition
  0x42: 1, // GS B n     reverse (white on black)
  0x48: 1, // GS H n     HRI position
  0x49: 1, // GS I n     printer ID
  0x4c: 2, // GS L nL nH left margin
  0x50: 2, // GS P x y   motion units
  0x54: 1, // GS T n     print position to line start
  0x57: 2, // GS W nL nH print area width
  0x5c: 2, // GS \ nL nH relative vertical position
  0x5e: 3, // GS ^ r t m macro execute
  0x61: 1, // GS a n     automatic status back
  0x62: 1, // GS b n     smoothing
  0x66: 1, // GS f n     HRI font
  0x68: 1, // GS h n     barcode height
  0x72: 1, // GS r n     transmit status
  0x77: 1, // GS w n     barcode module width
};

interface PrintState {
  align: Alignment;
  bold: boolean;
  width: number;
  height: number;
  codeTable: number;
}

const initialState = (): PrintState => ({
  align: 'left',
  bold: false,
  width: 1,
  height: 1,
  codeTable: DEFAULT_CODE_TABLE,
});

const ALIGNMENTS: Readonly<Record<number, Alignment>> = {
  0: 'left',
  48: 'left',
  1: 'center',
  49: 'center',
  2: 'right',
  50: 'right',
};

class Decoder {
  private state = initialState();
  private pendingBytes: number[] = [];
  /** State snapshot of the line being built, taken at its first character. */
  private line: DecodedLine | null = null;
  private storedQr: string | null = null;
  private qrModuleSize = 3;
  private readonly nvImages = new Map<string, DecodedBitmap>();
  readonly result: Omit<DecodedEscPos, 'text'> = {
    lines: [],
    cuts: 0,
    qrCodes: [],
    images: [],
    nvLogos: [],
    nvDefinitions: [],
    blocks: [],
  };
  /** Byte offsets just after each cut command, for splitting a stream into tickets. */
  readonly cutEnds: number[] = [];

  constructor(private readonly bytes: Uint8Array) {}

  run(): void {
    const { bytes } = this;
    let i = 0;
    while (i < bytes.length) {
      const byte = bytes[i] as number;
      if (byte === ESC) i = this.esc(i);
      else if (byte === GS) i = this.gs(i);
      else if (byte === FS) i = this.fs(i);
      else if (byte === DLE) i = this.dle(i);
      else if (byte === LF) {
        this.newLine();
        i += 1;
      } else if (byte === HT) {
        this.printable(0x20);
        i += 1;
      } else {
        // Other C0 controls (CR, FF, NUL…) print nothing in standard mode.
        if (byte >= 0x20) this.printable(byte);
        i += 1;
      }
    }
    this.flushText();
    if (this.line) this.pushLine(this.line);
    this.line = null;
  }

  private pushLine(line: DecodedLine): void {
    this.result.lines.push(line);
    this.result.blocks.push({ kind: 'line', line });
  }

  /** Reads byte `offset`, or null when the stream ends inside a command. */
  private at(offset: number): number | null {
    return offset < this.bytes.length ? (this.bytes[offset] as number) : null;
  }

  private esc(i: number): number {
    const command = this.at(i + 1);
    if (command === null) return this.bytes.length;
    const n = this.at(i + 2);
    switch (command) {
      case 0x40: // ESC @ clears the print buffer too: an unterminated line is lost, as on paper
        this.pendingBytes = [];
        this.line = null;
        this.state = initialState();
        return i + 2;
      case 0x74: // ESC t n
        if (n !== null) {
          this.flushText();
          this.state.codeTable = n;
        }
        return i + 3;
      case 0x61: // ESC a n
        if (n !== null) this.state.align = ALIGNMENTS[n] ?? this.state.align;
        return i + 3;
      case 0x45: // ESC E n
        if (n !== null) this.state.bold = (n & 1) === 1;
        return i + 3;
      case 0x21: // ESC ! n: bit 3 emphasised, bit 4 double height, bit 5 double width
        if (n !== null) {
          this.state.bold = (n & 0x08) !== 0;
          this.state.height = n & 0x10 ? 2 : 1;
          this.state.width = n & 0x20 ? 2 : 1;
        }
        return i + 3;
      case 0x64: // ESC d n: print and feed n lines
        if (n !== null) {
          if (n === 0) this.endLineIfAny();
          for (let k = 0; k < n; k++) this.newLine();
        }
        return i + 3;
      case 0x4a: // ESC J n: print and feed n dots
        this.endLineIfAny();
        return i + 3;
      case 0x69: // ESC i / ESC m: legacy cuts
      case 0x6d:
        this.cut(i + 2);
        return i + 2;
      case 0x44: // ESC D n1..nk NUL: tab positions
        return this.skipUntilNul(i + 2);
      case 0x2a: {
        // ESC * m nL nH d1..dk: bit image, 8-dot (m 0/1) or 24-dot (m 32/33) columns
        const m = this.at(i + 2);
        const nL = this.at(i + 3);
        const nH = this.at(i + 4);
        if (m === null || nL === null || nH === null) return this.bytes.length;
        return i + 5 + (nL + nH * 256) * (m >= 32 ? 3 : 1);
      }
      case 0x28: // ESC ( x pL pH …
        return this.skipParameterBlock(i);
      default: {
        const fixed = ESC_FIXED[command];
        // Unknown commands are taken as parameterless: the least we can wrongly swallow.
        return i + 2 + (fixed ?? 0);
      }
    }
  }

  private gs(i: number): number {
    const command = this.at(i + 1);
    if (command === null) return this.bytes.length;
    const n = this.at(i + 2);
    switch (command) {
      case 0x21: // GS ! n: high nibble width-1, low nibble height-1
        if (n !== null) {
          this.state.width = ((n >> 4) & 0x07) + 1;
          this.state.height = (n & 0x07) + 1;
        }
        return i + 3;
      case 0x56: {
        // GS V m [n]: function A (m 0/1/48/49) has no n; functions B–D carry one.
        if (n === null) return this.bytes.length;
        const end = n === 0 || n === 1 || n === 48 || n === 49 ? i + 3 : i + 4;
        this.cut(Math.min(end, this.bytes.length));
        return end;
      }
      case 0x28: // GS ( x pL pH …
        return this.gsParenthesis(i);
      case 0x76: // GS v 0 m xL xH yL yH d1..dk
        return this.raster(i);
      case 0x6b: // GS k m …: barcode
        return this.barcode(i);
      case 0x2a: {
        // GS * x y d1..d(x*y*8): define downloaded bit image
        const x = this.at(i + 2);
        const y = this.at(i + 3);
        if (x === null || y === null) return this.bytes.length;
        return i + 4 + x * y * 8;
      }
      case 0x38: {
        // GS 8 x p1 p2 p3 p4 …: the long form of GS ( x, with a 32-bit length
        const p = [2, 3, 4, 5].map((k) => this.at(i + k + 1));
        if (p.some((value) => value === null)) return this.bytes.length;
        const [p1, p2, p3, p4] = p as [number, number, number, number];
        const end = i + 7 + p1 + p2 * 0x100 + p3 * 0x10000 + p4 * 0x1000000;
        if (this.at(i + 2) === 0x4c && end <= this.bytes.length) this.graphics(i + 7, end);
        return end;
      }
      default:
        return i + 2 + (GS_FIXED[command] ?? 0);
    }
  }

  private fs(i: number): number {
    const command = this.at(i + 1);
    if (command === null) return this.bytes.length;
    if (command === 0x70) {
      // FS p n m: print NV bit image n (the logo)
      const n = this.at(i + 2);
      if (n === null || this.at(i + 3) === null) return this.bytes.length;
      this.printNvLogo(`#${n}`);
      return i + 4;
    }
    if (command === 0x71) return this.defineNvBitImages(i);
    if (command === 0x28) return this.skipParameterBlock(i);
    if (command === 0x21 || command === 0x2d || command === 0x43 || command === 0x57) {
      return i + 3; // FS ! / FS - / FS C / FS W n (Kanji modes)
    }
    return i + 2;
  }

  private dle(i: number): number {
    const command = this.at(i + 1);
    if (command === 0x04 || command === 0x05) return i + 3; // DLE EOT n, DLE ENQ n
    if (command === 0x14) return i + 5; // DLE DC4 fn a b
    return i + 1; // a bare DLE is a control character: drop it alone
  }

  /** `x ( fn pL pH` + (pL + pH·256) bytes: the generic extended-command envelope. */
  private skipParameterBlock(i: number): number {
    const pL = this.at(i + 3);
    const pH = this.at(i + 4);
    if (pL === null || pH === null) return this.bytes.length;
    return i + 5 + pL + pH * 256;
  }

  private gsParenthesis(i: number): number {
    const end = this.skipParameterBlock(i);
    if (end > this.bytes.length) return end;
    if (this.at(i + 2) === 0x4c) {
      this.graphics(i + 5, end);
      return end;
    }
    if (this.at(i + 2) !== 0x6b) return end;
    // GS ( k pL pH cn fn …: cn 49 is QR; fn 80 stores "m d1..dk", fn 81 prints the stored symbol.
    const cn = this.at(i + 5);
    const fn = this.at(i + 6);
    if (cn === 49 && fn === 67) {
      this.qrModuleSize = this.at(i + 7) ?? this.qrModuleSize;
    } else if (cn === 49 && fn === 80) {
      this.storedQr = Buffer.from(this.bytes.subarray(i + 8, end)).toString('latin1');
    } else if (cn === 49 && fn === 81) {
      this.endLineIfAny();
      if (this.storedQr !== null) {
        this.result.qrCodes.push(this.storedQr);
        this.result.blocks.push({
          kind: 'qr',
          align: this.state.align,
          payload: this.storedQr,
          moduleSize: this.qrModuleSize,
        });
      }
    }
    return end;
  }

  /** `GS ( L` / `GS 8 L` parameters from `m` (at `from`) to `end`: NV graphics define and print. */
  private graphics(from: number, end: number): void {
    const fn = this.at(from + 1);
    const key = (offset: number): string =>
      String.fromCharCode(this.at(offset) ?? 0x3f, this.at(offset + 1) ?? 0x3f);
    if (fn === 69) {
      // m fn kc1 kc2 x y: print NV graphics by key code
      this.printNvLogo(key(from + 2));
    } else if (fn === 67 && this.at(from + 2) === 48) {
      // m fn a kc1 kc2 b xL xH yL yH [c d1..dk]: define NV graphics, raster format
      const [xL, xH, yL, yH] = [6, 7, 8, 9].map((k) => this.at(from + k) ?? 0) as [
        number,
        number,
        number,
        number,
      ];
      const width = xL + xH * 256;
      const height = yL + yH * 256;
      const rowBytes = Math.ceil(width / 8);
      const data = Buffer.from(
        this.bytes.subarray(from + 11, Math.min(end, from + 11 + rowBytes * height)),
      );
      const name = key(from + 3);
      this.result.nvDefinitions.push({ key: name, width, height });
      if (data.length === rowBytes * height) {
        this.nvImages.set(name, { width: rowBytes * 8, height, data });
      }
    }
  }

  /** `FS q n [xL xH yL yH d1..dk]1..n`: NV bit images #1..n, column format. */
  private defineNvBitImages(i: number): number {
    const count = this.at(i + 2);
    if (count === null) return this.bytes.length;
    let k = i + 3;
    for (let image = 1; image <= count; image++) {
      const header = [0, 1, 2, 3].map((d) => this.at(k + d));
      if (header.some((value) => value === null)) return this.bytes.length;
      const [xL, xH, yL, yH] = header as [number, number, number, number];
      const x = xL + xH * 256;
      const y = yL + yH * 256;
      const size = x * y * 8;
      if (k + 4 + size > this.bytes.length) return this.bytes.length;
      const columns = this.bytes.subarray(k + 4, k + 4 + size);
      // Column format (y bytes per column, top to bottom) back to rows.
      const width = x * 8;
      const height = y * 8;
      const data = Buffer.alloc((width / 8) * height);
      for (let column = 0; column < width; column++) {
        for (let row = 0; row < height; row++) {
          if ((columns[column * y + (row >> 3)] as number) & (0x80 >> (row & 7))) {
            const index = row * (width / 8) + (column >> 3);
            data[index] = (data[index] as number) | (0x80 >> (column & 7));
          }
        }
      }
      this.result.nvDefinitions.push({ key: `#${image}`, width, height });
      this.nvImages.set(`#${image}`, { width, height, data });
      k += 4 + size;
    }
    return k;
  }

  private printNvLogo(key: string): void {
    this.endLineIfAny();
    this.result.nvLogos.push(key);
    this.result.blocks.push({
      kind: 'nv-logo',
      align: this.state.align,
      key,
      image: this.nvImages.get(key) ?? null,
    });
  }

  private raster(i: number): number {
    if (this.at(i + 2) !== 0x30) return i + 3; // only GS v 0 exists
    const header = [4, 5, 6, 7].map((k) => this.at(i + k));
    if (header.some((value) => value === null)) return this.bytes.length;
    const [xL, xH, yL, yH] = header as [number, number, number, number];
    const widthBytes = xL + xH * 256;
    const height = yL + yH * 256;
    this.endLineIfAny();
    this.result.images.push({ width: widthBytes * 8, height });
    const end = i + 8 + widthBytes * height;
    this.result.blocks.push({
      kind: 'raster',
      align: this.state.align,
      image: {
        width: widthBytes * 8,
        height,
        data: Buffer.from(this.bytes.subarray(i + 8, Math.min(end, this.bytes.length))),
      },
    });
    return end;
  }

  private barcode(i: number): number {
    const m = this.at(i + 2);
    if (m === null) return this.bytes.length;
    // m 0–6: data ends with NUL; m 65–79: a length byte n then n bytes.
    if (m <= 6) return this.skipUntilNul(i + 3);
    const n = this.at(i + 3);
    if (n === null) return this.bytes.length;
    return i + 4 + n;
  }

  private skipUntilNul(from: number): number {
    let k = from;
    while (k < this.bytes.length && this.bytes[k] !== 0) k++;
    return k + 1;
  }

  private printable(byte: number): void {
    if (!this.line) {
      this.line = { text: '', align: this.state.align, bold: false, width: 1, height: 1 };
    }
    this.line.bold ||= this.state.bold;
    this.line.width = Math.max(this.line.width, this.state.width);
    this.line.height = Math.max(this.line.height, this.state.height);
    this.pendingBytes.push(byte);
  }

  /** Decodes the bytes gathered so far in the code page they were printed in. */
  private flushText(): void {
    if (this.pendingBytes.length === 0 || !this.line) return;
    const encoding = CODE_TABLES[this.state.codeTable] ?? 'CP437';
    this.line.text += iconv.decode(Buffer.from(this.pendingBytes), encoding);
    this.pendingBytes = [];
  }

  private newLine(): void {
    this.flushText();
    this.pushLine(
      this.line ?? {
        text: '',
        align: this.state.align,
        bold: false,
        width: 1,
        height: this.state.height,
      },
    );
    this.line = null;
  }

  /** Printing commands (feed by dots, images, QR) end a pending line without adding an empty one. */
  private endLineIfAny(): void {
    if (this.line) this.newLine();
  }

  private cut(end: number): void {
    this.endLineIfAny();
    this.result.cuts += 1;
    this.result.blocks.push({ kind: 'cut' });
    this.cutEnds.push(end);
  }
}

function joinText(lines: readonly DecodedLine[]): string {
  const texts = lines.map((line) => line.text.trimEnd());
  while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
  return texts.join('\n');
}

/** Decodes one ESC/POS byte stream. Never throws: truncated commands end the decoding. */
export function decodeEscPos(bytes: Uint8Array): DecodedEscPos {
  const decoder = new Decoder(bytes);
  decoder.run();
  return { ...decoder.result, text: joinText(decoder.result.lines) };
}

/**
 * Splits a byte stream (several jobs on one serial line, say) into tickets, each ending with its
 * cut command. Bytes after the last cut are returned as `rest`: an unfinished ticket, or the
 * reset that follows a cut.
 */
export function splitAtCuts(bytes: Uint8Array): { tickets: Buffer[]; rest: Buffer } {
  const decoder = new Decoder(bytes);
  decoder.run();
  const tickets: Buffer[] = [];
  let start = 0;
  for (const end of decoder.cutEnds) {
    tickets.push(Buffer.from(bytes.subarray(start, end)));
    start = end;
  }
  return { tickets, rest: Buffer.from(bytes.subarray(start)) };
}

/**
 * Lays decoded lines out on a monospace page of `columns` characters, honouring alignment, for
 * the on-screen preview and the saved .txt. Magnified text keeps one cell per character here.
 */
export function formatDecodedText(decoded: DecodedEscPos, columns: number): string {
  return joinText(
    decoded.lines.map((line) => {
      const text = line.text.trimEnd();
      const free = Math.max(0, columns - text.length);
      const pad =
        line.align === 'center' ? Math.floor(free / 2) : line.align === 'right' ? free : 0;
      return { ...line, text: ' '.repeat(pad) + text };
    }),
  );
}

export { renderDecodedSvg } from './escpos-svg';
