/**
 * Everything a citizen may present at the totem, in one pure function with one table of accepted
 * forms: a booking code, a URL carrying it, our signed booking token, an Easy!Appointments
 * booking link, or (in ID-document mode) a DNI, NIE or passport number.
 *
 * The input is untrusted: it is bounded and stripped of control and invisible characters
 * (`sanitizeScan`) before any form looks at it, and every value in a result is bounded and made
 * of a fixed character set (codes, hashes, base64url) or is a normalised ID number, which the main
 * process hashes at once. Nothing here touches SQL or the screen; the table is documented in
 * docs/identification.md — keep the two in step.
 */
import { normaliseCodeCandidate } from './booking-code';
import { looksLikeDniOrNie, parseIdDocument, type IdDocumentType } from './id-document';
import { sanitizeScan } from './scan-input';

export type ScanMode = 'code' | 'id-document';

export type ScanPayload =
  | { kind: 'booking-code'; code: string; form: 'bare' | 'url' }
  /** A compact JWS, not verified here: the main process verifies it with the town hall's keys. */
  | { kind: 'booking-token'; token: string }
  /** A booking of an Easy!Appointments system, by the hash of its confirmation link. */
  | { kind: 'external-booking'; system: 'easyappointments'; hash: string }
  | { kind: 'id-document'; type: IdDocumentType; normalised: string }
  | { kind: 'invalid'; reason: 'empty' | 'too-long' | 'unrecognised' | 'id-document-format' }
  | { kind: 'invalid'; reason: 'id-document-letter'; expectedLetter: string };

export type ScanPayloadKind = ScanPayload['kind'];

/** What the forms look at: the sanitised text, and the same text parsed as a URL if it is one. */
interface Candidate {
  text: string;
  url: URL | null;
  /** Starts with http(s)://, whether or not it parses: never read as a bare code or an ID. */
  urlLike: boolean;
  /** The URL's fragment without '#', read from the text (`URL.hash` is not in every typing). */
  fragment: string;
}

export interface ScanForm {
  id: string;
  description: string;
  /** Modes in which the form is tried, in table order. */
  modes: readonly ScanMode[];
  example: string;
  match(candidate: Candidate): ScanPayload | null;
}

/** Longest token accepted; a real one (EdDSA, short claims) is ~300 characters. */
export const MAX_TOKEN_LENGTH = 1000;
const B64URL = '[A-Za-z0-9_-]';
/** `header.payload.signature`, base64url; the header is a JSON object, so it starts with `eyJ`. */
const JWS_SHAPE = new RegExp(`^eyJ${B64URL}{8,200}\\.${B64URL}{16,700}\\.${B64URL}{16,200}$`);
/** Easy!Appointments hashes: 12 random alphanumerics (1.x), or 32 hex in older installs. */
const EA_HASH = /^[A-Za-z0-9]{12,64}$/;
/** Paths of Easy!Appointments pages that carry a booking's hash as their last segment. */
const EA_PATHS: readonly RegExp[] = [
  /\/appointments\/index\/([^/]+)\/?$/,
  /\/appointments\/book\/reschedule\/([^/]+)\/?$/,
  /\/booking\/reschedule\/([^/]+)\/?$/,
  /\/booking_confirmation\/of\/([^/]+)\/?$/,
];
const TOKEN_PARAMETERS = ['t', 'token', 'jwt'] as const;
/** Query parameters that carry a booking code; Spanish town halls' booking webs use `codigo`. */
const CODE_PARAMETERS = ['code', 'codigo', 'booking', 'cita'] as const;

const isToken = (value: string): boolean =>
  value.length <= MAX_TOKEN_LENGTH && JWS_SHAPE.test(value);

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null; // malformed percent-encoding
  }
}

function lastPathSegment(url: URL): string | null {
  const segment = url.pathname.split('/').filter(Boolean).pop();
  return segment === undefined ? null : decodeSegment(segment);
}

/** `#t=…`, `#token=…` or a bare `#eyJ…` fragment. */
function tokenFromFragment(fragment: string): string | null {
  if (isToken(fragment)) return fragment;
  for (const pair of fragment.split('&')) {
    const [key = '', value = ''] = pair.split('=', 2);
    if ((TOKEN_PARAMETERS as readonly string[]).includes(key) && isToken(value)) return value;
  }
  return null;
}

export const SCAN_FORMS: readonly ScanForm[] = [
  {
    id: 'signed-token',
    description: 'Our signed booking token (compact JWS, EdDSA), as the whole QR payload',
    modes: ['code', 'id-document'],
    example: 'eyJhbGciOiJFZERTQSIs….eyJiaWQiOi….<86 base64url characters>',
    match: ({ text }) => (isToken(text) ? { kind: 'booking-token', token: text } : null),
  },
  {
    id: 'url-token',
    description:
      'A URL carrying the signed token in ?t= / ?token= / #t= or as its last path segment',
    modes: ['code', 'id-document'],
    example: 'https://cita.ayto.example.es/c#t=eyJhbGciOi…',
    match: ({ url, fragment }) => {
      if (!url) return null;
      for (const key of TOKEN_PARAMETERS) {
        const value = url.searchParams.get(key);
        if (value && isToken(value)) return { kind: 'booking-token', token: value };
      }
      const inFragment = tokenFromFragment(fragment);
      if (inFragment) return { kind: 'booking-token', token: inFragment };
      const segment = lastPathSegment(url);
      return segment && isToken(segment) ? { kind: 'booking-token', token: segment } : null;
    },
  },
  {
    id: 'easyappointments-url',
    description:
      'An Easy!Appointments link (…/appointments/index/{hash}, …/booking/reschedule/{hash}, …)',
    modes: ['code', 'id-document'],
    example: 'https://citas.example.es/index.php/appointments/index/a1B2c3D4e5F6',
    match: ({ url }) => {
      if (!url) return null;
      for (const pattern of EA_PATHS) {
        const found = pattern.exec(url.pathname);
        const hash = found?.[1] === undefined ? null : decodeSegment(found[1]);
        if (hash !== null && EA_HASH.test(hash)) {
          return { kind: 'external-booking', system: 'easyappointments', hash };
        }
      }
      return null;
    },
  },
  {
    id: 'url-code-query',
    description: 'A URL with the booking code in ?code= / ?codigo= / ?booking= / ?cita=',
    modes: ['code', 'id-document'],
    example: 'https://ayto.example.es/checkin?code=TRN-7K4P9Q',
    match: ({ url }) => {
      if (!url) return null;
      for (const key of CODE_PARAMETERS) {
        const value = url.searchParams.get(key);
        // The first parameter present decides, as parseScan always did.
        if (value) {
          const code = normaliseCodeCandidate(value);
          return code ? { kind: 'booking-code', code, form: 'url' } : null;
        }
      }
      return null;
    },
  },
  {
    id: 'url-code-path',
    description: 'A URL whose last path segment is the booking code',
    modes: ['code', 'id-document'],
    example: 'https://ayto.example.es/cita/TRN-7K4P9Q',
    match: ({ url }) => {
      if (!url) return null;
      const segment = lastPathSegment(url);
      const code = segment === null ? null : normaliseCodeCandidate(segment);
      return code ? { kind: 'booking-code', code, form: 'url' } : null;
    },
  },
  {
    id: 'bare-code',
    description:
      'A booking code, any case, spaces or dashes anywhere, TRN- optional, O→0 I/L→1 U→V',
    modes: ['code'],
    example: 'trn 7k4 p9q',
    match: ({ text, urlLike }) => {
      if (urlLike) return null;
      const code = normaliseCodeCandidate(text);
      return code ? { kind: 'booking-code', code, form: 'bare' } : null;
    },
  },
  {
    id: 'dni-nie-typed-as-code',
    description: 'A DNI or NIE typed in the booking-code field (exact DNI/NIE shape only)',
    modes: ['code'],
    example: '12345678Z',
    match: ({ text, urlLike }) => (urlLike || !looksLikeDniOrNie(text) ? null : idDocument(text)),
  },
  {
    id: 'id-document',
    description:
      'DNI (8 digits + letter), NIE (X/Y/Z + 7 digits + letter) or passport (3–20 A–Z 0–9)',
    modes: ['id-document'],
    example: '12345678-z, X-1234567-L, PAA123456',
    match: ({ text, urlLike }) => (urlLike ? null : idDocument(text)),
  },
];

function idDocument(text: string): ScanPayload {
  const parsed = parseIdDocument(text);
  if (parsed.ok) return { kind: 'id-document', type: parsed.type, normalised: parsed.normalised };
  return parsed.reason === 'id-document-letter'
    ? { kind: 'invalid', reason: 'id-document-letter', expectedLetter: parsed.expectedLetter }
    : { kind: 'invalid', reason: 'id-document-format' };
}

function toCandidate(text: string): Candidate {
  let url: URL | null = null;
  const urlLike = /^https?:\/\//i.test(text);
  if (urlLike) {
    try {
      url = new URL(text);
    } catch {
      url = null;
    }
    if (url && url.protocol !== 'https:' && url.protocol !== 'http:') url = null;
  }
  const hashAt = text.indexOf('#');
  return { text, url, urlLike, fragment: url && hashAt >= 0 ? text.slice(hashAt + 1) : '' };
}

/**
 * Turns a raw scan or typed entry into what it identifies, or says why it identifies nothing.
 * Never throws; the first form of `SCAN_FORMS` (for the mode) that matches wins.
 */
export function parseScanPayload(raw: string, mode: ScanMode = 'code'): ScanPayload {
  const sanitized = sanitizeScan(raw);
  if (!sanitized.ok) return { kind: 'invalid', reason: sanitized.reason };
  const candidate = toCandidate(sanitized.text);
  for (const form of SCAN_FORMS) {
    if (!form.modes.includes(mode)) continue;
    const result = form.match(candidate);
    if (result) return result;
  }
  // Text that starts like a URL but is no usable URL is never read as a code or an ID.
  if (candidate.urlLike || mode === 'code') return { kind: 'invalid', reason: 'unrecognised' };
  return { kind: 'invalid', reason: 'id-document-format' };
}
