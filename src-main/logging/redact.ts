/**
 * Takes out of a log line everything that could identify a citizen or open the kiosk: booking
 * codes (bare, spaced or in a URL), signed booking tokens and other bearer secrets, DNI and NIE
 * numbers, credentials (device credential, API tokens, the web host's secret and launch tokens,
 * passwords, enrolment codes) and Easy!Appointments booking hashes in their links.
 *
 * Callers already never log such things on purpose; this is the net under them, applied when a
 * line is written (file-log.ts) and again when logs leave the kiosk (the technician's export,
 * which also carries Chromium's own output). It errs on the side of removing too much: a log
 * line a technician reads loses a number at worst, a citizen's document number never leaks.
 */

/** What replaces each kind, so a reader still sees what kind of thing was there. */
export const REDACTED = {
  bookingCode: '[booking-code]',
  token: '[token]',
  idDocument: '[id-document]',
  credential: '[credential]',
  bookingHash: '[booking-hash]',
} as const;

interface Rule {
  pattern: RegExp;
  replace: string | ((...groups: string[]) => string);
}

/** Query or form parameters, cookies and JSON fields whose value is a secret. */
const SECRET_KEYS =
  'token|t|jwt|launch|secret|password|passwd|pwd|pin|apikey|api_key|apitoken|api_token|' +
  'credential|enrolmentcode|enrolment_code|enrollmentcode|authorization|turnero-session';
/** Parameters whose value names a booking (scan-payload.ts reads the code from these). */
const BOOKING_KEYS = 'code|booking|cita|hash';

/** `key=value` or `key: value` in URLs, forms, cookies and prose; never an already redacted one. */
const keyValue = (keys: string): RegExp =>
  new RegExp(`\\b(${keys})(\\s*[=:]\\s*)(?!\\[)([^\\s&;,"')\\]}]+)`, 'gi');
/** The same keys as JSON fields: `"password":"…"`. */
const jsonField = (keys: string): RegExp => new RegExp(`"(${keys})"(\\s*:\\s*)"[^"]*"`, 'gi');

/** A booking code's body without its TRN prefix: six of its alphabet, at least one digit. */
const CODE_BODY = /^(?=[A-Z]*\d)[0-9A-HJKMNP-TV-Z]{6}$/i;

/** In a URL, a path segment that is a bare booking code body (`…/c/7K4P9Q`). */
function redactCodeSegments(url: string): string {
  return url.replace(/\/([^/?#\s]+)/g, (segment, name: string) =>
    CODE_BODY.test(name) ? `/${REDACTED.bookingCode}` : segment,
  );
}

const RULES: readonly Rule[] = [
  // Compact JWS (our signed booking tokens, any JWT): header.payload.signature, base64url.
  {
    pattern: /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}/g,
    replace: REDACTED.token,
  },
  // The device credential the Turnero server issues.
  { pattern: /\btdc_[A-Za-z0-9_-]{8,}/g, replace: REDACTED.credential },
  // Authorization headers, whatever the scheme.
  {
    pattern: /\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{6,}/gi,
    replace: (_match, scheme) => `${scheme} ${REDACTED.credential}`,
  },
  {
    pattern: keyValue(SECRET_KEYS),
    replace: (_m, key, sep) => `${key}${sep}${REDACTED.credential}`,
  },
  {
    pattern: jsonField(SECRET_KEYS),
    replace: (_m, key, sep) => `"${key}"${sep}"${REDACTED.credential}"`,
  },
  {
    pattern: keyValue(BOOKING_KEYS),
    replace: (_m, key, sep) => `${key}${sep}${REDACTED.bookingCode}`,
  },
  {
    pattern: jsonField(BOOKING_KEYS),
    replace: (_m, key, sep) => `"${key}"${sep}"${REDACTED.bookingCode}"`,
  },
  // Easy!Appointments links carry the booking's hash as their last path segment.
  {
    pattern:
      /(\/(?:appointments\/index|appointments\/book\/reschedule|booking\/reschedule|booking_confirmation\/of)\/)[A-Za-z0-9]{6,64}/gi,
    replace: (_match, path) => `${path}${REDACTED.bookingHash}`,
  },
  // Bare booking code bodies as path segments of a URL.
  { pattern: /\bhttps?:\/\/[^\s"'<>]+/gi, replace: (url) => redactCodeSegments(url) },
  // Booking codes: TRN and six characters, with or without separators (TRN-7K4P9Q, trn 7k4 p9q).
  {
    pattern: /\bTRN[\s_.-]?[0-9A-Z]{3}[\s_.-]?[0-9A-Z]{3}\b/gi,
    replace: REDACTED.bookingCode,
  },
  // NIE: X/Y/Z, seven digits, a letter; separators allowed (X-1234567-L).
  {
    pattern: /\b[XYZ][\s.-]?\d{7}[\s.-]?[A-Z]\b/gi,
    replace: REDACTED.idDocument,
  },
  // DNI: eight digits (dotted or not), a letter (12345678Z, 12.345.678-Z, 12345678 z).
  {
    pattern: /\b\d{2}\.?\d{3}\.?\d{3}[\s-]?[A-Z]\b/gi,
    replace: REDACTED.idDocument,
  },
];

/** The line with every secret, booking reference and ID document number replaced. */
export function redact(line: string): string {
  let result = line;
  for (const { pattern, replace } of RULES) {
    // Two calls, one per overload of String.replace.
    result =
      typeof replace === 'string'
        ? result.replace(pattern, replace)
        : result.replace(pattern, replace);
  }
  return result;
}

/** Every line of a text, redacted. */
export function redactText(text: string): string {
  return text.split('\n').map(redact).join('\n');
}
