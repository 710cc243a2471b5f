import { describe, expect, it } from 'vitest';
import { ScanFramer } from '../../src-main/scanner/scan-framer';

const texts = (framer: ScanFramer, chunk: string) =>
  framer
    .push(Buffer.from(chunk, 'latin1'))
    .map((event) =>
      event.kind === 'scan' ? event.bytes.toString('latin1') : `overflow:${event.droppedBytes}`,
    );

describe('ScanFramer', () => {
  it('splits at CR, LF and CRLF, across chunk boundaries, skipping empty frames', () => {
    const framer = new ScanFramer(64);
    expect(texts(framer, 'TRN-AAA')).toEqual([]);
    expect(texts(framer, 'AAA\r')).toEqual(['TRN-AAAAAA']);
    expect(texts(framer, '\nTRN-BBBBBB\nTRN-C')).toEqual(['TRN-BBBBBB']);
    expect(texts(framer, 'CCCCC\r\n\r\n')).toEqual(['TRN-CCCCCC']);
  });

  it('drops an over-long frame up to its terminator without buffering it', () => {
    const framer = new ScanFramer(16);
    expect(texts(framer, 'x'.repeat(10 * 1024))).toEqual([]);
    expect(texts(framer, 'y'.repeat(100) + '\rTRN-OKOKOK\r')).toEqual([
      `overflow:${10 * 1024 + 100}`,
      'TRN-OKOKOK',
    ]);
  });
});
