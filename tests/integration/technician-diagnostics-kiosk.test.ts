/**
 * The diagnostics channels in the composed kiosk (startKiosk): a real data folder and SQLite
 * store, the reference town hall, the virtual printer, and the technician session the access
 * guard asks for. The channels refuse without a session; with one they answer, reach the host's
 * restart, hand out the log bundle once, and write the technician's audit log.
 */
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiagnosticsSnapshotSchema, StatisticsSchema } from '../../src-shared/contract/diagnostics';
import type { Kiosk } from '../../src-main/app/kiosk';
import { startKiosk } from '../../src-main/app/start-kiosk';
import { parseConfig } from '../../src-main/config/load-config';
import { prepareDataFolder } from '../../src-main/store/data-folder';
import { PinFile } from '../../src-main/technician/pin-file';
import { startTurneroServer, type TurneroServer } from '../../server/server';
import { ONE_BOOKING_SEED } from '../e2e/support/one-booking-seed';
import { makeTempDir } from '../support/temp-dir';
import { firstSyncDone } from '../support/kiosk-state-wait';

const PIN = '246810';

describe('the diagnostics channels in the composed kiosk', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let townhall: TurneroServer;
  let kiosk: Kiosk;
  let restarts: number;

  const call = async (channel: string, payload: unknown = {}) => {
    const result = await kiosk.dispatch(channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
    return result.value;
  };

  beforeEach(async () => {
    dir = makeTempDir('technician-diagnostics-kiosk');
    const dataDir = join(dir.path, 'data');
    prepareDataFolder(dataDir);
    await new PinFile(dataDir, () => undefined, { N: 2 ** 10, r: 8, p: 1, keyLength: 32 }).set(PIN);
    townhall = await startTurneroServer({ port: 0, seed: ONE_BOOKING_SEED });
    restarts = 0;
    kiosk = await startKiosk({
      config: parseConfig({ dataDir, siteId: 'e2e-sac', api: { baseUrl: townhall.url } }, null),
      defaultDataDir: dataDir,
      log: () => undefined,
      host: { downloads: true, restart: () => (restarts += 1) },
    });
    // Start-up does not wait for the town hall: these tests need its booking.
    await firstSyncDone(kiosk);
  });

  afterEach(async () => {
    await kiosk.stop();
    await townhall.close();
    dir.remove();
  });

  it('refuses every diagnostics channel outside a technician session', async () => {
    for (const channel of ['tech:diagnostics', 'tech:statistics', 'tech:restart']) {
      expect(await kiosk.dispatch(channel, {})).toEqual({
        ok: false,
        error: { code: 'technician-session-required' },
      });
    }
    expect(restarts).toBe(0);
  });

  it('answers in a session: snapshot, statistics, reprint, bundle, restart, all audited', async () => {
    await kiosk.dispatch('checkin:submit', { input: 'TRN-7K4P9Q', source: 'keyboard-wedge' });
    await kiosk.dispatch('checkin:submit', { input: 'TRN-ZZZZZZ', source: 'touch' });
    await call('tech:session-begin');
    expect(await call('tech:pin-enter', { pin: PIN })).toMatchObject({ outcome: 'opened' });

    const snapshot = DiagnosticsSnapshotSchema.parse(await call('tech:diagnostics'));
    expect(snapshot).toMatchObject({
      printer: { transport: 'virtual', state: 'ready', paper: { ticketsSinceChange: 1 } },
      scanner: { lastRead: { form: 'booking-code', source: 'keyboard-wedge' } },
      logs: { usbVolume: null, download: true },
    });
    const statistics = StatisticsSchema.parse(await call('tech:statistics'));
    expect(statistics.days.at(-1)).toMatchObject({
      tickets: 1,
      refusals: { 'booking-not-found': 1 },
    });

    expect(await call('tech:reprint-last')).toEqual({
      ticket: { number: 'E-001', printStatus: 'printed', printFailure: null },
    });

    const { path } = (await call('tech:download-logs')) as { path: string };
    const token = path.replace('/technician/download/', '');
    const bundle = kiosk.takeDownload?.(token);
    expect(bundle?.fileName).toMatch(/^turnero-logs-kiosk-1-\d{8}T\d{6}Z\.tar\.gz$/);
    const tar = gunzipSync(bundle?.body ?? Buffer.alloc(0)).toString('latin1');
    expect(tar).toContain('logs/turnero.log');
    expect(tar).not.toContain('ZZZZZZ');
    expect(kiosk.takeDownload?.(token)).toBeNull();

    expect(await call('tech:restart')).toEqual({ restarting: true });
    for (let tries = 0; restarts === 0 && tries < 100; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(restarts).toBe(1);

    const audit = (await call('tech:audit-list', { limit: 20 })) as {
      entries: Array<{ actor: string; action: string; detail: string | null }>;
    };
    expect(
      audit.entries
        .filter((entry) => !entry.action.startsWith('session'))
        .map(({ actor, action, detail }) => ({ actor, action, detail })),
    ).toEqual([
      { actor: 'technician', action: 'restart', detail: null },
      { actor: 'technician', action: 'logs-downloaded', detail: bundle?.fileName },
      { actor: 'technician', action: 'reprint', detail: 'E-001: printed' },
    ]);
  });
});
