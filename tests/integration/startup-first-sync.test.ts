/**
 * Start-up never waits for the first sync: a brand-new kiosk facing a town hall that holds its
 * answer is composed and serving at once, says "preparing" (it has nothing to serve yet) and
 * answers a check-in "not ready"; once the town hall answers it is ready and issues tickets.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../src-main/app/kiosk';
import { startKiosk } from '../../src-main/app/start-kiosk';
import { parseConfig } from '../../src-main/config/load-config';
import { startTurneroServer, type TurneroServer } from '../../server/server';
import { loadSeed } from '../../server/seed';
import { startGatedProxy, type GatedProxy } from '../support/gated-proxy';
import { untilKioskState } from '../support/kiosk-state-wait';
import { makeTempDir } from '../support/temp-dir';

describe('start-up with a town hall that delays its answer', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let townhall: TurneroServer;
  let gate: GatedProxy;
  let kiosk: Kiosk | null;

  beforeEach(async () => {
    dir = makeTempDir('startup');
    townhall = await startTurneroServer({ port: 0, seed: loadSeed('demo'), log: () => undefined });
    gate = await startGatedProxy(townhall.url);
    kiosk = null;
  });
  afterEach(async () => {
    gate.open();
    await kiosk?.stop();
    await gate.close();
    await townhall.close();
    dir.remove();
  });

  it('serves at once, preparing, and becomes ready when the first sync comes in', async () => {
    // The longest request timeout: a start-up that waited for this answer would not be back
    // before the test's own timeout.
    const api = { baseUrl: gate.url, timeoutMs: 60_000 };
    kiosk = await startKiosk({
      config: parseConfig({ dataDir: join(dir.path, 'kiosk'), api }, null),
      defaultDataDir: dir.path,
      log: () => undefined,
    });
    // Composed and answering while its first request still waits at the gate.
    await untilKioskState(kiosk, () => gate.held() > 0, 'the first sync request');
    const state = await kiosk.dispatch('kiosk:get-state', {});
    expect(state).toMatchObject({
      ok: true,
      value: { readiness: 'preparing', lastSyncAt: null, siteName: '' },
    });
    expect(
      await kiosk.dispatch('checkin:submit', { input: 'TRN-7K4P9Q', source: 'touch' }),
    ).toEqual({ ok: false, error: { code: 'kiosk-not-ready' } });

    gate.open();
    const ready = await untilKioskState(kiosk, (s) => s.lastSyncAt !== null, 'the first sync');
    expect(ready).toMatchObject({
      readiness: 'ready',
      siteName: 'Ayuntamiento de Villanueva de la Peña',
    });
    expect(
      await kiosk.dispatch('checkin:submit', { input: 'TRN-7K4P9Q', source: 'touch' }),
    ).toMatchObject({ ok: true, value: { outcome: 'issued' } });
  });
});
