import { describe, expect, it } from 'vitest';
import { dniCheckLetter, parseIdDocument } from '../../src-shared/domain/id-document';
import {
  parseScanPayload,
  SCAN_FORMS,
  type ScanMode,
  type ScanPayload,
} from '../../src-shared/domain/scan-payload';

// A structurally valid compact JWS (header {"alg":"EdDSA","typ":"turnero-booking+jwt","kid":"k1"}).
const header = Buffer.from('{"alg":"EdDSA","typ":"turnero-booking+jwt","kid":"k1"}').toString(
  'base64url',
);
const payload = Buffer.from(
  '{"bid":"apt-1","code":"TRN-7K4P9Q","site":"demo-sac","svc":"padron","start":"2026-11-30T10:15:00+01:00","exp":1796000000,"iat":1795000000}',
).toString('base64url');
const TOKEN = `${header}.${payload}.${'A'.repeat(86)}`;

const code = (value: string, form: 'bare' | 'url' = 'bare'): ScanPayload => ({
  kind: 'booking-code',
  code: value,
  form,
});
const ea = (hash: string): ScanPayload => ({
  kind: 'external-booking',
  system: 'easyappointments',
  hash,
});
const id = (type: 'dni' | 'nie' | 'passport', normalised: string): ScanPayload => ({
  kind: 'id-document',
  type,
  normalised,
});
const invalid = (reason: 'empty' | 'too-long' | 'unrecognised' | 'id-document-format') =>
  ({ kind: 'invalid', reason }) as const;
const wrongLetter = (expectedLetter: string): ScanPayload => ({
  kind: 'invalid',
  reason: 'id-document-letter',
  expectedLetter,
});

/** Real-world-like payloads: what scanners, phones and fingers actually produce. */
const table: Array<[string, ScanMode, string, ScanPayload]> = [
  // Booking codes, typed or scanned
  ['canonical code', 'code', 'TRN-7K4P9Q', code('TRN-7K4P9Q')],
  ['lower case with CRLF', 'code', 'trn-7k4p9q\r\n', code('TRN-7K4P9Q')],
  ['spaces inside', 'code', '  TRN 7K4 P9Q ', code('TRN-7K4P9Q')],
  ['body only', 'code', '7k4p9q', code('TRN-7K4P9Q')],
  ['O for zero, I/L for one, U for V', 'code', 'TRN-O1LIUU', code('TRN-0111VV')],
  ['full-width characters (IME)', 'code', 'ＴＲＮ－７Ｋ４Ｐ９Ｑ', code('TRN-7K4P9Q')],
  ['zero-width space from a copy-paste', 'code', 'TRN-7K4\u200bP9Q', code('TRN-7K4P9Q')],
  ['AIM prefix left in by a scanner', 'code', ']Q1TRN-7K4P9Q', invalid('unrecognised')],
  ['too short', 'code', 'TRN-7K4', invalid('unrecognised')],
  ['empty after cleaning', 'code', '\u0002\u0003\r\n', invalid('empty')],
  ['too long', 'code', 'A'.repeat(5000), invalid('too-long')],
  // URLs
  ['URL path', 'code', 'https://ayto.example.es/cita/TRN-7K4P9Q', code('TRN-7K4P9Q', 'url')],
  [
    'URL path, trailing slash',
    'code',
    'https://ayto.example.es/cita/trn-7k4p9q/',
    code('TRN-7K4P9Q', 'url'),
  ],
  [
    'URL ?code=',
    'code',
    'https://ayto.example.es/checkin?code=trn-7k4p9q&x=1',
    code('TRN-7K4P9Q', 'url'),
  ],
  ['URL ?cita=', 'code', 'HTTPS://AYTO.EXAMPLE.ES/c?cita=7K4P9Q', code('TRN-7K4P9Q', 'url')],
  [
    'URL ?booking=, percent-encoded',
    'code',
    'http://x.es/?booking=TRN%2D7K4P9Q',
    code('TRN-7K4P9Q', 'url'),
  ],
  ['URL without a code', 'code', 'https://ayto.example.es/', invalid('unrecognised')],
  // Spanish town halls' booking webs carry the code as ?codigo=
  [
    'URL ?codigo= (Spanish booking web)',
    'code',
    'https://sede.ayto.example.es/citaprevia/confirmacion?codigo=TRN-7K4P9Q',
    code('TRN-7K4P9Q', 'url'),
  ],
  [
    'URL ?codigo= after other parameters, body only, lower case',
    'code',
    'https://sede.ayto.example.es/cita?idioma=es&codigo=7k4p9q',
    code('TRN-7K4P9Q', 'url'),
  ],
  [
    'URL ?codigo=, percent-encoded',
    'code',
    'https://sede.ayto.example.es/cita?codigo=TRN%2D7K4P9Q',
    code('TRN-7K4P9Q', 'url'),
  ],
  [
    'URL ?codigo= scanned on the DNI screen',
    'id-document',
    'https://sede.ayto.example.es/cita?codigo=TRN-7K4P9Q',
    code('TRN-7K4P9Q', 'url'),
  ],
  [
    'URL ?codigo= with markup',
    'code',
    'https://sede.ayto.example.es/cita?codigo=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    invalid('unrecognised'),
  ],
  [
    'URL ?codigo= with SQL',
    'code',
    "https://sede.ayto.example.es/cita?codigo=1'%20OR%20'1'='1",
    invalid('unrecognised'),
  ],
  [
    'URL ?codigo= with a NUL smuggled after the code',
    'code',
    'https://sede.ayto.example.es/cita?codigo=TRN-7K4P9Q%00',
    invalid('unrecognised'),
  ],
  [
    'URL ?codigo= with a code too long',
    'code',
    'https://sede.ayto.example.es/cita?codigo=TRN-7K4P9Q-XX',
    invalid('unrecognised'),
  ],
  [
    'URL ?codigo= empty',
    'code',
    'https://sede.ayto.example.es/cita?codigo=',
    invalid('unrecognised'),
  ],
  [
    'URL with a garbage ?code= before a good ?codigo=: ?code= decides',
    'code',
    'https://sede.ayto.example.es/cita?codigo=TRN-7K4P9Q&code=xx',
    invalid('unrecognised'),
  ],
  [
    'ftp URL with ?codigo=',
    'code',
    'ftp://sede.ayto.example.es/cita?codigo=TRN-7K4P9Q',
    invalid('unrecognised'),
  ],
  [
    'javascript: URL with ?codigo=',
    'code',
    'javascript:alert(1)//?codigo=TRN-7K4P9Q',
    invalid('unrecognised'),
  ],
  ['javascript: URL', 'code', 'javascript:alert(1)', invalid('unrecognised')],
  ['data: URL', 'code', 'data:text/html,<script>alert(1)</script>', invalid('unrecognised')],
  [
    'broken percent-encoding',
    'code',
    'https://ayto.example.es/cita/%E0%A4%A',
    invalid('unrecognised'),
  ],
  // Signed tokens
  ['bare token', 'code', TOKEN, { kind: 'booking-token', token: TOKEN }],
  [
    'token in ?t=',
    'code',
    `https://cita.ayto.es/c?t=${TOKEN}`,
    { kind: 'booking-token', token: TOKEN },
  ],
  [
    'token in #t=',
    'code',
    `https://cita.ayto.es/c#t=${TOKEN}`,
    { kind: 'booking-token', token: TOKEN },
  ],
  [
    'token as path segment',
    'code',
    `https://cita.ayto.es/q/${TOKEN}`,
    { kind: 'booking-token', token: TOKEN },
  ],
  [
    'token scanned on the DNI screen',
    'id-document',
    TOKEN,
    { kind: 'booking-token', token: TOKEN },
  ],
  ['two-part JWT-ish', 'code', `${header}.${payload}`, invalid('unrecognised')],
  [
    'token with a bad character',
    'code',
    `${TOKEN.slice(0, 40)}*${TOKEN.slice(41)}`,
    invalid('unrecognised'),
  ],
  // Easy!Appointments
  [
    'EA 1.4 reschedule link',
    'code',
    'https://citas.example.es/index.php/appointments/index/a1B2c3D4e5F6',
    ea('a1B2c3D4e5F6'),
  ],
  [
    'EA book/reschedule link',
    'code',
    'https://citas.example.es/index.php/appointments/book/reschedule/Zx9Yw8Vu7Ts6',
    ea('Zx9Yw8Vu7Ts6'),
  ],
  [
    'EA 1.5 booking/reschedule',
    'code',
    'https://citas.example.es/booking/reschedule/0123456789abcdef0123456789abcdef',
    ea('0123456789abcdef0123456789abcdef'),
  ],
  [
    'EA confirmation page',
    'code',
    'https://citas.example.es/index.php/booking_confirmation/of/a1B2c3D4e5F6',
    ea('a1B2c3D4e5F6'),
  ],
  [
    'EA link with a short hash',
    'code',
    'https://citas.example.es/index.php/appointments/index/abc',
    invalid('unrecognised'),
  ],
  [
    'EA cancel link is not a check-in',
    'code',
    'https://citas.example.es/index.php/appointments/cancel/a1B2c3D4e5F6',
    invalid('unrecognised'),
  ],
  // DNI / NIE / passport
  ['DNI', 'id-document', '12345678Z', id('dni', '12345678Z')],
  ['DNI lower case, dash, spaces', 'id-document', ' 12.345.678-z ', id('dni', '12345678Z')],
  ['DNI full-width digits', 'id-document', '１２３４５６７８Ｚ', id('dni', '12345678Z')],
  ['DNI wrong letter', 'id-document', '12345678A', wrongLetter('Z')],
  ['DNI missing a digit', 'id-document', '1234567Z', invalid('id-document-format')],
  ['DNI without letter', 'id-document', '12345678', invalid('id-document-format')],
  ['NIE X', 'id-document', 'X1234567L', id('nie', 'X1234567L')],
  ['NIE Y with dashes', 'id-document', 'y-2345678-z', id('nie', 'Y2345678Z')],
  ['NIE wrong letter', 'id-document', 'X1234567A', wrongLetter('L')],
  ['NIE too short', 'id-document', 'X123456L', invalid('id-document-format')],
  ['Spanish passport', 'id-document', 'PAA123456', id('passport', 'PAA123456')],
  ['US-style all-digit passport', 'id-document', '123456789', id('passport', '123456789')],
  ['passport with spaces', 'id-document', 'ab 12 cd 34', id('passport', 'AB12CD34')],
  ['passport too short', 'id-document', 'A1', invalid('id-document-format')],
  ['passport too long', 'id-document', 'A'.repeat(21), invalid('id-document-format')],
  ['SQL in the DNI field', 'id-document', "1' OR '1'='1", invalid('id-document-format')],
  [
    'HTML in the DNI field',
    'id-document',
    '<img src=x onerror=alert(1)>',
    invalid('id-document-format'),
  ],
  ['empty DNI field', 'id-document', '   ', invalid('empty')],
  ['DNI typed in the code field', 'code', '12345678z', id('dni', '12345678Z')],
  ['NIE typed in the code field, wrong letter', 'code', 'X1234567A', wrongLetter('L')],
  ['passport is not taken in the code field', 'code', 'PAA123456', invalid('unrecognised')],
  [
    'a booking code on the DNI screen is an ID',
    'id-document',
    'TRN-7K4P9Q',
    id('passport', 'TRN7K4P9Q'),
  ],
];

describe('parseScanPayload: the table of accepted forms', () => {
  it.each(table)('%s (%s mode)', (_what, mode, raw, expected) => {
    expect(parseScanPayload(raw, mode)).toEqual(expected);
  });

  it('defaults to code mode', () => {
    expect(parseScanPayload('trn-7k4p9q')).toEqual(code('TRN-7K4P9Q'));
  });

  it('every form in the table has an example, a description and at least one mode', () => {
    const ids = SCAN_FORMS.map((form) => form.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const form of SCAN_FORMS) {
      expect(form.description.length).toBeGreaterThan(10);
      expect(form.example.length).toBeGreaterThan(0);
      expect(form.modes.length).toBeGreaterThan(0);
    }
  });
});

describe('DNI and NIE check letters', () => {
  it('follows the mod-23 table for every remainder', () => {
    const letters = 'TRWAGMYFPDXBNJZSQVHLCKE';
    for (let remainder = 0; remainder < 23; remainder++) {
      const number = String(10_000_000 + 23 * 1000 + remainder - ((10_000_000 + 23 * 1000) % 23));
      expect(dniCheckLetter(number)).toBe(letters[remainder]);
    }
  });

  it('maps the NIE prefixes X, Y, Z to 0, 1, 2', () => {
    expect(parseIdDocument('X0000000T')).toEqual({
      ok: true,
      type: 'nie',
      normalised: 'X0000000T',
    });
    // Y0000000 → 10000000 mod 23 = 14 → Z; Z0000000 → 20000000 mod 23 = 5 → M
    expect(parseIdDocument('Y0000000Z')).toMatchObject({ ok: true, type: 'nie' });
    expect(parseIdDocument('Z0000000M')).toMatchObject({ ok: true, type: 'nie' });
    expect(parseIdDocument('Z0000000E')).toEqual({
      ok: false,
      reason: 'id-document-letter',
      expectedLetter: 'M',
    });
  });
});
