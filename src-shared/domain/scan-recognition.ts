/**
 * What the setup wizard's "scan anything" test shows of a scan: the text as decoded (cleaned of
 * control characters, shortened for a screen) and which accepted form it was recognised as, the
 * way the home screen would read it (`parseScanPayload` in code mode). Pure: the serial test in
 * the main process and the keyboard-wedge test in the renderer both use it.
 */
import type { ScanRecognition } from '../contract/setup';
import { parseScanPayload } from './scan-payload';
import { sanitizeScan } from './scan-input';

/** Longest text shown back; a signed token is ~300 characters, the screen needs its start. */
export const SHOWN_SCAN_LENGTH = 200;

export function recogniseScan(raw: string): ScanRecognition {
  const sanitized = sanitizeScan(raw);
  const text = (sanitized.ok ? sanitized.text : '').slice(0, SHOWN_SCAN_LENGTH);
  const payload = parseScanPayload(raw, 'code');
  switch (payload.kind) {
    case 'booking-code':
      return { text, form: payload.form === 'url' ? 'url-with-code' : 'booking-code' };
    case 'booking-token':
      return { text, form: 'signed-token' };
    case 'external-booking':
      return { text, form: 'booking-link' };
    case 'id-document':
      return { text, form: 'id-document' };
    case 'invalid':
      return { text, form: 'unrecognised' };
  }
}
