/**
 * The kiosk as a device of the town hall: enrolment (CLI and at start), the bearer credential
 * (0600 file) on every request, heartbeats with the kiosk's facts, remote configuration applied
 * when the heartbeat announces a new version, and walk-in tickets pushed like check-ins.
 */
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startKiosk } from '../../src-main/app/start-kiosk';
import { localDayOf } from '../../src-shared/domain/site-time';
import type { Kiosk } from '../../src-main/app/kiosk';
import { parseConfig } from '../../src-main/config/load-config';
import { readCredential } from '../../src-main/backend/turnero-api/credential';
import { runEnrolCli } from '../../src-main/tools/enrol-cli';
import type { RemoteSettings } from '../../src-main/sync/sync-engine';
import type { TurneroServer } from '../../server/server';
import { startServerUnderTest } from './server-databases';
import { firstSyncDone } from '../support/kiosk-state-wait';
import { makeTempDir } from '../support/temp-dir';
import {
  bookingCodeFor,
  generatedSeed,
  makeKiosk,
  simulatedClock,
  SITE,
  type TestKiosk,
} from './sync-kit';

describe('the kiosk as an enrolled device', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let server: TurneroServer;
  let kiosk: TestKiosk | null = null;
  let app: Kiosk | null = null;

  beforeEach(async () => {
    dir = makeTempDir('sync-device');
    server = await startServerUnderTest({
      seed: generatedSeed(20, { firstOffset: 5, spacing: 2 }),
      auth: 'required',
    });
  });
  afterEach(async () => {
    await kiosk?.close();
    kiosk = null;
    await app?.stop();
    app = null;
    await server.close();
    dir.remove();
  });

  it('enrols with the CLI, then syncs, beats and takes remote settings with its credential', async () => {
    const credentialFile = join(dir.path, 'secret', 'credential');
    let credential: string | null = null;
    kiosk = makeKiosk({
      dir: dir.path,
      baseUrl: server.url,
      kioskId: 'kiosk-7',
      now: () => new Date(),
      credential: () => credential,
      engine: {
        heartbeat: {
          intervalSeconds: 3600,
          facts: () => ({
            appVersion: '0.1.0-test',
            printer: { state: 'paper-near-end', transport: 'serial' },
            scanner: { transport: 'keyboard', connected: null },
            ticketsToday: 3,
          }),
        },
      },
    });
    // Without a credential the town hall refuses: the kiosk says so and keeps its cache. The
    // town hall answers, so the kiosk is not offline: degraded, with the reason.
    const refused = await kiosk.engine.syncNow();
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatch(/401 unauthorized/);
    expect(kiosk.engine.getStatus()).toMatchObject({
      connectivity: 'degraded',
      authProblem: 'unauthorized',
    });
    expect(kiosk.engine.getStatus().lastError).toMatch(/credential \(HTTP 401\)/);

    const config = join(dir.path, 'kiosk.json');
    writeFileSync(
      config,
      JSON.stringify({
        siteId: SITE,
        kioskId: 'kiosk-7',
        dataDir: dir.path,
        api: { baseUrl: server.url, credentialFile },
      }),
    );
    const code = await server.admin.createEnrolmentCode(SITE);
    const out: string[] = [];
    const io = { out: (line: string) => out.push(line), err: (line: string) => out.push(line) };
    expect(await runEnrolCli(['--config', config, '--code', code], {}, io)).toBe(0);
    expect(out.join('\n')).toMatch(/enrolled kiosk-7 at site sync-sac; credential stored in/);
    expect(statSync(credentialFile).mode & 0o777).toBe(0o600);
    credential = readCredential(credentialFile);
    expect(credential?.length).toBeGreaterThanOrEqual(32);
    expect(out.join('\n')).not.toContain(credential as string);
    // A one-time code is one time.
    expect(await runEnrolCli(['--config', config, '--code', code], {}, io)).toBe(1);

    expect(await kiosk.engine.syncNow()).toMatchObject({ ok: true, appointmentsReceived: 20 });
    expect(kiosk.engine.getStatus()).toMatchObject({ connectivity: 'online', authProblem: null });

    const applied: RemoteSettings[] = [];
    kiosk.engine.onRemoteSettings((settings) => applied.push(settings));
    await server.admin.setRemoteConfig('*', {
      pollSeconds: 30,
      checkInWindow: { minutesBefore: 15, minutesAfter: 5 },
      ticketQrUrl: 'https://sede.example.es/turno/{number}',
    });
    const answer = await kiosk.engine.heartbeatNow();
    expect(answer?.configVersion).toBeGreaterThan(0);
    expect(applied).toEqual([
      {
        pollSeconds: 30,
        checkInWindow: { minutesBefore: 15, minutesAfter: 5 },
        ticketQrUrl: 'https://sede.example.es/turno/{number}',
      },
    ]);
    expect(kiosk.engine.getRemoteSettings()).toEqual(applied[0]);
    // The same version again: not fetched again.
    await kiosk.engine.heartbeatNow();
    expect(applied).toHaveLength(1);
    const device = (await server.admin.devices(SITE)).find((d) => d.kioskId === 'kiosk-7');
    expect(device).toMatchObject({
      enrolled: true,
      printerState: 'paper-near-end',
      outboxPending: 0,
      heartbeat: expect.objectContaining({ appVersion: '0.1.0-test', ticketsToday: 3 }),
    });
  });

  it('walk-ins: issued, numbered, pushed; refused where the service takes none', async () => {
    const clock = simulatedClock(new Date(), true);
    await server.close();
    server = await startServerUnderTest({ seed: generatedSeed(0), now: clock.now });
    kiosk = makeKiosk({ dir: dir.path, baseUrl: server.url, kioskId: 'kiosk-1', now: clock.now });
    await kiosk.engine.syncNow();
    const first = await kiosk.kiosk.issueWalkIn('svc-b');
    expect(first).toMatchObject({
      ok: true,
      value: { outcome: 'issued', ticket: { number: 'B-001', appointmentTime: null } },
    });
    expect(kiosk.printer.printed.map((job) => job.ticketNumber)).toEqual(['B-001']);
    expect(await kiosk.kiosk.issueWalkIn('svc-f')).toEqual({
      ok: false,
      error: { code: 'walk-ins-not-allowed' },
    });
    expect(await kiosk.kiosk.issueWalkIn('nope')).toEqual({
      ok: false,
      error: { code: 'service-unknown' },
    });
    await kiosk.engine.syncNow();
    expect(await server.admin.walkIns()).toEqual([
      expect.objectContaining({ ticketNumber: 'B-001', serviceId: 'svc-b', kioskId: 'kiosk-1' }),
    ]);
  });

  it("each ticket reaches the town hall with the citizen's language, for the lobby's call", async () => {
    const clock = simulatedClock(new Date(), true);
    await server.close();
    server = await startServerUnderTest({
      seed: generatedSeed(4, { firstOffset: 5, spacing: 2 }),
      now: clock.now,
    });
    kiosk = makeKiosk({ dir: dir.path, baseUrl: server.url, kioskId: 'kiosk-1', now: clock.now });
    await kiosk.engine.syncNow();
    const walkIn = await kiosk.kiosk.issueWalkIn('svc-b', { language: 'en' });
    const checkIn = await kiosk.kiosk.checkIn(bookingCodeFor(0), 'de');
    // A scan on a kiosk whose screen language is not known reports none.
    const unknown = await kiosk.kiosk.checkIn(bookingCodeFor(1));
    const numberOf = (result: typeof walkIn) => (result.ok ? result.value.ticket.number : null);
    expect([walkIn.ok, checkIn.ok, unknown.ok]).toEqual([true, true, true]);
    await kiosk.engine.syncNow();

    const tickets = await server.admin.ticketsOfDay(localDayOf(clock.now(), 'Europe/Madrid'));
    expect(
      Object.fromEntries(tickets.map((ticket) => [ticket.ticketNumber, ticket.language])),
    ).toEqual({
      [numberOf(walkIn) ?? 'walk-in']: 'en',
      [numberOf(checkIn) ?? 'check-in']: 'de',
      [numberOf(unknown) ?? 'unknown']: null,
    });
  });

  it('the app enrols at start with the configured code and applies remote settings', async () => {
    const code = await server.admin.createEnrolmentCode(SITE);
    await server.admin.setRemoteConfig('kiosk-9', {
      checkInWindow: { minutesBefore: 0, minutesAfter: 0 },
    });
    const logs: string[] = [];
    app = await startKiosk({
      config: parseConfig(
        {
          siteId: SITE,
          kioskId: 'kiosk-9',
          dataDir: join(dir.path, 'app'),
          api: { baseUrl: server.url, enrolmentCode: code },
          numbering: { reservedRange: { first: 950, last: 999 } },
        },
        null,
      ),
      defaultDataDir: dir.path,
      log: (line) => logs.push(line),
    });
    expect(statSync(join(dir.path, 'app', 'credential')).mode & 0o777).toBe(0o600);
    await firstSyncDone(app);
    const deadline = Date.now() + 5000;
    while (!logs.some((line) => /remote configuration \d+ applied/.test(line))) {
      if (Date.now() > deadline) throw new Error(`no remote config applied: ${logs.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // The remote window (0 minutes either side) now refuses a booking 5 minutes away.
    const result = await app.dispatch('checkin:submit', { input: 'TRN-000000', source: 'touch' });
    expect(result).toMatchObject({ ok: false, error: { code: 'too-early' } });
    expect((await server.admin.devices(SITE)).find((d) => d.kioskId === 'kiosk-9')?.enrolled).toBe(
      true,
    );
  });
});
