/**
 * Booking codes as the town hall prints them: `TRN-7K4P9Q` style, in an alphabet without the
 * characters people and scanners confuse. Parsing accepts what a person types or a scanner
 * sends (any case, spaces or dashes anywhere, O for 0, I/L for 1) and a URL carrying the code.
 */
import { sanitizeScan } from './scan-input';

/** Crockford-style alphabet: no I, L, O, U. */
export const BOOKING_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const BOOKING_CODE_PREFIX = 'TRN';
export const BOOKING_CODE_BODY_LENGTH = 6;

const LOOKALIKES: Record<string, string> = { O: '0', I: '1', L: '1', U: 'V' };

export type ParsedScan =
  | { kind: 'booking-code'; code: string }
  | { kind: 'invalid'; reason: 'empty' | 'too-long' | 'unrecognised' };

/** The canonical written form of a booking code body: `TRN-XXXXXX`. */
export function formatBookingCode(body: string): string {
  return `${BOOKING_CODE_PREFIX}-${body}`;
}

/**
 * The canonical code for what a person typed or a URL carried (`trn 7k4-p9q` → `TRN-7K4P9Q`),
 * or null when it is not one. Bounded input only: callers pass sanitised text.
 */
export function normaliseCodeCandidate(candidate: string): string | null {
  const compact = candidate.toUpperCase().replace(/[\s\-_.·]/g, '');
  const body = compact.startsWith(BOOKING_CODE_PREFIX)
    ? compact.slice(BOOKING_CODE_PREFIX.length)
    : compact;
  if (body.length !== BOOKING_CODE_BODY_LENGTH) return null;
  let normalised = '';
  for (const character of body) {
    const mapped = LOOKALIKES[character] ?? character;
    if (!BOOKING_CODE_ALPHABET.includes(mapped)) return null;
    normalised += mapped;
  }
  return formatBookingCode(normalised);
}

function codeFromUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  for (const key of ['code', 'booking', 'cita']) {
    const value = url.searchParams.get(key);
    if (value) return normaliseCodeCandidate(value);
  }
  const lastSegment = url.pathname.split('/').filter(Boolean).pop();
  if (!lastSegment) return null;
  try {
    return normaliseCodeCandidate(decodeURIComponent(lastSegment));
  } catch {
    return null; // malformed percent-encoding
  }
}

/** Turns a raw scan or typed entry into a booking code, or says why it is not one. */
export function parseScan(raw: string): ParsedScan {
  const sanitized = sanitizeScan(raw);
  if (!sanitized.ok) return { kind: 'invalid', reason: sanitized.reason };
  const code = /^https?:\/\//i.test(sanitized.text)
    ? codeFromUrl(sanitized.text)
    : normaliseCodeCandidate(sanitized.text);
  return code ? { kind: 'booking-code', code } : { kind: 'invalid', reason: 'unrecognised' };
}
