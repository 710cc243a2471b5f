/**
 * The technician mode in the composed kiosk (startKiosk) on a real data folder, a real SQLite
 * store and the reference town hall: a settings change applies without a restart and is
 * audited, it survives a restart, a bad import changes nothing, a setting the town hall manages
 * cannot be changed, and a technician card the town hall issued opens the PIN pad offline.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskState } from '../../src-shared/contract/ipc';
import type { Kiosk } from '../../src-main/app/kiosk';
import { startKiosk } from '../../src-main/app/start-kiosk';
import { parseConfig } from '../../src-main/config/load-config';
import { prepareDataFolder } from '../../src-main/store/data-folder';
import { PinFile } from '../../src-main/technician/pin-file';
import { TECHNICIAN_SETTINGS_FILE } from '../../src-main/technician/technician-layer-file';
import { startTurneroServer, type TurneroServer } from '../../server/server';
import { ONE_BOOKING_SEED } from '../e2e/support/one-booking-seed';
import { makeTempDir } from '../support/temp-dir';
import { firstSyncDone } from '../support/kiosk-state-wait';

const PIN = '246810';
const FAST = { N: 2 ** 10, r: 8, p: 1, keyLength: 32 };

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('technician mode in the composed kiosk', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let dataDir: string;
  let townhall: TurneroServer;
  let app: Kiosk | null;

  beforeEach(async () => {
    dir = makeTempDir('technician');
    dataDir = join(dir.path, 'data');
    prepareDataFolder(dataDir);
    await new PinFile(dataDir, () => undefined, FAST).set(PIN);
    townhall = await startTurneroServer({ port: 0, seed: ONE_BOOKING_SEED });
    app = null;
  });
  afterEach(async () => {
    await app?.stop();
    await townhall.close();
    dir.remove();
  });

  const start = async () => {
    app = await startKiosk({
      config: parseConfig(
        { dataDir, siteId: 'e2e-sac', kioskId: 'sac-1', api: { baseUrl: townhall.url } },
        null,
      ),
      defaultDataDir: dataDir,
      log: () => undefined,
    });
    return app;
  };

  const call = async (kiosk: Kiosk, channel: string, payload: unknown = {}) => {
    const result = await kiosk.dispatch(channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
    return result.value as Record<string, unknown>;
  };

  const openSession = async (kiosk: Kiosk) => {
    await call(kiosk, 'tech:session-begin');
    expect(await call(kiosk, 'tech:pin-enter', { pin: PIN })).toMatchObject({ outcome: 'opened' });
  };

  it('applies a change without a restart, audits it, and keeps it across a restart', async () => {
    const kiosk = await start();
    const states: KioskState[] = [];
    kiosk.onEvent(({ event, payload }) => {
      if (event === 'kiosk:state-changed') states.push(payload as KioskState);
    });
    await expect(kiosk.dispatch('tech:settings-get', {})).resolves.toEqual({
      ok: false,
      error: { code: 'technician-session-required' },
    });
    await openSession(kiosk);
    const applied = await call(kiosk, 'tech:settings-apply', {
      changes: [
        { path: 'citizen.languages', value: ['es', 'en'] },
        { path: 'branding.siteName', value: 'SAC Plaza Mayor' },
        { path: 'citizen.idleSeconds', value: 90 },
      ],
    });
    expect(applied).toMatchObject({ outcome: 'applied' });

    // The screen is told at once: no restart.
    expect(states.at(-1)).toMatchObject({
      languages: ['es', 'en'],
      siteName: 'SAC Plaza Mayor',
      session: { idleSeconds: 90 },
    });
    const audit = await call(kiosk, 'tech:audit-list', { limit: 50 });
    const entries = audit.entries as {
      action: string;
      path: string | null;
      from: string;
      to: string;
    }[];
    expect(entries.filter((entry) => entry.action === 'setting-changed')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'citizen.languages',
          from: '["es","en","fr","de"]',
          to: '["es","en"]',
        }),
        expect.objectContaining({ path: 'citizen.idleSeconds', from: '60', to: '90' }),
      ]),
    );
    const pinHash = JSON.parse(readFileSync(join(dataDir, 'technician-pin'), 'utf8')) as {
      hash: string;
    };
    expect(JSON.stringify(audit)).not.toContain(PIN);
    expect(JSON.stringify(audit)).not.toContain(pinHash.hash);

    const layerFile = join(dataDir, TECHNICIAN_SETTINGS_FILE);
    expect(statSync(layerFile).mode & 0o777).toBe(0o600);
    await call(kiosk, 'tech:session-end', { reason: 'exit' });
    await kiosk.stop();

    const restarted = await start();
    expect(await call(restarted, 'kiosk:get-state')).toMatchObject({
      languages: ['es', 'en'],
      siteName: 'SAC Plaza Mayor',
      session: { idleSeconds: 90 },
    });
    // The session did not survive the restart; the settings did, as the technician's.
    await expect(restarted.dispatch('tech:settings-get', {})).resolves.toMatchObject({ ok: false });
    await openSession(restarted);
    const view = await call(restarted, 'tech:settings-get');
    expect(
      (view.settings as { path: string; source: string }[]).find(
        (entry) => entry.path === 'citizen.languages',
      ),
    ).toMatchObject({
      source: 'technician',
    });
  });

  it('changes nothing for a bad import: effective settings, the file and after a restart', async () => {
    const kiosk = await start();
    await openSession(kiosk);
    await call(kiosk, 'tech:settings-apply', {
      changes: [{ path: 'walkIn.priorityEnabled', value: true }],
    });
    const layerFile = join(dataDir, TECHNICIAN_SETTINGS_FILE);
    const before = readFileSync(layerFile, 'utf8');
    const exported = JSON.parse((await call(kiosk, 'tech:config-export')).content as string) as {
      settings: Record<string, Record<string, unknown>>;
    };
    const bad = JSON.stringify({
      ...exported,
      settings: {
        ...exported.settings,
        citizen: { ...exported.settings.citizen, languages: ['es', 'xx'] },
        walkIn: { ...exported.settings.walkIn, priorityEnabled: false },
      },
    });
    expect(await call(kiosk, 'tech:config-import', { content: bad })).toEqual({
      outcome: 'refused',
      issues: [{ path: 'settings.citizen.languages.1', code: 'invalid-value' }],
    });
    expect(readFileSync(layerFile, 'utf8')).toBe(before);
    expect(await call(kiosk, 'kiosk:get-state')).toMatchObject({
      languages: ['es', 'en', 'fr', 'de'],
    });
    await kiosk.stop();

    const restarted = await start();
    await openSession(restarted);
    const view = await call(restarted, 'tech:settings-get');
    expect(
      (view.settings as { path: string; value: unknown }[]).find(
        (entry) => entry.path === 'walkIn.priorityEnabled',
      ),
    ).toMatchObject({
      value: true,
    });
  });

  it('shows the town hall’s settings with their source and refuses to change them', async () => {
    await townhall.admin.setRemoteConfig('sac-1', {
      checkInWindow: { minutesBefore: 15, minutesAfter: 5 },
    });
    const kiosk = await start();
    await openSession(kiosk);
    const entry = await until(async () => {
      const view = await call(kiosk, 'tech:settings-get');
      const found = (view.settings as { path: string; source: string; value: unknown }[]).find(
        (setting) => setting.path === 'checkIn.minutesBefore',
      );
      return found?.source === 'remote' ? found : undefined;
    }, 'the remote check-in window');
    expect(entry).toMatchObject({ value: 15 });
    expect(
      await call(kiosk, 'tech:settings-apply', {
        changes: [{ path: 'checkIn.minutesBefore', value: 60 }],
      }),
    ).toEqual({
      outcome: 'refused',
      issues: [{ path: 'checkIn.minutesBefore', code: 'remote-managed' }],
    });
  });

  it('opens the PIN pad for a card the town hall issued, verified offline, and logs the card', async () => {
    const kiosk = await start();
    const { card } = await townhall.admin.issueTechnicianCard({ cardId: 'TEC-0042', validDays: 7 });
    // The keys come with the first sync (start-up does not wait for it); then the town hall goes.
    await firstSyncDone(kiosk);
    await townhall.close();
    // The town hall is gone: the card is checked with the keys the kiosk already has.
    expect(await call(kiosk, 'tech:card-present', { card })).toMatchObject({
      refusal: null,
      session: { phase: 'pin', via: 'card', cardId: 'TEC-0042' },
    });
    expect(await call(kiosk, 'tech:pin-enter', { pin: PIN })).toMatchObject({ outcome: 'opened' });
    const audit = await call(kiosk, 'tech:audit-list', { limit: 10 });
    expect(audit.entries).toEqual([
      expect.objectContaining({ actor: 'card:TEC-0042', action: 'session-opened', detail: 'card' }),
    ]);
    townhall = await startTurneroServer({ port: 0, seed: ONE_BOOKING_SEED });
  });
});
