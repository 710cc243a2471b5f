/**
 * What a scanner or a keyboard hands us is untrusted: it is bounded, stripped of control and
 * invisible characters, and trimmed before anything else looks at it.
 */

/** Longest payload worth parsing: a signed booking token fits comfortably, 10 KB of noise does not. */
export const MAX_SCAN_LENGTH = 1024;

// C0/C1 controls, DEL, zero-width and bidi controls, BOM: nothing a booking code or URL contains.
const UNWANTED_CHARACTERS =
  /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ufffd]/g;

export type SanitizedScan =
  { ok: true; text: string } | { ok: false; reason: 'empty' | 'too-long' };

export function sanitizeScan(raw: string): SanitizedScan {
  if (raw.length > MAX_SCAN_LENGTH * 4) return { ok: false, reason: 'too-long' };
  const text = raw.normalize('NFKC').replace(UNWANTED_CHARACTERS, '').trim();
  if (text.length === 0) return { ok: false, reason: 'empty' };
  if (text.length > MAX_SCAN_LENGTH) return { ok: false, reason: 'too-long' };
  return { ok: true, text };
}
