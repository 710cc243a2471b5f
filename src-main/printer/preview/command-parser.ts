/**
 * The first half of the preview's decoder: an ESC/POS byte stream read into the list of commands
 * that change what comes out on paper (text, feeds, styles, cuts, QR codes, raster images, NV
 * logos and their definitions). Everything else is skipped by its known length, or as a bare
 * two-byte command when unknown, so one odd byte never derails the rest. A stream truncated
 * inside a command ends there.
 */
import {
  CUT_WITHOUT_FEED,
  DLE,
  DleCommand,
  ESC,
  EscCommand,
  ExtendedFunction,
  FS,
  FsCommand,
  GRAPHICS_RASTER_FORMAT,
  GraphicsFunction,
  GS,
  GsCommand,
  HT,
  JUSTIFICATIONS,
  LF,
  QR_SYMBOL,
  QrFunction,
  type Alignment,
} from '../escpos/commands';
import { columnsToRows } from '../escpos/column-format';
import type { DecodedBitmap } from './decoded-ticket';
import { ESC_PARAMETER_COUNTS, GS_PARAMETER_COUNTS } from './skipped-commands';

export type PrintCommand =
  /** Printable bytes, in the code table of the moment (HT prints as a space). */
  | { kind: 'text'; bytes: number[] }
  | { kind: 'line-feed' }
  /** ESC @: clears the print buffer (an unterminated line is lost) and resets every mode. */
  | { kind: 'initialize' }
  | { kind: 'code-table'; table: number }
  | { kind: 'justify'; align: Alignment }
  | { kind: 'emphasize'; on: boolean }
  /** ESC !: bold and double width / height at once. */
  | { kind: 'print-mode'; bold: boolean; width: number; height: number }
  | { kind: 'character-size'; width: number; height: number }
  | { kind: 'feed-lines'; lines: number }
  /** ESC J: ends a pending line, without adding an empty one. */
  | { kind: 'feed-dots' }
  /** `end`: the offset just after the cut command, where the next ticket starts. */
  | { kind: 'cut'; end: number }
  | { kind: 'qr-module-size'; size: number }
  | { kind: 'qr-store'; payload: string }
  | { kind: 'qr-print' }
  | { kind: 'raster'; image: DecodedBitmap }
  /** An NV image defined; `image` only when the whole definition is in the stream. */
  | { kind: 'nv-define'; key: string; width: number; height: number; image: DecodedBitmap | null }
  /** An NV image printed: the `GS ( L` key code ("TL"), or "#n" for `FS p n`. */
  | { kind: 'nv-print'; key: string };

class CommandParser {
  readonly commands: PrintCommand[] = [];

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
      else {
        if (byte === LF) this.commands.push({ kind: 'line-feed' });
        else if (byte === HT) this.text(0x20);
        // Other C0 controls (CR, FF, NUL…) print nothing in standard mode.
        else if (byte >= 0x20) this.text(byte);
        i += 1;
      }
    }
  }

  /** Reads byte `offset`, or null when the stream ends inside a command. */
  private at(offset: number): number | null {
    return offset < this.bytes.length ? (this.bytes[offset] as number) : null;
  }

  private text(byte: number): void {
    const last = this.commands.at(-1);
    if (last?.kind === 'text') last.bytes.push(byte);
    else this.commands.push({ kind: 'text', bytes: [byte] });
  }

  private esc(i: number): number {
    const command = this.at(i + 1);
    if (command === null) return this.bytes.length;
    const n = this.at(i + 2);
    switch (command) {
      case EscCommand.INITIALIZE:
        this.commands.push({ kind: 'initialize' });
        return i + 2;
      case EscCommand.CODE_TABLE:
        if (n !== null) this.commands.push({ kind: 'code-table', table: n });
        return i + 3;
      case EscCommand.JUSTIFY: {
        const align = n === null ? undefined : JUSTIFICATIONS[n];
        if (align) this.commands.push({ kind: 'justify', align });
        return i + 3;
      }
      case EscCommand.EMPHASIZE:
        if (n !== null) this.commands.push({ kind: 'emphasize', on: (n & 1) === 1 });
        return i + 3;
      case EscCommand.PRINT_MODE: // bit 3 emphasised, bit 4 double height, bit 5 double width
        if (n !== null) {
          const [bold, height, width] = [(n & 0x08) !== 0, n & 0x10 ? 2 : 1, n & 0x20 ? 2 : 1];
          this.commands.push({ kind: 'print-mode', bold, width, height });
        }
        return i + 3;
      case EscCommand.FEED_LINES:
        if (n !== null) this.commands.push({ kind: 'feed-lines', lines: n });
        return i + 3;
      case EscCommand.FEED_DOTS:
        this.commands.push({ kind: 'feed-dots' });
        return i + 3;
      case EscCommand.LEGACY_FULL_CUT:
      case EscCommand.LEGACY_PARTIAL_CUT:
        this.commands.push({ kind: 'cut', end: i + 2 });
        return i + 2;
      case EscCommand.TAB_POSITIONS:
        return this.skipUntilNul(i + 2);
      case EscCommand.BIT_IMAGE: {
        // ESC * m nL nH d1..dk: 8-dot (m 0/1) or 24-dot (m 32/33) columns
        const m = this.at(i + 2);
        const nL = this.at(i + 3);
        const nH = this.at(i + 4);
        if (m === null || nL === null || nH === null) return this.bytes.length;
        return i + 5 + (nL + nH * 256) * (m >= 32 ? 3 : 1);
      }
      case EscCommand.EXTENDED:
        return this.skipParameterBlock(i);
      default:
        // Unknown commands are taken as parameterless: the least we can wrongly swallow.
        return i + 2 + (ESC_PARAMETER_COUNTS[command] ?? 0);
    }
  }

  private gs(i: number): number {
    const command = this.at(i + 1);
    if (command === null) return this.bytes.length;
    const n = this.at(i + 2);
    switch (command) {
      case GsCommand.CHARACTER_SIZE: // high nibble width − 1, low nibble height − 1
        if (n !== null) {
          const [width, height] = [((n >> 4) & 0x07) + 1, (n & 0x07) + 1];
          this.commands.push({ kind: 'character-size', width, height });
        }
        return i + 3;
      case GsCommand.CUT: {
        if (n === null) return this.bytes.length;
        const end = CUT_WITHOUT_FEED.includes(n) ? i + 3 : i + 4;
        this.commands.push({ kind: 'cut', end: Math.min(end, this.bytes.length) });
        return end;
      }
      case GsCommand.EXTENDED:
        return this.gsExtended(i);
      case GsCommand.RASTER:
        return this.raster(i);
      case GsCommand.BARCODE:
        return this.barcode(i);
      case GsCommand.DEFINE_BIT_IMAGE: {
        const x = this.at(i + 2);
        const y = this.at(i + 3);
        if (x === null || y === null) return this.bytes.length;
        return i + 4 + x * y * 8;
      }
      case GsCommand.EXTENDED_LONG: {
        const p = [2, 3, 4, 5].map((k) => this.at(i + k + 1));
        if (p.some((value) => value === null)) return this.bytes.length;
        const [p1, p2, p3, p4] = p as [number, number, number, number];
        const end = i + 7 + p1 + p2 * 0x100 + p3 * 0x10000 + p4 * 0x1000000;
        if (this.at(i + 2) === ExtendedFunction.GRAPHICS && end <= this.bytes.length) {
          this.graphics(i + 7, end);
        }
        return end;
      }
      default:
        return i + 2 + (GS_PARAMETER_COUNTS[command] ?? 0);
    }
  }

  private fs(i: number): number {
    const command = this.at(i + 1);
    if (command === null) return this.bytes.length;
    if (command === FsCommand.PRINT_NV_BIT_IMAGE) {
      const n = this.at(i + 2);
      if (n === null || this.at(i + 3) === null) return this.bytes.length;
      this.commands.push({ kind: 'nv-print', key: `#${n}` });
      return i + 4;
    }
    if (command === FsCommand.DEFINE_NV_BIT_IMAGES) return this.defineNvBitImages(i);
    if (command === FsCommand.EXTENDED) return this.skipParameterBlock(i);
    if (command === 0x21 || command === 0x2d || command === 0x43 || command === 0x57) {
      return i + 3; // FS ! / FS - / FS C / FS W n (Kanji modes)
    }
    return i + 2;
  }

  private dle(i: number): number {
    const command = this.at(i + 1);
    if (command === DleCommand.STATUS || command === DleCommand.REQUEST) return i + 3;
    if (command === DleCommand.DC4) return i + 5;
    return i + 1; // a bare DLE is a control character: drop it alone
  }

  /** `x ( fn pL pH` + (pL + pH·256) bytes: the generic extended-command envelope. */
  private skipParameterBlock(i: number): number {
    const pL = this.at(i + 3);
    const pH = this.at(i + 4);
    if (pL === null || pH === null) return this.bytes.length;
    return i + 5 + pL + pH * 256;
  }

  private gsExtended(i: number): number {
    const end = this.skipParameterBlock(i);
    if (end > this.bytes.length) return end;
    const fn = this.at(i + 2);
    if (fn === ExtendedFunction.GRAPHICS) this.graphics(i + 5, end);
    else if (fn === ExtendedFunction.SYMBOL && this.at(i + 5) === QR_SYMBOL) this.qr(i, end);
    return end;
  }

  /** `GS ( k pL pH 49 fn …`: fn 67 module size, fn 80 stores "m d1..dk", fn 81 prints it. */
  private qr(i: number, end: number): void {
    const fn = this.at(i + 6);
    if (fn === QrFunction.MODULE_SIZE) {
      const size = this.at(i + 7);
      if (size !== null) this.commands.push({ kind: 'qr-module-size', size });
    } else if (fn === QrFunction.STORE) {
      const payload = Buffer.from(this.bytes.subarray(i + 8, end)).toString('latin1');
      this.commands.push({ kind: 'qr-store', payload });
    } else if (fn === QrFunction.PRINT) {
      this.commands.push({ kind: 'qr-print' });
    }
  }

  /** `GS ( L` / `GS 8 L` parameters from `m` (at `from`) to `end`: NV graphics define and print. */
  private graphics(from: number, end: number): void {
    const fn = this.at(from + 1);
    const key = (offset: number): string =>
      String.fromCharCode(this.at(offset) ?? 0x3f, this.at(offset + 1) ?? 0x3f);
    if (fn === GraphicsFunction.PRINT) {
      // m fn kc1 kc2 x y
      this.commands.push({ kind: 'nv-print', key: key(from + 2) });
    } else if (fn === GraphicsFunction.DEFINE && this.at(from + 2) === GRAPHICS_RASTER_FORMAT) {
      // m fn a kc1 kc2 b xL xH yL yH c d1..dk
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
      const complete = data.length === rowBytes * height;
      this.commands.push({
        kind: 'nv-define',
        key: key(from + 3),
        width,
        height,
        image: complete ? { width: rowBytes * 8, height, data } : null,
      });
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
      const [width, height] = [x * 8, y * 8];
      const data = columnsToRows(this.bytes.subarray(k + 4, k + 4 + size), width, y);
      const key = `#${image}`;
      this.commands.push({ kind: 'nv-define', key, width, height, image: { width, height, data } });
      k += 4 + size;
    }
    return k;
  }

  /** `GS v 0 m xL xH yL yH d1..dk`; only m 0 (`GS v 0`) exists. */
  private raster(i: number): number {
    if (this.at(i + 2) !== 0x30) return i + 3;
    const header = [4, 5, 6, 7].map((k) => this.at(i + k));
    if (header.some((value) => value === null)) return this.bytes.length;
    const [xL, xH, yL, yH] = header as [number, number, number, number];
    const widthBytes = xL + xH * 256;
    const height = yL + yH * 256;
    const end = i + 8 + widthBytes * height;
    const data = Buffer.from(this.bytes.subarray(i + 8, Math.min(end, this.bytes.length)));
    this.commands.push({ kind: 'raster', image: { width: widthBytes * 8, height, data } });
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
}

/** The commands of one ESC/POS byte stream that change what is printed. Never throws. */
export function parseEscPos(bytes: Uint8Array): PrintCommand[] {
  const parser = new CommandParser(bytes);
  parser.run();
  return parser.commands;
}
