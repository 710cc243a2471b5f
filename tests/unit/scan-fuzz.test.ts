/**
 * Hostile input for the scan parser: random bytes, random unicode (lone surrogates, bidi
 * overrides, zero-width, combining marks, full-width forms), SQL and HTML fragments, 1 MB
 * strings and mutations of every accepted form. The parser must never throw, and every result
 * must be one of the declared shapes with bounded, fixed-alphabet values. Deterministic (seeded);
 * nothing here is timed.
 */
import { describe, expect, it } from 'vitest';
import { BOOKING_CODE_ALPHABET, parseScan } from '../../src-shared/domain/booking-code';
import { DNI_LETTERS } from '../../src-shared/domain/id-document';
import { parseScanPayload, type ScanPayload } from '../../src-shared/domain/scan-payload';
import { mulberry32 } from '../../src-shared/common/seeded-random';

const PAYLOADS = 100_000;

const random = mulberry32(0x7e4e50);
const int = (max: number) => Math.floor(random() * max);
const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;

const header = Buffer.from('{"alg":"EdDSA","kid":"k1"}').toString('base64url');
const claims = Buffer.from('{"bid":"a","code":"TRN-7K4P9Q","site":"s"}').toString('base64url');
const TOKEN = `${header}.${claims}.${'Q'.repeat(86)}`;

const SEEDS = [
  'TRN-7K4P9Q',
  'trn 7k4 p9q',
  'https://ayto.example.es/cita/TRN-7K4P9Q',
  'https://ayto.example.es/checkin?code=TRN-7K4P9Q',
  'https://citas.example.es/index.php/appointments/index/a1B2c3D4e5F6',
  TOKEN,
  `https://cita.ayto.es/c#t=${TOKEN}`,
  '12345678Z',
  'X1234567L',
  'PAA123456',
];

const HOSTILE = [
  "'; DROP TABLE appointments; --",
  "1' OR '1'='1",
  '" OR ""="',
  'UNION SELECT * FROM site--',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg/onload=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("x")()}}',
  '${7*7}',
  '%00%0d%0a',
  '../../../../etc/passwd',
  '\u202eQ9P4K7-NRT', // right-to-left override
  '\u200b\u200c\u200d\u2060\ufeff',
  'ＴＲＮ－７Ｋ４Ｐ９Ｑ',
  'T\u0301R\u0302N\u0303-7\u0304K',
  '\ud800\udfff\udbff', // a pair and a lone surrogate
  '\u0000\u0007\u001b[2J\u009b',
  'e'.repeat(4096),
  'e'.repeat(4097),
];

const UNICODE_TRICKS = [
  '\u202e',
  '\u202d',
  '\u2066',
  '\u2069',
  '\u200b',
  '\u200f',
  '\u0301',
  '\u0336',
  '\ufe0f',
  '\uff10',
  '\uff21',
  '\u0130',
  '\u0131',
  '\u017f',
  '\u212a',
  '\u00a0',
  '\u3000',
  '\ufffd',
  '\ud83d\ude00',
  '\ud800',
  '\u0000',
  '\r',
  '\n',
  '\t',
];

function randomBytes(length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(int(256));
  return text;
}

function randomUnicode(length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(int(0x10000));
  return text;
}

function mutate(seed: string): string {
  const chars = [...seed];
  const edits = 1 + int(4);
  for (let i = 0; i < edits; i++) {
    const at = int(chars.length + 1);
    switch (int(4)) {
      case 0:
        chars.splice(at, 0, pick(UNICODE_TRICKS));
        break;
      case 1:
        chars.splice(at, 1);
        break;
      case 2:
        chars[at] = String.fromCharCode(int(128));
        break;
      default:
        chars.splice(at, 0, pick(HOSTILE).slice(0, 40));
    }
  }
  return chars.join('');
}

function payload(index: number): string {
  if (index < HOSTILE.length) return HOSTILE[index] as string;
  if (index % 20_000 === 0) return pick(['A', '€', '\u202e', '<', "'"]).repeat(1024 * 1024);
  switch (index % 6) {
    case 0:
      return randomBytes(int(300));
    case 1:
      return randomUnicode(int(120));
    case 2:
      return mutate(pick(SEEDS));
    case 3:
      return `${pick(SEEDS)}${pick(HOSTILE)}`;
    case 4:
      return `${pick(HOSTILE)}${pick(UNICODE_TRICKS)}${pick(SEEDS)}`;
    default:
      return randomBytes(int(8)) + pick(SEEDS).toLowerCase() + randomBytes(int(8));
  }
}

const CODE = new RegExp(`^TRN-[${BOOKING_CODE_ALPHABET}]{6}$`);
const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The result is one of the declared shapes, and what it carries is bounded and inert. */
function assertValid(result: ScanPayload): void {
  switch (result.kind) {
    case 'booking-code':
      expect(result.code).toMatch(CODE);
      expect(['bare', 'url']).toContain(result.form);
      return;
    case 'booking-token':
      expect(result.token.length).toBeLessThanOrEqual(1000);
      expect(result.token).toMatch(JWS);
      return;
    case 'external-booking':
      expect(result.system).toBe('easyappointments');
      expect(result.hash).toMatch(/^[A-Za-z0-9]{12,64}$/);
      return;
    case 'id-document':
      expect(['dni', 'nie', 'passport']).toContain(result.type);
      expect(result.normalised).toMatch(/^[A-Z0-9]{3,20}$/);
      return;
    case 'invalid':
      if (result.reason === 'id-document-letter') {
        expect(result.expectedLetter).toHaveLength(1);
        expect(DNI_LETTERS).toContain(result.expectedLetter);
      } else {
        expect(['empty', 'too-long', 'unrecognised', 'id-document-format']).toContain(
          result.reason,
        );
      }
      return;
    default:
      throw new Error(`undeclared result ${JSON.stringify(result)}`);
  }
}

describe('scan parser under hostile input', () => {
  it(`never throws and always answers a declared shape, over ${PAYLOADS} payloads`, () => {
    const kinds = new Map<string, number>();
    let checked = 0;
    for (let index = 0; index < PAYLOADS; index++) {
      const raw = payload(index);
      for (const mode of ['code', 'id-document'] as const) {
        const result = parseScanPayload(raw, mode);
        // expect() per field is slow; check shape with plain comparisons and use expect on failure.
        if (!quickValid(result)) assertValid(result);
        kinds.set(result.kind, (kinds.get(result.kind) ?? 0) + 1);
      }
      const legacy = parseScan(raw);
      if (legacy.kind === 'booking-code' && !CODE.test(legacy.code))
        expect(legacy.code).toMatch(CODE);
      checked += 1;
    }
    expect(checked).toBe(PAYLOADS);
    // The mutations keep some payloads valid: the fuzzer reaches every kind, not only "invalid".
    for (const kind of ['booking-code', 'booking-token', 'external-booking', 'id-document']) {
      expect(kinds.get(kind) ?? 0, kind).toBeGreaterThan(0);
    }
  });

  it('refuses 1 MB payloads as too long, whatever they contain', () => {
    for (const unit of ['A', 'TRN-7K4P9Q ', '\u200b', '12345678Z', '<b>']) {
      const big = unit.repeat(Math.ceil((1024 * 1024) / unit.length));
      expect(parseScanPayload(big, 'code')).toEqual({ kind: 'invalid', reason: 'too-long' });
      expect(parseScanPayload(big, 'id-document')).toEqual({
        kind: 'invalid',
        reason: 'too-long',
      });
    }
  });
});

function quickValid(result: ScanPayload): boolean {
  switch (result.kind) {
    case 'booking-code':
      return CODE.test(result.code) && (result.form === 'bare' || result.form === 'url');
    case 'booking-token':
      return result.token.length <= 1000 && JWS.test(result.token);
    case 'external-booking':
      return result.system === 'easyappointments' && /^[A-Za-z0-9]{12,64}$/.test(result.hash);
    case 'id-document':
      return (
        ['dni', 'nie', 'passport'].includes(result.type) &&
        /^[A-Z0-9]{3,20}$/.test(result.normalised)
      );
    case 'invalid':
      return result.reason === 'id-document-letter'
        ? result.expectedLetter.length === 1 && DNI_LETTERS.includes(result.expectedLetter)
        : ['empty', 'too-long', 'unrecognised', 'id-document-format'].includes(result.reason);
    default:
      return false;
  }
}
