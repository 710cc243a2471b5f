/**
 * The appointments cursor: opaque to clients, a few fields to the server. It names the database
 * (epoch), the query window it was minted for, where the current delta started (base) and how far
 * paging got (position). A cursor is only valid for the same site, `from` and `days`.
 */
export interface CursorState {
  epoch: string;
  siteId: string;
  from: string;
  days: number;
  baseSeq: number;
  position: number;
}

const VERSION = '1';

export function encodeCursor(state: CursorState): string {
  const text = [
    VERSION,
    state.epoch,
    state.baseSeq,
    state.position,
    state.from,
    state.days,
    state.siteId,
  ].join('|');
  return Buffer.from(text, 'utf8').toString('base64url');
}

export type CursorCheck = { ok: true; state: CursorState } | { ok: false; reason: string };

/** Decodes a cursor and checks it against the database and the query it comes with. */
export function checkCursor(
  cursor: string,
  expected: { epoch: string; siteId: string; from: string; days: number; currentSeq: number },
): CursorCheck {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return { ok: false, reason: 'cursor is not recognised' };
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (parts.length !== 7 || parts[0] !== VERSION) {
    return { ok: false, reason: 'cursor is not recognised' };
  }
  const [, epoch = '', base = '', position = '', from = '', days = '', siteId = ''] = parts;
  const baseSeq = Number(base);
  const positionSeq = Number(position);
  if (!Number.isSafeInteger(baseSeq) || !Number.isSafeInteger(positionSeq) || baseSeq < 0) {
    return { ok: false, reason: 'cursor is not recognised' };
  }
  if (epoch !== expected.epoch || positionSeq > expected.currentSeq) {
    return {
      ok: false,
      reason: 'cursor was issued by another server database; pull again without it',
    };
  }
  if (siteId !== expected.siteId || from !== expected.from || Number(days) !== expected.days) {
    return {
      ok: false,
      reason: 'cursor belongs to another site or window (from, days); pull again without it',
    };
  }
  return {
    ok: true,
    state: { epoch, siteId, from, days: expected.days, baseSeq, position: positionSeq },
  };
}
