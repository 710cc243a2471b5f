/** The command builders every producer shares, and the column format both ways. */
import { describe, expect, it } from 'vitest';
import { columnsToRows, rowsToColumns } from '../../src-main/printer/escpos/column-format';
import {
  characterSize,
  defineNvGraphics,
  printNvGraphics,
  qrCode,
  statusRequest,
} from '../../src-main/printer/escpos/commands';
import { decodeEscPos } from '../../src-main/printer/preview/escpos-decoder';

const GS = 0x1d;

describe('ESC/POS command builders', () => {
  it('puts the width in the high nibble of GS ! and refuses sizes outside 1–8', () => {
    expect([...characterSize(3, 1)]).toEqual([GS, 0x21, 0x20]);
    expect([...characterSize(1, 8)]).toEqual([GS, 0x21, 0x07]);
    expect(() => characterSize(0, 1)).toThrow(/1–8/);
    expect(() => characterSize(1, 9)).toThrow(/1–8/);
  });

  it('builds a QR code the decoder reads back, model and module size included', () => {
    const bytes = qrCode('https://ayto.example.es/t?n=C-014', {
      model: 2,
      moduleSize: 6,
      correction: 'M',
    });
    expect([...bytes.subarray(0, 9)]).toEqual([GS, 0x28, 0x6b, 4, 0, 49, 65, 50, 0]);
    const decoded = decodeEscPos(bytes);
    expect(decoded.qrCodes).toEqual(['https://ayto.example.es/t?n=C-014']);
    expect(decoded.blocks).toEqual([
      expect.objectContaining({ kind: 'qr', moduleSize: 6, align: 'left' }),
    ]);
  });

  it('defines and prints NV graphics by key, which the decoder pairs up', () => {
    const image = Buffer.from([0xf0, 0x0f]);
    const decoded = decodeEscPos(
      Buffer.concat([defineNvGraphics('TL', 8, 2, image), printNvGraphics('TL')]),
    );
    expect(decoded.nvDefinitions).toEqual([{ key: 'TL', width: 8, height: 2 }]);
    expect(decoded.blocks).toEqual([
      { kind: 'nv-logo', align: 'left', key: 'TL', image: { width: 8, height: 2, data: image } },
    ]);
    expect(() => printNvGraphics('T')).toThrow(/2 ASCII characters/);
  });

  it('asks for real-time status with DLE EOT n', () => {
    expect([...statusRequest(2)]).toEqual([0x10, 0x04, 0x02]);
  });
});

describe('FS q column format', () => {
  it('turns rows into columns and back', () => {
    // 16 × 8 dots: a diagonal and a filled right half.
    const rows = Buffer.from(Array.from({ length: 8 }, (_, row) => [0x80 >> row, 0xff]).flat());
    const { y, columns } = rowsToColumns(rows, 16, 8);
    expect(y).toBe(1);
    expect([...columns.subarray(0, 8)]).toEqual([0x80, 0x40, 0x20, 0x10, 0x08, 0x04, 0x02, 0x01]);
    expect([...columns.subarray(8)]).toEqual(Array(8).fill(0xff));
    expect(columnsToRows(columns, 16, y)).toEqual(rows);
  });
});
