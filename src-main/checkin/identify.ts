/**
 * Identification: what a raw scan points at, before the cache is read. A booking code or an
 * external booking hash, a signed booking token (verified here, offline), or a citizen's ID
 * document (hashed here with the town hall's salt: the number itself goes no further).
 */
import type { BookingTokenClaims } from '../../src-shared/domain/booking-token';
import { citizenIdHash } from '../../src-shared/domain/citizen-id-hash';
import { parseScanPayload, type ScanMode } from '../../src-shared/domain/scan-payload';
import type { TokenVerification } from './booking-token';
import { CheckInRefused } from './refusal';

export type ScanTarget =
  | { by: 'code'; code: string; identifiedBy: 'code' | 'external-booking' }
  | { by: 'token'; claims: BookingTokenClaims; startsAt: Date; token: string }
  | { by: 'citizen'; idHash: string };

export interface IdentificationKeys {
  /** Verifies a token's signature, site and expiry (./booking-token.ts). */
  verifyToken: (token: string) => TokenVerification;
  /** The town hall's salt for ID numbers; null until its site info has brought one. */
  idHashSalt: () => string | null;
}

/**
 * The target of a scan made in `mode` (what the citizen was asked for: a booking or an ID
 * document). Throws CheckInRefused when the scan cannot name one.
 */
export function identify(rawInput: string, mode: ScanMode, keys: IdentificationKeys): ScanTarget {
  const parsed = parseScanPayload(rawInput, mode);
  switch (parsed.kind) {
    case 'invalid':
      if (parsed.reason === 'id-document-letter') {
        throw new CheckInRefused('id-document-letter', { letter: parsed.expectedLetter });
      }
      if (parsed.reason === 'id-document-format') throw new CheckInRefused('id-document-format');
      if (mode === 'id-document' && parsed.reason !== 'unrecognised') {
        throw new CheckInRefused('id-document-format');
      }
      throw new CheckInRefused('unrecognised-code');
    case 'booking-code':
      return { by: 'code', code: parsed.code, identifiedBy: 'code' };
    case 'external-booking':
      // An Easy!Appointments-backed town hall publishes the booking hash as the code.
      return { by: 'code', code: parsed.hash, identifiedBy: 'external-booking' };
    case 'booking-token': {
      const verified = keys.verifyToken(parsed.token);
      if (!verified.ok) throw new CheckInRefused(verified.reason);
      return {
        by: 'token',
        claims: verified.claims,
        startsAt: verified.startsAt,
        token: parsed.token,
      };
    }
    case 'id-document': {
      const salt = keys.idHashSalt();
      // Without the town hall's salt no booking can be matched to an ID number: the kiosk cannot
      // tell (not synced yet, or not enrolled), which is not the same as "no such booking".
      if (!salt) throw new CheckInRefused('kiosk-not-ready');
      return { by: 'citizen', idHash: citizenIdHash(salt, parsed.normalised) };
    }
  }
}
