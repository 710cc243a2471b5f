/**
 * The classic keyboard-wedge layout mismatch, undone. A wedge scanner does not send characters:
 * it presses physical keys (USB HID usages) the way its own configured layout says. A scanner set
 * to a US layout plugged into a PC with a Spanish layout therefore "types" `-` as `'`, `/` as
 * `-`, `:` as `Ñ` and `?` as `_`, so `https://…` arrives as `httpsÑ--…`.
 *
 * This module is pure. It knows, for every printable ASCII character, which key a US-layout
 * scanner presses and what a Spanish (es-ES) layout makes of that key; it remaps a received burst
 * back, and detects a mismatched burst by what only a mismatch produces.
 *
 * Spanish dead keys (`´ ¨` on the Quote key, `` ` ^ `` on BracketLeft) arrive as
 * `KeyboardEvent.key === 'Dead'`; `deadKeyCharacter` turns them into the accent they stand for
 * (from `KeyboardEvent.code`) so a burst stays printable and can be remapped.
 */

/** Which layout the scanner is configured for; the kiosk's PC is assumed to be Spanish. */
export type ScannerLayout = 'auto' | 'us' | 'es';

/** One physical key: what it types on a US layout and on a Spanish one, unshifted and shifted. */
interface PhysicalKey {
  code: string;
  us: readonly [string, string];
  es: readonly [string, string];
}

/** Keys whose characters differ between US and es-ES, plus those that coincide (digits, `, .`). */
const KEYS: readonly PhysicalKey[] = [
  { code: 'Backquote', us: ['`', '~'], es: ['º', 'ª'] },
  { code: 'Digit1', us: ['1', '!'], es: ['1', '!'] },
  { code: 'Digit2', us: ['2', '@'], es: ['2', '"'] },
  { code: 'Digit3', us: ['3', '#'], es: ['3', '·'] },
  { code: 'Digit4', us: ['4', '$'], es: ['4', '$'] },
  { code: 'Digit5', us: ['5', '%'], es: ['5', '%'] },
  { code: 'Digit6', us: ['6', '^'], es: ['6', '&'] },
  { code: 'Digit7', us: ['7', '&'], es: ['7', '/'] },
  { code: 'Digit8', us: ['8', '*'], es: ['8', '('] },
  { code: 'Digit9', us: ['9', '('], es: ['9', ')'] },
  { code: 'Digit0', us: ['0', ')'], es: ['0', '='] },
  { code: 'Minus', us: ['-', '_'], es: ["'", '?'] },
  { code: 'Equal', us: ['=', '+'], es: ['¡', '¿'] },
  // Dead keys on es-ES: shown here as the accent they stand for (see deadKeyCharacter).
  { code: 'BracketLeft', us: ['[', '{'], es: ['`', '^'] },
  { code: 'BracketRight', us: [']', '}'], es: ['+', '*'] },
  { code: 'Backslash', us: ['\\', '|'], es: ['ç', 'Ç'] },
  { code: 'Semicolon', us: [';', ':'], es: ['ñ', 'Ñ'] },
  { code: 'Quote', us: ["'", '"'], es: ['´', '¨'] },
  { code: 'Comma', us: [',', '<'], es: [',', ';'] },
  { code: 'Period', us: ['.', '>'], es: ['.', ':'] },
  { code: 'Slash', us: ['/', '?'], es: ['-', '_'] },
  { code: 'Space', us: [' ', ' '], es: [' ', ' '] },
];

const DEAD_KEYS: Readonly<Record<string, readonly [string, string]>> = {
  BracketLeft: ['`', '^'],
  Quote: ['´', '¨'],
};

function buildUsToEs(): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const key of KEYS) {
    map.set(key.us[0], key.es[0]);
    map.set(key.us[1], key.es[1]);
  }
  // Letters sit on the same keys in both layouts.
  for (let code = 0x61; code <= 0x7a; code += 1) {
    const lower = String.fromCharCode(code);
    map.set(lower, lower);
    map.set(lower.toUpperCase(), lower.toUpperCase());
  }
  return map;
}

/**
 * What a Spanish-layout PC receives for each printable ASCII character a US-layout scanner sends.
 * Covers U+0020–U+007E; it is one-to-one, so it can be inverted.
 */
export const US_TO_ES: ReadonlyMap<string, string> = buildUsToEs();

const ES_TO_US: ReadonlyMap<string, string> = new Map(
  [...US_TO_ES].map(([us, es]) => [es, us] as const),
);

/** What a US-layout scanner meant, given what a Spanish-layout PC received. */
export function esToUs(received: string): string {
  let intended = '';
  for (const character of received) intended += ES_TO_US.get(character) ?? character;
  return intended;
}

/** What a Spanish-layout PC receives when a US-layout scanner sends `sent` (for tests and tools). */
export function usToEs(sent: string): string {
  let received = '';
  for (const character of sent) received += US_TO_ES.get(character) ?? character;
  return received;
}

/** A key press as a Spanish-layout PC reports it (`KeyboardEvent.key`, `.code`, `.shiftKey`). */
export interface SpanishKeystroke {
  key: string;
  code: string;
  shiftKey: boolean;
}

/**
 * How a Spanish-layout PC reports the key a US-layout scanner presses to send `usCharacter`
 * (printable ASCII); null for anything else. For tests and for a technician's scanner check.
 */
export function spanishKeystrokeFor(usCharacter: string): SpanishKeystroke | null {
  if (/^[a-z]$/.test(usCharacter)) {
    return { key: usCharacter, code: `Key${usCharacter.toUpperCase()}`, shiftKey: false };
  }
  if (/^[A-Z]$/.test(usCharacter)) {
    return { key: usCharacter, code: `Key${usCharacter}`, shiftKey: true };
  }
  for (const physical of KEYS) {
    const shifted = physical.us.indexOf(usCharacter);
    if (shifted === -1) continue;
    const shiftKey = shifted === 1;
    const dead = DEAD_KEYS[physical.code] !== undefined;
    return { key: dead ? 'Dead' : (physical.es[shifted] ?? ''), code: physical.code, shiftKey };
  }
  return null;
}

/**
 * The accent a Spanish dead key stands for, from `KeyboardEvent.code` and Shift; null for a
 * dead key this module does not know.
 */
export function deadKeyCharacter(code: string, shift: boolean): string | null {
  return DEAD_KEYS[code]?.[shift ? 1 : 0] ?? null;
}

/**
 * A letter the system composed from a dead key and the key after it (`´` + `a` → `á`), back to
 * the plain letter the scanner pressed. Anything else is returned unchanged.
 */
export function undoDeadKeyComposition(key: string): string {
  const decomposed = key.normalize('NFD');
  if ([...decomposed].length !== 2) return key;
  const base = decomposed.replace(/[\u0300-\u036f]/g, '');
  return /^[A-Za-z]$/.test(base) ? base : key;
}

/**
 * Characters only a US→ES mismatch produces: none is ASCII, and every payload the kiosk accepts
 * from a QR (booking code, URL, signed token) is ASCII.
 */
const MISMATCH_ONLY = /[ºª·¡¿çÇñÑ´¨]/;
/**
 * A code or token whose separators came out as `'` (a US `-`) or `?` (a US `_`) between letters
 * and digits, e.g. `TRN'7K4P9Q` or a base64url token: nothing else but such a burst looks like it.
 */
const MISMATCHED_CODE = /^[A-Za-z0-9.'?]+$/;
const MISMATCHED_SEPARATOR = /[A-Za-z0-9]['?][A-Za-z0-9]/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** The layout a burst was typed in: 'us' when it only makes sense remapped from US to es-ES. */
export function detectScannerLayout(received: string): 'us' | 'es' {
  const remapped = esToUs(received);
  if (remapped === received || !PRINTABLE_ASCII.test(remapped)) return 'es';
  if (MISMATCH_ONLY.test(received)) return 'us';
  if (MISMATCHED_CODE.test(received) && MISMATCHED_SEPARATOR.test(received)) return 'us';
  return 'es';
}

/** A completed wedge scan as the scanner meant it, for the configured (or detected) layout. */
export function normaliseWedgeScan(received: string, layout: ScannerLayout = 'auto'): string {
  const effective = layout === 'auto' ? detectScannerLayout(received) : layout;
  return effective === 'us' ? esToUs(received) : received;
}
