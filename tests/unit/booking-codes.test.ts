/** New booking codes (server/booking/booking-codes.ts): the kiosk's form, unique per site. */
import { describe, expect, it } from 'vitest';
import { normaliseCodeCandidate } from '../../src-shared/domain/booking-code';
import { randomBookingCode, uniqueBookingCode } from '../../server/booking/booking-codes';

describe('new booking codes', () => {
  it('are in the form the kiosk reads back unchanged, and differ from draw to draw', () => {
    const codes = Array.from({ length: 200 }, randomBookingCode);
    for (const code of codes) {
      expect(code).toMatch(/^TRN-[0-9A-HJKMNP-TV-Z]{6}$/);
      expect(normaliseCodeCandidate(code)).toBe(code);
    }
    expect(new Set(codes).size).toBeGreaterThan(190);
  });

  it('skip the codes the site already uses', async () => {
    const used = new Set<string>();
    const seen: string[] = [];
    const inUse = (code: string) => {
      seen.push(code);
      // The first three draws are taken.
      return Promise.resolve(seen.length <= 3 || used.has(code));
    };
    const code = await uniqueBookingCode(inUse);
    expect(seen).toHaveLength(4);
    expect(code).toBe(seen[3]);
    await expect(uniqueBookingCode(() => Promise.resolve(true))).rejects.toThrow(/no free/);
  });
});
