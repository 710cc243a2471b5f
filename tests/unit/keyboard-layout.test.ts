import { describe, expect, it } from 'vitest';
import {
  deadKeyCharacter,
  detectScannerLayout,
  esToUs,
  normaliseWedgeScan,
  spanishKeystrokeFor,
  undoDeadKeyComposition,
  US_TO_ES,
  usToEs,
} from '../../src-renderer/scanner/keyboard-layout';

/** Every printable ASCII character, U+0020–U+007E: all a QR URL or token can carry. */
const PRINTABLE_ASCII = Array.from({ length: 0x7f - 0x20 }, (_, index) =>
  String.fromCharCode(0x20 + index),
);

describe('keyboard layout: a US-layout scanner on a Spanish PC', () => {
  it('covers all printable ASCII, one to one, and round-trips every character', () => {
    expect([...US_TO_ES.keys()].sort()).toEqual([...PRINTABLE_ASCII].sort());
    expect(new Set(US_TO_ES.values()).size).toBe(PRINTABLE_ASCII.length);
    for (const character of PRINTABLE_ASCII) {
      expect(esToUs(usToEs(character)), JSON.stringify(character)).toBe(character);
    }
    const all = PRINTABLE_ASCII.join('');
    expect(esToUs(usToEs(all))).toBe(all);
  });

  it.each([
    ['-', "'"],
    ['/', '-'],
    [':', 'Ñ'],
    ['?', '_'],
    ['_', '?'],
    ['=', '¡'],
    ['&', '/'],
    ['@', '"'],
    ['#', '·'],
    [';', 'ñ'],
    ['.', '.'],
    ['%', '%'],
    ['~', 'ª'],
  ])('US %j arrives as %j', (sent, received) => {
    expect(usToEs(sent)).toBe(received);
    expect(esToUs(received)).toBe(sent);
  });

  it('leaves letters and digits alone', () => {
    const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    expect(usToEs(alnum)).toBe(alnum);
    expect(esToUs(alnum)).toBe(alnum);
  });

  it('names the Spanish keystroke of each US character, dead keys included', () => {
    expect(spanishKeystrokeFor(':')).toEqual({ key: 'Ñ', code: 'Semicolon', shiftKey: true });
    expect(spanishKeystrokeFor('-')).toEqual({ key: "'", code: 'Minus', shiftKey: false });
    expect(spanishKeystrokeFor('k')).toEqual({ key: 'k', code: 'KeyK', shiftKey: false });
    expect(spanishKeystrokeFor('K')).toEqual({ key: 'K', code: 'KeyK', shiftKey: true });
    expect(spanishKeystrokeFor("'")).toEqual({ key: 'Dead', code: 'Quote', shiftKey: false });
    expect(spanishKeystrokeFor('{')).toEqual({ key: 'Dead', code: 'BracketLeft', shiftKey: true });
    expect(spanishKeystrokeFor('é')).toBeNull();
    for (const character of PRINTABLE_ASCII) {
      const stroke = spanishKeystrokeFor(character);
      expect(stroke, character).not.toBeNull();
      const received =
        stroke?.key === 'Dead' ? deadKeyCharacter(stroke.code, stroke.shiftKey) : stroke?.key;
      expect(received, character).toBe(usToEs(character));
    }
  });

  it('turns dead keys into their accent and undoes composed letters', () => {
    expect(deadKeyCharacter('Quote', false)).toBe('´');
    expect(deadKeyCharacter('Quote', true)).toBe('¨');
    expect(deadKeyCharacter('BracketLeft', false)).toBe('`');
    expect(deadKeyCharacter('BracketLeft', true)).toBe('^');
    expect(deadKeyCharacter('KeyA', false)).toBeNull();
    expect(undoDeadKeyComposition('á')).toBe('a');
    expect(undoDeadKeyComposition('Ü')).toBe('U');
    expect(undoDeadKeyComposition('b')).toBe('b');
    expect(undoDeadKeyComposition('ñ')).toBe('n');
    expect(undoDeadKeyComposition('-')).toBe('-');
  });
});

describe('keyboard layout: detection and remapping of a wedge scan', () => {
  const url = 'https://cita.villanueva.es/c/TRN-7K4P9Q?lang=es&src=mail_2';
  const token = 'eyJhbGciOiJFZERTQSIsImtpZCI6ImsxIn0.eyJiIjoiQjEifQ.a-b_c';

  it.each([
    ['a booking URL', url],
    ['a booking URL with a port and a fragment', 'http://127.0.0.1:8080/c/TRN-7K4P9Q#x'],
    ['a booking code', 'TRN-7K4P9Q'],
    ['a signed token', token],
    ['an Easy!Appointments hash URL', 'https://citas.example.es/index.php/appointments/index/3f9a'],
  ])('%s sent by a US-layout scanner is detected and restored', (_, sent) => {
    const received = usToEs(sent);
    expect(received).not.toBe(sent);
    expect(detectScannerLayout(received)).toBe('us');
    expect(normaliseWedgeScan(received)).toBe(sent);
    expect(normaliseWedgeScan(received, 'us')).toBe(sent);
    expect(normaliseWedgeScan(received, 'es')).toBe(received);
  });

  it('shows the classic symptom: https:// arrives as httpsÑ--', () => {
    expect(usToEs('https://x.es/c/TRN-1')).toBe("httpsÑ--x.es-c-TRN'1");
  });

  it.each([
    ['a booking URL', url],
    ['a booking code', 'TRN-7K4P9Q'],
    ['a bare code', 'TRN7K4P9Q'],
    ['a signed token', token],
    ['a DNI', '12345678Z'],
    ['a URL with an apostrophe', "https://x.es/c/O'Brien"],
  ])('%s from a correctly configured scanner is left as it is', (_, sent) => {
    expect(detectScannerLayout(sent)).toBe('es');
    expect(normaliseWedgeScan(sent)).toBe(sent);
  });

  it('a scan that reads the same in both layouts is left alone whatever the setting', () => {
    expect(normaliseWedgeScan('TRN7K4P9Q', 'us')).toBe('TRN7K4P9Q');
  });
});
