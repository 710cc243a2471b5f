/**
 * The kiosk's `lobby` options in the composed kiosk (startKiosk) against the reference server:
 * the snapshot the kiosk relays carries the kiosk's own options, and a technician's change is
 * sent to the lobby pages at once as a new snapshot, without a restart.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LobbyEvent, LobbySnapshot } from '../../src-shared/contract/lobby';
import type { Kiosk } from '../../src-main/app/kiosk';
import { startKiosk } from '../../src-main/app/start-kiosk';
import { parseConfig } from '../../src-main/config/load-config';
import { prepareDataFolder } from '../../src-main/store/data-folder';
import { PinFile } from '../../src-main/technician/pin-file';
import { startTurneroServer, type TurneroServer } from '../../server/server';
import { ONE_BOOKING_SEED } from '../e2e/support/one-booking-seed';
import { makeTempDir } from '../support/temp-dir';

const PIN = '246810';
const FAST = { N: 2 ** 10, r: 8, p: 1, keyLength: 32 };

describe('the lobby options of the kiosk', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let townhall: TurneroServer;
  let kiosk: Kiosk | null = null;

  beforeEach(async () => {
    dir = makeTempDir('lobby-options');
    townhall = await startTurneroServer({ seed: ONE_BOOKING_SEED, log: () => undefined });
  });
  afterEach(async () => {
    await kiosk?.stop();
    await townhall.close();
    dir.remove();
  });

  const call = async (channel: string, payload: unknown = {}) => {
    const result = await kiosk?.dispatch(channel, payload);
    if (!result?.ok) throw new Error(`${channel}: ${JSON.stringify(result)}`);
    return result.value;
  };

  it('puts the configured options in the relayed snapshot and applies a technician’s change live', async () => {
    const dataDir = join(dir.path, 'data');
    prepareDataFolder(dataDir);
    await new PinFile(dataDir, () => undefined, FAST).set(PIN);
    kiosk = await startKiosk({
      config: parseConfig(
        {
          dataDir,
          siteId: 'e2e-sac',
          kioskId: 'sac-1',
          api: { baseUrl: townhall.url },
          lobby: { volumePercent: 40, highContrast: true, recentCount: 3 },
        },
        null,
      ),
      defaultDataDir: dataDir,
      log: () => undefined,
    });
    const events: LobbyEvent[] = [];
    kiosk.onEvent(({ event, payload }) => {
      if (event === 'lobby:event') events.push(payload as LobbyEvent);
    });

    const snapshot = (await call('lobby:get-snapshot')) as LobbySnapshot;
    expect(snapshot.options).toMatchObject({ volume: 0.4, highContrast: true, recentCount: 3 });
    await expect.poll(() => townhall.admin.openStreams()).toBe(1);

    await call('tech:session-begin');
    await call('tech:pin-enter', { pin: PIN });
    expect(
      await call('tech:settings-apply', {
        changes: [
          { path: 'lobby.chime', value: false },
          { path: 'lobby.volumePercent', value: 75 },
        ],
      }),
    ).toMatchObject({ outcome: 'applied' });
    await expect.poll(() => events.length).toBe(1);
    expect(events[0]).toMatchObject({
      type: 'snapshot',
      snapshot: { options: { chime: false, volume: 0.75, highContrast: true } },
    });
    expect(((await call('lobby:get-snapshot')) as LobbySnapshot).options.volume).toBe(0.75);
  });
});
