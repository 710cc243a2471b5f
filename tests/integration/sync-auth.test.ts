/**
 * A credential the town hall refuses (401) or a request it forbids (403) is a problem of the
 * kiosk, never a verdict on a check-in: the outbox is held, however long it lasts, nothing is
 * set aside, the status says why, and everything is delivered once the credential works again.
 */
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { MAX_ANSWERED_ATTEMPTS, type SyncStatus } from '../../src-main/sync/sync-engine';
import type { TurneroServer } from '../../server/server';
import { startServerUnderTest } from './server-databases';
import { makeTempDir } from '../support/temp-dir';
import {
  generatedSeed,
  issueCheckIn,
  makeKiosk,
  refuseCheckIns,
  simulatedClock,
  SITE,
  startGateway,
  type TestKiosk,
} from './sync-kit';

const START = new Date('2026-02-10T08:00:00.000Z'); // 09:00 in Madrid
const MINUTE = 60_000;

describe('sync with a credential the town hall refuses', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let server: TurneroServer;
  let kiosk: TestKiosk | null = null;
  const clock = simulatedClock(START);

  beforeEach(async () => {
    dir = makeTempDir('sync-auth');
    clock.set(START);
    server = await startServerUnderTest({
      seed: generatedSeed(30, { firstOffset: 10, spacing: 5 }),
      now: clock.now,
    });
  });
  afterEach(async () => {
    await kiosk?.close();
    kiosk = null;
    await server.close();
    dir.remove();
  });

  async function until(condition: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 5000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('holds the outbox through hours of 401, sets nothing aside, and delivers it all once the credential works', async () => {
    kiosk = makeKiosk({
      dir: dir.path,
      baseUrl: server.url,
      kioskId: 'kiosk-1',
      now: clock.now,
      autoPush: false,
      engine: { pollSeconds: () => 0.05 },
    });
    const k = kiosk;
    expect(await k.engine.syncNow()).toMatchObject({ ok: true });
    const issued = [(await issueCheckIn(k, 0)).id, (await issueCheckIn(k, 1)).id];

    // The kiosk's credential is no longer accepted (e.g. revoked, or auth switched on before the
    // kiosk was enrolled): every request is answered 401.
    server.admin.setAuth('required');
    const statuses: SyncStatus[] = [];
    k.engine.onStatusChange((status) => statuses.push(status));
    // Far more than MAX_ANSWERED_ATTEMPTS runs, hours apart on the kiosk's clock.
    for (let run = 0; run < MAX_ANSWERED_ATTEMPTS * 2; run += 1) {
      clock.advance(10 * MINUTE);
      if (run === 5) issued.push((await issueCheckIn(k, 2)).id);
      const report = await k.engine.syncNow();
      expect(report.ok).toBe(false);
      expect(report.rejected).toBe(0);
    }
    expect(k.store.conflicts.count()).toBe(0);
    expect(k.store.outbox.pendingCount()).toBe(3);
    expect(k.engine.listSetAside()).toEqual([]);
    expect(k.engine.getStatus()).toMatchObject({
      authProblem: 'unauthorized',
      connectivity: 'degraded',
      pendingOutbox: 3,
      setAsideOutbox: 0,
    });
    expect(k.engine.getStatus().lastError).toMatch(/401/);
    expect(k.engine.getStatus().lastError).toMatch(/credential/);
    expect(statuses.at(-1)?.authProblem).toBe('unauthorized');
    expect(k.logs.filter((line) => /outbox is held/.test(line))).toHaveLength(1);

    // The kiosk is accepted again. No syncNow: the next poll finds it out, and the held rows go
    // at once, although the push backoff (on a clock that does not move) is far from over.
    server.admin.setAuth('optional');
    k.engine.start();
    await until(() => k.store.outbox.pendingCount() === 0, 'the held outbox to be delivered');
    // Each once (all received at the same instant of the frozen clock: compared as sets).
    const delivered = (await server.admin.checkIns()).map((record) => record.ticketId);
    expect(delivered).toHaveLength(issued.length);
    expect(new Set(delivered)).toEqual(new Set(issued));
    expect(k.store.conflicts.count()).toBe(0);
    await until(() => k.engine.getStatus().lastError === null, 'the run to end well');
    expect(k.engine.getStatus()).toMatchObject({
      authProblem: null,
      connectivity: 'online',
      lastError: null,
      pendingOutbox: 0,
    });
  });

  it('a 403 on check-ins only: held, not set aside, and the heartbeat tells the town hall', async () => {
    // A gateway that forbids check-ins (as a town hall would a kiosk writing for another one),
    // while everything else goes through.
    let forbidCheckIns = true;
    const gateway = await startGateway(
      server.url,
      (request, response) =>
        forbidCheckIns &&
        refuseCheckIns(request, response, 403, { code: 'unauthorized', message: 'not this kiosk' }),
    );
    onTestFinished(() => gateway.close());
    kiosk = makeKiosk({
      dir: dir.path,
      baseUrl: gateway.url,
      kioskId: 'kiosk-2',
      now: clock.now,
      autoPush: false,
      engine: {
        heartbeat: {
          intervalSeconds: 3600,
          facts: () => ({
            appVersion: '0.1.0-test',
            printer: { state: 'ready', transport: 'virtual' },
            scanner: { transport: 'keyboard', connected: null },
            ticketsToday: 1,
          }),
        },
      },
    });
    const k = kiosk;
    await k.engine.syncNow();
    const ticket = await issueCheckIn(k, 3);
    for (let run = 0; run < MAX_ANSWERED_ATTEMPTS + 3; run += 1) {
      clock.advance(10 * MINUTE);
      expect((await k.engine.syncNow()).rejected).toBe(0);
    }
    expect(k.store.conflicts.count()).toBe(0);
    expect(k.store.outbox.pendingCount()).toBe(1);
    expect(k.engine.getStatus()).toMatchObject({
      authProblem: 'forbidden',
      connectivity: 'degraded',
    });
    expect(k.engine.getStatus().lastError).toMatch(/403/);

    await k.engine.heartbeatNow();
    const device = (await server.admin.devices(SITE)).find((d) => d.kioskId === 'kiosk-2');
    expect(device?.heartbeat).toMatchObject({
      connectivity: 'degraded',
      authProblem: 'forbidden',
      outbox: { pending: 1, setAside: 0 },
    });

    forbidCheckIns = false;
    clock.advance(10 * MINUTE);
    expect(await k.engine.syncNow()).toMatchObject({ ok: true, delivered: 1, rejected: 0 });
    expect((await server.admin.checkIns()).map((record) => record.ticketNumber)).toEqual([
      ticket.number,
    ]);
    expect(k.engine.getStatus()).toMatchObject({ authProblem: null, connectivity: 'online' });
  });
});
