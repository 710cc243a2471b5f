/** Technician cards for tests, signed like the reference server signs them. */
import type { BookingKey } from '../../src-shared/contract/townhall-api';
import { generateSigningKey, publicBookingKey, type SigningKey } from '../../server/booking-tokens';
import { issueTechnicianCard } from '../../server/technician-cards';

export const CARD_SITE = 'demo-sac';

export interface CardIssuer {
  key: SigningKey;
  /** The public key a kiosk verifies with. */
  published: BookingKey;
  /** A card's QR text, issued at `now` (default: now) for `days`. */
  card(cardId: string, options?: { siteId?: string; days?: number; now?: Date }): string;
}

export function cardIssuer(kid = '2026-tech'): CardIssuer {
  const key = generateSigningKey(kid);
  return {
    key,
    published: publicBookingKey(key),
    card: (cardId, options = {}) =>
      issueTechnicianCard(
        key,
        { siteId: options.siteId ?? CARD_SITE, cardId, validDays: options.days ?? 30 },
        options.now ?? new Date(),
      ).card,
  };
}
