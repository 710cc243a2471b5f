import { describe, expect, it } from 'vitest';
import {
  isPrintableKey,
  WedgeDetector,
  wedgeTiming,
} from '../../src-renderer/scanner/wedge-detector';

/** Feeds `text` then Enter with a fixed gap between keys; returns every step. */
function typeAt(detector: WedgeDetector, text: string, gapsMs: number | number[], start = 1000) {
  const gaps =
    typeof gapsMs === 'number' ? Array.from({ length: text.length + 1 }, () => gapsMs) : gapsMs;
  let at = start;
  const steps = [...text, 'Enter'].map((key, index) => {
    if (index > 0) at += gaps[index - 1] ?? 0;
    return detector.push(key, at);
  });
  return { steps, last: steps[steps.length - 1], at };
}

describe('WedgeDetector', () => {
  it('recognises a fast burst ending with Enter as a scan', () => {
    const { steps, last } = typeAt(new WedgeDetector(), 'TRN-7K4P9Q', 5);
    expect(last).toEqual({ typed: '', scan: 'TRN-7K4P9Q', swallow: true });
    // Nothing of the scan is released as typed text along the way.
    expect(steps.map((step) => step.typed).join('')).toBe('');
  });

  it('does not take slow human typing for a scan, and releases it as typed text', () => {
    const detector = new WedgeDetector();
    const { steps, last } = typeAt(detector, 'TRN7K4', 150);
    expect(last?.scan).toBeNull();
    expect(last?.swallow).toBe(false);
    expect(steps.map((step) => step.typed).join('')).toBe('TRN7K4');
  });

  it('tolerates the odd late key as long as the average stays scanner-fast', () => {
    const gaps = [8, 9, 110, 7, 8, 9, 8, 10, 9, 8];
    expect(typeAt(new WedgeDetector(), 'TRN-7K4P9Q', gaps).last?.scan).toBe('TRN-7K4P9Q');
  });

  it('rejects a burst whose average gap is human-slow even when every gap is short', () => {
    // 60 ms a key is a very fast typist, never a scanner.
    expect(typeAt(new WedgeDetector(), 'ABCDEF', 60).last?.scan).toBeNull();
  });

  it('needs at least four characters', () => {
    expect(typeAt(new WedgeDetector(), 'ABC', 5).last).toEqual({
      typed: 'ABC',
      scan: null,
      swallow: false,
    });
    expect(typeAt(new WedgeDetector(), 'ABCD', 5).last?.scan).toBe('ABCD');
  });

  it('needs the Enter to come quickly after the last character', () => {
    const detector = new WedgeDetector();
    const { last } = typeAt(detector, 'ABCDEF', [5, 5, 5, 5, 5, 500]);
    expect(last?.scan).toBeNull();
  });

  it('splits a slow prefix from a following scan', () => {
    const detector = new WedgeDetector();
    let at = 0;
    const typed: string[] = [];
    for (const key of 'AB1') {
      at += 200;
      typed.push(detector.push(key, at).typed);
    }
    at += 400;
    const steps = [...'TRN7K4P9Q', 'Enter'].map((key) => detector.push(key, (at += 6)));
    expect([...typed, ...steps.map((step) => step.typed)].join('')).toBe('AB1');
    expect(steps.at(-1)?.scan).toBe('TRN7K4P9Q');
  });

  it('releases held characters on flush once no Enter can complete a scan', () => {
    const detector = new WedgeDetector();
    detector.push('A', 0);
    detector.push('B', 5);
    expect(detector.pending).toBe('AB');
    expect(detector.flush(50)).toBe(''); // a scan could still finish
    expect(detector.flush(5 + detector.holdMs + 1)).toBe('AB');
    expect(detector.pending).toBe('');
  });

  it('ignores modifiers (scanners press Shift for capitals) but breaks on other keys', () => {
    const detector = new WedgeDetector();
    let at = 0;
    for (const key of ['Shift', 'T', 'Shift', 'R', 'Shift', 'N', '1'])
      detector.push(key, (at += 4));
    expect(detector.push('Enter', (at += 4)).scan).toBe('TRN1');

    for (const key of 'ABC') detector.push(key, (at += 4));
    expect(detector.push('Backspace', (at += 4))).toEqual({
      typed: 'ABC',
      scan: null,
      swallow: false,
    });
  });

  it('never treats auto-repeat as a scan', () => {
    const detector = new WedgeDetector();
    let at = 0;
    detector.push('A', at);
    const repeated = [1, 2, 3, 4].map(() => detector.push('A', (at += 30), true));
    expect(repeated.every((step) => step.scan === null)).toBe(true);
    expect(detector.push('Enter', (at += 30)).scan).toBeNull();
  });

  it('bounds what it keeps of an endless burst', () => {
    const detector = new WedgeDetector({ maxLength: 8 });
    const { last } = typeAt(detector, 'X'.repeat(50), 2);
    expect(last?.scan).toBe('X'.repeat(8));
  });

  it('knows printable keys from named keys', () => {
    expect(['a', 'Z', '7', '-', ' ', 'ñ', '€'].every(isPrintableKey)).toBe(true);
    expect(['Enter', 'Backspace', 'Shift', 'F1', 'Dead', '\u0007'].some(isPrintableKey)).toBe(
      false,
    );
  });

  it('reports a scanner-fast burst cut off before its Enter as incomplete, not as typing', () => {
    const detector = new WedgeDetector();
    let at = 0;
    for (const key of 'TRN7K4') detector.push(key, (at += 5));
    expect(detector.expire(at + 50)).toEqual({ typed: '', scan: null, swallow: false });
    expect(detector.expire(at + detector.holdMs + 1)).toEqual({
      typed: '',
      scan: null,
      swallow: false,
      incomplete: true,
    });
    expect(detector.pending).toBe('');
  });

  it('also when the burst ends in another key, or its Enter comes too late', () => {
    const detector = new WedgeDetector();
    let at = 0;
    for (const key of 'TRN7K4') detector.push(key, (at += 5));
    expect(detector.push('Tab', (at += 5)).incomplete).toBe(true);
    const late = typeAt(new WedgeDetector(), 'ABCDEF', [5, 5, 5, 5, 5, 500]).last;
    expect(late).toEqual({ typed: '', scan: null, swallow: false, incomplete: true });
  });

  it('never calls slow typing, or a short burst, incomplete', () => {
    const slow = new WedgeDetector();
    let at = 0;
    for (const key of 'TRN7K4') slow.push(key, (at += 80));
    expect(slow.expire(at + 1000)).toEqual({ typed: 'TRN7K4', scan: null, swallow: false });
    const short = new WedgeDetector();
    short.push('A', 0);
    short.push('B', 5);
    expect(short.expire(1000).incomplete).toBeUndefined();
  });

  it('follows the kiosk’s wedgeMaxGapMs: a slower scanner is read when the technician says so', () => {
    const fiftyMs = typeAt(new WedgeDetector(), 'TRN-7K4P9Q', 50);
    expect(fiftyMs.last?.scan).toBeNull();
    expect(typeAt(new WedgeDetector(wedgeTiming(60)), 'TRN-7K4P9Q', 50).last?.scan).toBe(
      'TRN-7K4P9Q',
    );
    expect(wedgeTiming(35)).toEqual({ maxInterKeyMs: 35, maxKeyGapMs: 120 });
    expect(wedgeTiming(100)).toEqual({ maxInterKeyMs: 100, maxKeyGapMs: 300 });
  });
});
