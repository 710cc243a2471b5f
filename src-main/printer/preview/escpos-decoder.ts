/**
 * A small decoder of the ESC/POS that Turnero emits (see ../ticket-template.ts): text in the
 * active code page, alignment, bold, character size, line feeds, cuts, native QR codes, raster
 * images and NV logos (defined with `GS ( L` fn 67 or `FS q`, printed with `GS ( L` fn 69 or
 * `FS p`). It plays the commands the parser read (./command-parser.ts) on a model of the
 * printer's state and buffer, and feeds the virtual printer's preview and saved files (text and
 * SVG), and lets tests read back what a real transport delivered.
 */
import iconv from 'iconv-lite';
import { CODE_TABLE_ENCODINGS, DEFAULT_CODE_TABLE, type Alignment } from '../escpos/commands';
import { parseEscPos, type PrintCommand } from './command-parser';
import type { DecodedBitmap, DecodedEscPos, DecodedLine } from './decoded-ticket';
import { joinText } from './text-layout';

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

class VirtualPaper {
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

  play(commands: readonly PrintCommand[]): void {
    for (const command of commands) this.apply(command);
    this.flushText();
    if (this.line) this.pushLine(this.line);
    this.line = null;
  }

  private apply(command: PrintCommand): void {
    switch (command.kind) {
      case 'text':
        this.printable(command.bytes);
        break;
      case 'line-feed':
        this.newLine();
        break;
      case 'initialize':
        this.pendingBytes = [];
        this.line = null;
        this.state = initialState();
        break;
      case 'code-table':
        this.flushText();
        this.state.codeTable = command.table;
        break;
      case 'justify':
        this.state.align = command.align;
        break;
      case 'emphasize':
        this.state.bold = command.on;
        break;
      case 'print-mode':
        this.state.bold = command.bold;
        this.state.width = command.width;
        this.state.height = command.height;
        break;
      case 'character-size':
        this.state.width = command.width;
        this.state.height = command.height;
        break;
      case 'feed-lines':
        if (command.lines === 0) this.endLineIfAny();
        for (let k = 0; k < command.lines; k++) this.newLine();
        break;
      case 'feed-dots':
        this.endLineIfAny();
        break;
      case 'cut':
        this.endLineIfAny();
        this.result.cuts += 1;
        this.result.blocks.push({ kind: 'cut' });
        this.cutEnds.push(command.end);
        break;
      case 'qr-module-size':
        this.qrModuleSize = command.size;
        break;
      case 'qr-store':
        this.storedQr = command.payload;
        break;
      case 'qr-print':
        this.printQr();
        break;
      case 'raster': {
        const { image } = command;
        this.endLineIfAny();
        this.result.images.push({ width: image.width, height: image.height });
        this.result.blocks.push({ kind: 'raster', align: this.state.align, image });
        break;
      }
      case 'nv-define': {
        const { key, width, height, image } = command;
        this.result.nvDefinitions.push({ key, width, height });
        if (image) this.nvImages.set(key, image);
        break;
      }
      case 'nv-print':
        this.printNvLogo(command.key);
        break;
    }
  }

  private pushLine(line: DecodedLine): void {
    this.result.lines.push(line);
    this.result.blocks.push({ kind: 'line', line });
  }

  private printQr(): void {
    this.endLineIfAny();
    if (this.storedQr === null) return;
    this.result.qrCodes.push(this.storedQr);
    this.result.blocks.push({
      kind: 'qr',
      align: this.state.align,
      payload: this.storedQr,
      moduleSize: this.qrModuleSize,
    });
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

  private printable(bytes: readonly number[]): void {
    if (!this.line) {
      this.line = { text: '', align: this.state.align, bold: false, width: 1, height: 1 };
    }
    this.line.bold ||= this.state.bold;
    this.line.width = Math.max(this.line.width, this.state.width);
    this.line.height = Math.max(this.line.height, this.state.height);
    // One by one: a spread of a long run would exceed the engine's argument limit.
    for (const byte of bytes) this.pendingBytes.push(byte);
  }

  /** Decodes the bytes gathered so far in the code page they were printed in. */
  private flushText(): void {
    if (this.pendingBytes.length === 0 || !this.line) return;
    const encoding = CODE_TABLE_ENCODINGS[this.state.codeTable] ?? 'CP437';
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
}

function play(bytes: Uint8Array): VirtualPaper {
  const paper = new VirtualPaper();
  paper.play(parseEscPos(bytes));
  return paper;
}

/** Decodes one ESC/POS byte stream. Never throws: truncated commands end the decoding. */
export function decodeEscPos(bytes: Uint8Array): DecodedEscPos {
  const { result } = play(bytes);
  return { ...result, text: joinText(result.lines) };
}

/**
 * Splits a byte stream (several jobs on one serial line, say) into tickets, each ending with its
 * cut command. Bytes after the last cut are returned as `rest`: an unfinished ticket, or the
 * reset that follows a cut.
 */
export function splitAtCuts(bytes: Uint8Array): { tickets: Buffer[]; rest: Buffer } {
  const tickets: Buffer[] = [];
  let start = 0;
  for (const end of play(bytes).cutEnds) {
    tickets.push(Buffer.from(bytes.subarray(start, end)));
    start = end;
  }
  return { tickets, rest: Buffer.from(bytes.subarray(start)) };
}
