/**
 * The technician session on its real parts (PIN file in a temp folder, audit log and lockout in
 * a SQLite store, card verifier) with a fake clock: entry by gesture or card, the PIN, the
 * lockout, inactivity, leaving, the PIN change — and what the audit log keeps of each.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TechnicianSessionView } from '../../src-shared/contract/technician';
import { openStore, type Store } from '../../src-main/store/store';
import { AuditLog } from '../../src-main/technician/audit-log';
import { PinFile } from '../../src-main/technician/pin-file';
import { PinLockout } from '../../src-main/technician/pin-lockout';
import { TechnicianCardVerifier } from '../../src-main/technician/technician-card';
import { TechnicianSession } from '../../src-main/technician/technician-session';
import { cardIssuer, CARD_SITE } from '../support/technician-card-fixture';
import { makeTempDir } from '../support/temp-dir';

const PIN = '246810';
const FAST = { N: 2 ** 10, r: 8, p: 1, keyLength: 32 };
const issuer = cardIssuer();

describe('technician session', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let store: Store;
  let pins: PinFile;
  let session: TechnicianSession;
  let views: TechnicianSessionView[];

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(new Date('2026-11-30T09:00:00Z'));
    dir = makeTempDir('session');
    store = openStore(':memory:');
    pins = new PinFile(dir.path, () => undefined, FAST);
    await pins.set(PIN);
    session = new TechnicianSession({
      pins,
      lockout: new PinLockout(store.technicianLockout),
      cards: new TechnicianCardVerifier(() => [issuer.published], CARD_SITE),
      audit: new AuditLog(store.technicianAudit),
    });
    views = [];
    session.onChange((view) => views.push(view));
  });

  afterEach(() => {
    session.dispose();
    store.close();
    dir.remove();
    vi.useRealTimers();
  });

  const audit = () =>
    store.technicianAudit
      .list({ limit: 200 })
      .entries.reverse()
      .map(({ actor, action, detail }) => [actor, action, detail]);

  it('opens with the gesture and the right PIN, and closes when the technician leaves', async () => {
    expect(session.view()).toMatchObject({ phase: 'closed', pinSet: true, triesLeft: 5 });
    await expect(session.enterPin(PIN)).resolves.toMatchObject({ outcome: 'not-requested' });
    expect(session.begin()).toMatchObject({ phase: 'pin', via: 'gesture', cardId: null });
    await expect(session.enterPin(PIN)).resolves.toMatchObject({
      outcome: 'opened',
      session: { phase: 'open' },
    });
    expect(session.isOpen()).toBe(true);
    expect(session.actor()).toBe('technician');
    expect(session.end('exit')).toMatchObject({ phase: 'closed' });
    expect(views.map((view) => view.phase)).toEqual(['pin', 'open', 'closed']);
    expect(audit()).toEqual([
      ['technician', 'session-opened', 'gesture'],
      ['technician', 'session-closed', 'exit'],
    ]);
  });

  it('locks after five wrong PINs: even the right one is refused until five minutes pass', async () => {
    session.begin();
    for (let attempt = 4; attempt >= 1; attempt--) {
      const answer = await session.enterPin('111111');
      expect(answer).toMatchObject({ outcome: 'wrong-pin', session: { triesLeft: attempt } });
    }
    await expect(session.enterPin('1')).resolves.toMatchObject({
      outcome: 'locked',
      session: { lockedForSeconds: 300 },
    });
    await expect(session.enterPin(PIN)).resolves.toMatchObject({ outcome: 'locked' });
    vi.advanceTimersByTime(60_000);
    expect(session.view().lockedForSeconds).toBe(240);
    // The PIN pad stays up (its own idle limit aside) while the lockout runs.
    session.begin();
    vi.setSystemTime(new Date('2026-11-30T09:05:00Z'));
    expect(session.view()).toMatchObject({ lockedForSeconds: null, triesLeft: 5 });
    await expect(session.enterPin(PIN)).resolves.toMatchObject({ outcome: 'opened' });
    const actions = audit().map(([, action]) => action);
    expect(actions.filter((action) => action === 'pin-wrong')).toHaveLength(5);
    expect(actions).toContain('locked');
    expect(actions.at(-1)).toBe('session-opened');
  });

  it('checks PINs one at a time: ten sent at once cannot try more than five', async () => {
    session.begin();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, index) => session.enterPin(`90000${index}`)),
    );
    const outcomes = answers.map((answer) => answer.outcome);
    expect(outcomes.filter((outcome) => outcome === 'wrong-pin')).toHaveLength(4);
    expect(outcomes.filter((outcome) => outcome === 'locked')).toHaveLength(6);
    expect(audit().filter(([, action]) => action === 'pin-wrong')).toHaveLength(5);
  });

  it('closes after two minutes without a touch; a touch starts the two minutes again', async () => {
    session.begin();
    await session.enterPin(PIN);
    vi.advanceTimersByTime(100_000);
    session.touch();
    vi.advanceTimersByTime(100_000);
    expect(session.isOpen()).toBe(true);
    vi.advanceTimersByTime(20_000);
    expect(session.isOpen()).toBe(false);
    expect(views.at(-1)).toMatchObject({ phase: 'closed' });
    expect(audit().at(-1)).toEqual(['technician', 'session-closed', 'inactivity']);
  });

  it('lets an abandoned PIN pad go after two minutes, without an audit entry', () => {
    session.begin();
    vi.advanceTimersByTime(120_000);
    expect(session.view().phase).toBe('closed');
    expect(audit()).toEqual([]);
  });

  it('brings up the PIN pad for a valid card, and the card is who the log names', async () => {
    expect(session.presentCard(issuer.card('TEC-0042'))).toMatchObject({
      refusal: null,
      session: { phase: 'pin', via: 'card', cardId: 'TEC-0042' },
    });
    await session.enterPin(PIN);
    expect(session.actor()).toBe('card:TEC-0042');
    session.end('exit');
    expect(audit()).toEqual([
      ['card:TEC-0042', 'session-opened', 'card'],
      ['card:TEC-0042', 'session-closed', 'exit'],
    ]);
  });

  it('refuses forged, expired and other sites’ cards, and logs them', () => {
    const stranger = cardIssuer();
    expect(session.presentCard(stranger.card('TEC-0042')).refusal).toBe('forged');
    const old = issuer.card('TEC-0007', { now: new Date('2026-09-01T09:00:00Z') });
    expect(session.presentCard(old).refusal).toBe('expired');
    expect(session.presentCard(issuer.card('TEC-0009', { siteId: 'otra' })).refusal).toBe(
      'other-site',
    );
    expect(session.view().phase).toBe('closed');
    expect(audit()).toEqual([
      ['unknown', 'card-refused', 'forged'],
      ['card:TEC-0007', 'card-refused', 'expired'],
      ['card:TEC-0009', 'card-refused', 'other-site'],
    ]);
  });

  it('says so when no PIN has been set: nobody gets in', async () => {
    const empty = makeTempDir('no-pin');
    try {
      const bare = new TechnicianSession({
        pins: new PinFile(empty.path, () => undefined, FAST),
        lockout: new PinLockout(store.technicianLockout),
        cards: new TechnicianCardVerifier(() => [], CARD_SITE),
        audit: new AuditLog(store.technicianAudit),
      });
      expect(bare.begin()).toMatchObject({ phase: 'pin', pinSet: false });
      await expect(bare.enterPin('000000')).resolves.toMatchObject({ outcome: 'no-pin' });
      expect(bare.isOpen()).toBe(false);
      bare.dispose();
    } finally {
      empty.remove();
    }
  });

  it('changes the PIN after the current one, refusing easy ones; a wrong one counts', async () => {
    session.begin();
    await session.enterPin(PIN);
    await expect(session.changePin('000001', '975310')).resolves.toBe('wrong-pin');
    expect(session.view().triesLeft).toBe(4);
    await expect(session.changePin(PIN, '123456')).resolves.toBe('weak-pin');
    await expect(session.changePin(PIN, '975310')).resolves.toBe('changed');
    await expect(pins.matches('975310')).resolves.toBe(true);
    await expect(pins.matches(PIN)).resolves.toBe(false);
    expect(audit().map(([, action]) => action)).toEqual([
      'session-opened',
      'pin-wrong',
      'pin-changed',
    ]);
  });

  it('closes the session when wrong current PINs lock the mode', async () => {
    session.begin();
    await session.enterPin(PIN);
    for (let attempt = 0; attempt < 4; attempt++) await session.changePin('000001', '975310');
    await expect(session.changePin('000001', '975310')).resolves.toBe('locked');
    expect(session.view()).toMatchObject({ phase: 'closed', lockedForSeconds: 300 });
    expect(audit().at(-1)).toEqual(['technician', 'session-closed', 'locked']);
  });
});
