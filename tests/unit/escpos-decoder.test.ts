import { BreakLine, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { describe, expect, it } from 'vitest';
import { decodeEscPos, splitAtCuts } from '../../src-main/printer/preview/escpos-decoder';
import { formatDecodedText } from '../../src-main/printer/preview/text-layout';

const ESC = 0x1b;
const GS = 0x1d;
const LF = 0x0a;

/** Bytes from numbers and ASCII strings, for readable hand-written streams. */
function bytes(...parts: Array<number | string | number[] | Buffer>): Buffer {
  return Buffer.concat(
    parts.map((part) => {
      if (typeof part === 'string') return Buffer.from(part, 'latin1');
      if (typeof part === 'number') return Buffer.from([part]);
      return Buffer.from(part);
    }),
  );
}

const texts = (data: Buffer): string[] => decodeEscPos(data).lines.map((line) => line.text);

describe('ESC/POS decoder', () => {
  it('decodes PC858 text selected with ESC t 19', () => {
    const init = [ESC, 0x40, ESC, 0x74, 19];
    const data = bytes(init, 'Pe', 0xa4, 'a ', 0xa0, ' ', 0xd5, ' ', [0xa8, 0xad], LF);
    expect(texts(data)).toEqual(['Peña á € ¿¡']);
  });

  it('starts in PC437 and follows code page changes mid-line', () => {
    // 0xD5 is "╒" in PC437, "€" in PC858; 0x80 is "€" in WPC1252.
    const data = bytes(0xd5, ESC, 0x74, 19, 0xd5, ESC, 0x74, 16, 0x80, 0xf1, LF);
    expect(texts(data)).toEqual(['╒€€ñ']);
  });

  it('returns to PC437 after ESC @', () => {
    expect(texts(bytes(ESC, 0x74, 19, ESC, 0x40, 0xd5, LF))).toEqual(['╒']);
  });

  it('drops an unterminated line on ESC @, as the printer clears its buffer', () => {
    expect(texts(bytes('lost', ESC, 0x40, 'kept', LF))).toEqual(['kept']);
  });

  it('records alignment, bold and size per line', () => {
    const data = bytes(
      ...[[ESC, 0x61, 1], [ESC, 0x45, 1], 'centre bold', LF],
      ...[[ESC, 0x45, 0], [ESC, 0x61, 2], 'right', LF],
      ...[[ESC, 0x61, 48], [GS, 0x21, 0x11], 'double', LF],
      ...[[GS, 0x21, 0x70], 'wide', LF],
      ...[[GS, 0x21, 0x07], 'tall', LF],
      ...[[GS, 0x21, 0x00], [ESC, 0x21, 0x38], 'mode', LF],
      ...[[ESC, 0x21, 0x00], [ESC, 0x61, 49], 'plain', LF],
    );
    expect(decodeEscPos(data).lines).toEqual([
      { text: 'centre bold', align: 'center', bold: true, width: 1, height: 1 },
      { text: 'right', align: 'right', bold: false, width: 1, height: 1 },
      { text: 'double', align: 'left', bold: false, width: 2, height: 2 },
      { text: 'wide', align: 'left', bold: false, width: 8, height: 1 },
      { text: 'tall', align: 'left', bold: false, width: 1, height: 8 },
      { text: 'mode', align: 'left', bold: true, width: 2, height: 2 },
      { text: 'plain', align: 'center', bold: false, width: 1, height: 1 },
    ]);
  });

  it('counts cuts of every GS V form without swallowing the next text', () => {
    const data = bytes(
      ...['a', LF, [GS, 0x56, 0x00]],
      ...['b', LF, [GS, 0x56, 66, 3]],
      ...['c', LF, [GS, 0x56, 49]],
      ...[[ESC, 0x69]],
    );
    const decoded = decodeEscPos(data);
    expect(decoded.cuts).toBe(4);
    expect(decoded.lines.map((line) => line.text)).toEqual(['a', 'b', 'c']);
  });

  it('feeds lines with ESC d n and keeps the blank feed out of the text', () => {
    const decoded = decodeEscPos(bytes('a', ESC, 0x64, 3, GS, 0x56, 0));
    expect(decoded.lines.map((line) => line.text)).toEqual(['a', '', '']);
    expect(decoded.text).toBe('a');
  });

  it('reads QR payloads stored and printed with GS ( k', () => {
    const payload = 'https://sede.example.es/cita';
    const store = bytes(GS, 0x28, 0x6b, payload.length + 3, 0, 49, 80, 48, payload);
    const print = bytes(GS, 0x28, 0x6b, 3, 0, 49, 81, 48);
    const model = bytes(GS, 0x28, 0x6b, 4, 0, 49, 65, 50, 0);
    const decoded = decodeEscPos(bytes(model, store, print, 'after', LF));
    expect(decoded.qrCodes).toEqual([payload]);
    expect(decoded.lines.map((line) => line.text)).toEqual(['after']);
  });

  it('reads the QR codes node-thermal-printer builds', () => {
    const printer = new ThermalPrinter({
      type: PrinterTypes.EPSON,
      interface: '',
      breakLine: BreakLine.NONE,
    });
    printer.println('QR below');
    printer.printQR('TRN-2025-000123', { cellSize: 6, correction: 'M', model: 2 });
    printer.cut();
    const decoded = decodeEscPos(printer.getBuffer());
    expect(decoded.qrCodes).toEqual(['TRN-2025-000123']);
    expect(decoded.text).toBe('QR below');
    expect(decoded.cuts).toBe(1);
  });

  it('skips raster image data, even bytes that look like text or commands', () => {
    const image = [0x0a, 0x1b, 0x40, 0x41, 0x1d, 0x56];
    const data = bytes(GS, 0x76, 0x30, 0, 2, 0, 3, 0, image, 'after', LF);
    const decoded = decodeEscPos(data);
    expect(decoded.images).toEqual([{ width: 16, height: 3 }]);
    expect(decoded.cuts).toBe(0);
    expect(decoded.lines.map((line) => line.text)).toEqual(['after']);
  });

  it('skips commands it does not interpret by their length', () => {
    const data = bytes(
      ...[[ESC, 0x33, 0x41], 'a'], // ESC 3 n: line spacing, n is not text
      ...[[ESC, 0x70, 0, 0x41, 0x42], 'b'], // ESC p m t1 t2: drawer kick
      ...[[ESC, 0x28, 0x41, 4, 0, 0x41, 0x42, 0x43, 0x44], 'c'], // ESC ( A: beeper block
      ...[[0x10, 0x04, 1], 'd'], // DLE EOT n: status request
      ...[[GS, 0x6b, 4], '123', 0, 'e'], // GS k CODE39 … NUL
      ...[[0x1c, 0x70, 1, 0], 'f'], // FS p: NV logo, printed below the pending line
      ...[0x0d, LF],
    );
    expect(texts(data)).toEqual(['abcde', 'f']);
  });

  it('reads NV logos printed by key (GS ( L fn 69, FS p) and skips FS q definitions', () => {
    // FS q 1: one 8×8 image whose data bytes look like commands and text.
    const define = bytes(0x1c, 0x71, 1, 1, 0, 1, 0, [0x1b, 0x40, 0x41, 0x0a, 0x1d, 0x56, 0, 0xff]);
    const byKey = bytes(GS, 0x28, 0x4c, 6, 0, 48, 69, 'TL', 1, 1);
    const decoded = decodeEscPos(bytes('a', byKey, 'b', define, 0x1c, 0x70, 1, 0, 'c', LF));
    expect(decoded.nvLogos).toEqual(['TL', '#1']);
    expect(decoded.nvDefinitions).toEqual([{ key: '#1', width: 8, height: 8 }]);
    expect(decoded.lines.map((line) => line.text)).toEqual(['a', 'b', 'c']);
    expect(decoded.cuts).toBe(0);
    expect(decoded.blocks.map((block) => block.kind)).toEqual([
      'line',
      'nv-logo',
      'line',
      'nv-logo',
      'line',
    ]);
  });

  it('takes unknown ESC and GS commands as two bytes', () => {
    expect(texts(bytes(ESC, 0x7e, 'ok', GS, 0x99, 'go', LF))).toEqual(['okgo']);
  });

  it.each([
    ['ESC', bytes('text', ESC)],
    ['ESC t', bytes('text', ESC, 0x74)],
    ['GS', bytes('text', GS)],
    ['GS V', bytes('text', GS, 0x56)],
    ['GS ( k payload', bytes('text', GS, 0x28, 0x6b, 20, 0, 49, 80, 48, 'ab')],
    ['GS v 0 header', bytes('text', GS, 0x76, 0x30, 0, 2)],
    ['GS v 0 data', bytes('text', GS, 0x76, 0x30, 0, 2, 0, 3, 0, 1, 2)],
    ['ESC *', bytes('text', ESC, 0x2a, 33, 10)],
    ['GS ( L define', bytes('text', GS, 0x28, 0x4c, 40, 0, 48, 67, 48, 'TL', 1, 8, 0)],
    ['FS q', bytes('text', 0x1c, 0x71, 1, 1, 0, 1, 0, 0xff)],
  ])('survives a stream truncated inside %s', (_name, data) => {
    const decoded = decodeEscPos(data);
    expect(decoded.lines.map((line) => line.text)).toEqual(['text']);
    expect(decoded.cuts).toBe(0);
  });

  it('splits a stream into tickets at each cut', () => {
    const one = bytes(ESC, 0x40, 'one', LF, GS, 0x56, 0);
    const two = bytes(ESC, 0x40, ESC, 0x74, 19, 'two', LF, GS, 0x56, 66, 0);
    const { tickets, rest } = splitAtCuts(bytes(one, two, ESC, 0x40, 'thr'));
    expect(tickets).toEqual([one, two]);
    expect(rest).toEqual(bytes(ESC, 0x40, 'thr'));
    expect(tickets.map((ticket) => decodeEscPos(ticket).text)).toEqual(['one', 'two']);
  });

  it('lays out aligned lines on a monospace page', () => {
    const decoded = decodeEscPos(
      bytes(ESC, 0x61, 1, 'abcd', LF, ESC, 0x61, 2, 'xy', LF, ESC, 0x61, 0, 'z', LF),
    );
    expect(formatDecodedText(decoded, 10)).toBe('   abcd\n        xy\nz');
  });
});
