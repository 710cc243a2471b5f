import { describe, expect, it } from 'vitest';
import { LobbyEventSchema, LobbySnapshotSchema } from '../../src-shared/contract/lobby';
import { isWithinWeeklyHours, WeeklyHoursSchema } from '../../src-shared/domain/weekly-hours';
import { feedAddressFromQuery } from '../../src-renderer/lobby/event-source-feed';
import { lobbyCall, lobbySnapshot } from '../support/lobby-fixtures';

const CALL = lobbyCall('E-014', 'Mesa 3', '2025-11-27T09:29:00Z');

describe('the lobby contract', () => {
  it('fills the screen options with their defaults', () => {
    expect(lobbySnapshot('2025-11-27T09:30:00Z', [CALL]).options).toEqual({
      orientation: 'auto',
      highContrast: false,
      chime: true,
      volume: 1,
      quietHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      speakTicketLanguage: true,
      recentCount: 6,
    });
  });

  it('takes ticket numbers in the issued form only: no names in the number field', () => {
    const named = { type: 'call', call: { ...CALL, ticketNumber: 'María García' } };
    expect(LobbyEventSchema.safeParse(named).success).toBe(false);
    expect(LobbyEventSchema.safeParse({ type: 'call', call: CALL }).success).toBe(true);
  });

  it('refuses a repeat event whose call is not marked as a repeat, and the reverse', () => {
    expect(LobbyEventSchema.safeParse({ type: 'repeat', call: CALL }).success).toBe(false);
    const marked = { ...CALL, repeat: true };
    expect(LobbyEventSchema.safeParse({ type: 'repeat', call: marked }).success).toBe(true);
    expect(LobbyEventSchema.safeParse({ type: 'call', call: marked }).success).toBe(false);
  });

  it('refuses a volume above 1 and a quiet range that ends before it starts', () => {
    const snapshot = lobbySnapshot('2025-11-27T09:30:00Z', []);
    const loud = { ...snapshot, options: { ...snapshot.options, volume: 1.5 } };
    expect(LobbySnapshotSchema.safeParse(loud).success).toBe(false);
    expect(WeeklyHoursSchema.safeParse({ mon: ['22:00-07:00'] }).success).toBe(false);
  });
});

describe('weekly hours on the site clock', () => {
  const hours = WeeklyHoursSchema.parse({
    mon: ['00:00-08:00', '20:00-24:00'],
    sun: ['00:00-24:00'],
  });

  it('is inside a range on the wall clock of the site, across a DST change', () => {
    // Monday 30 March 2026 07:59 in Madrid (CEST, UTC+2) and 08:00.
    expect(isWithinWeeklyHours(hours, new Date('2026-03-30T05:59:00Z'), 'Europe/Madrid')).toBe(
      true,
    );
    expect(isWithinWeeklyHours(hours, new Date('2026-03-30T06:00:00Z'), 'Europe/Madrid')).toBe(
      false,
    );
    // Monday 23 March 2026 07:59 in Madrid (CET, UTC+1).
    expect(isWithinWeeklyHours(hours, new Date('2026-03-23T06:59:00Z'), 'Europe/Madrid')).toBe(
      true,
    );
    // Sunday night 23:30 UTC is already Monday 00:30 in Madrid; in the Canaries, still Sunday.
    expect(isWithinWeeklyHours(hours, new Date('2026-03-22T23:30:00Z'), 'Europe/Madrid')).toBe(
      true,
    );
    expect(isWithinWeeklyHours(hours, new Date('2026-03-22T23:30:00Z'), 'Atlantic/Canary')).toBe(
      true,
    );
    // Tuesday: no ranges.
    expect(isWithinWeeklyHours(hours, new Date('2026-03-24T03:00:00Z'), 'Europe/Madrid')).toBe(
      false,
    );
  });
});

describe('the feed address from the page query', () => {
  const origin = 'http://192.168.1.20:8080';
  const page = (query: string) => ({ href: `${origin}/lobby.html${query}`, origin });

  it('takes a path on the page’s own origin', () => {
    expect(feedAddressFromQuery(page('?feed=/lobby/sede-centro/'))?.href).toBe(
      `${origin}/lobby/sede-centro`,
    );
  });

  it("keeps the feed's own query: a TV's options reach its snapshot and events", () => {
    const feed = encodeURIComponent('/lobby/feed/sede-centro?highContrast=1&volume=0.5');
    const address = feedAddressFromQuery(page(`?feed=${feed}`));
    expect(address?.pathname).toBe('/lobby/feed/sede-centro');
    expect(address?.searchParams.get('highContrast')).toBe('1');
    expect(address?.searchParams.get('volume')).toBe('0.5');
  });

  it('refuses another origin, and answers null without a feed', () => {
    expect(feedAddressFromQuery(page('?feed=https://elsewhere.example/lobby'))).toBeNull();
    expect(feedAddressFromQuery(page('?feed=//elsewhere.example/lobby'))).toBeNull();
    expect(feedAddressFromQuery(page(''))).toBeNull();
  });
});
