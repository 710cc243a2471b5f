import { describe, expect, it } from 'vitest';
import { parseScan } from '../../src-shared/domain/booking-code';
import { MAX_SCAN_LENGTH, sanitizeScan } from '../../src-shared/domain/scan-input';

describe('parseScan', () => {
  it.each([
    ['TRN-7K4P9Q', 'TRN-7K4P9Q'],
    ['trn-7k4p9q', 'TRN-7K4P9Q'],
    ['  TRN 7K4 P9Q \r\n', 'TRN-7K4P9Q'],
    ['7K4P9Q', 'TRN-7K4P9Q'],
    ['TRN-7K4P9O', 'TRN-7K4P90'], // O typed for zero
    ['TRN-1LI234', 'TRN-111234'], // I and L read as one
    ['https://ayto.example.es/cita/TRN-7K4P9Q', 'TRN-7K4P9Q'],
    ['https://ayto.example.es/checkin?code=trn-7k4p9q&x=1', 'TRN-7K4P9Q'],
    ['TRN-7K4P9Q\u200b', 'TRN-7K4P9Q'], // zero-width space from a copy-paste
  ])('%j is booking code %s', (raw, code) => {
    expect(parseScan(raw)).toEqual({ kind: 'booking-code', code });
  });

  it.each([
    ['', 'empty'],
    ['\u0000\u0001\u001b', 'empty'],
    ['TRN-7K4', 'unrecognised'],
    ['TRN-7K4P9Q9', 'unrecognised'],
    ["'; DROP TABLE tickets; --", 'unrecognised'],
    ['<script>alert(1)</script>', 'unrecognised'],
    ['javascript:alert(1)', 'unrecognised'],
    ['https://ayto.example.es/cita/%E0%A4%A', 'unrecognised'],
    ['x'.repeat(10 * 1024), 'too-long'],
  ])('%j is refused as %s', (raw, reason) => {
    expect(parseScan(raw)).toEqual({ kind: 'invalid', reason });
  });

  it('survives binary noise', () => {
    const noise = String.fromCharCode(...Array.from({ length: 512 }, (_, i) => (i * 37) % 256));
    expect(parseScan(noise).kind).toBe('invalid');
  });
});

describe('sanitizeScan', () => {
  it('strips control and invisible characters and bounds the length', () => {
    expect(sanitizeScan('\u0002ABC\u0003\r\n')).toEqual({ ok: true, text: 'ABC' });
    expect(sanitizeScan('a'.repeat(MAX_SCAN_LENGTH + 1))).toEqual({
      ok: false,
      reason: 'too-long',
    });
  });
});
