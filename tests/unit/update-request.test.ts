/**
 * The kiosk's half of updates: the heartbeat answer's `desiredVersion` becomes a request file
 * for the root helper, with the install window computed from the opening hours on the site's
 * clock (a fixed instant, never the wall clock). The file is real, in a temporary folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  HeartbeatResponseSchema,
  type HeartbeatResponse,
} from '../../src-shared/contract/townhall-api';
import { DEFAULT_OPENING_HOURS } from '../../src-main/appliance/opening-hours';
import {
  createUpdateRequester,
  UPDATE_MARGIN_MS,
  UPDATE_REQUEST_FILE,
  updateRequestFor,
} from '../../src-main/appliance/update-request';
import { createHeartbeat, type HeartbeatOptions } from '../../src-main/sync/heartbeat';
import { makeTempDir } from '../support/temp-dir';

const MADRID = 'Europe/Madrid';
// Monday 2026-03-02 12:00 in Madrid: open (default hours 07:00–21:00).
const MONDAY_NOON = new Date('2026-03-02T11:00:00Z');
const seconds = (iso: string) => new Date(iso).getTime() / 1000;

let dir: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  dir = makeTempDir('update-request');
});
afterEach(() => dir.remove());

const requester = (now: Date, lines: string[] = []) =>
  createUpdateRequester({
    applianceDir: dir.path,
    currentVersion: '1.4.0',
    openingHours: DEFAULT_OPENING_HOURS,
    timeZone: MADRID,
    log: (line) => lines.push(line),
    now: () => now,
  });

describe('update request', () => {
  it('asks for the desired version in the next closed stretch, ending 30 min before opening', () => {
    expect(
      updateRequestFor('1.5.0', {
        currentVersion: '1.4.0',
        openingHours: DEFAULT_OPENING_HOURS,
        timeZone: MADRID,
        now: () => MONDAY_NOON,
      }),
    ).toEqual({
      desiredVersion: '1.5.0',
      // Monday 21:00 to Tuesday 06:30 in Madrid (opening 07:00 less the margin).
      windowStart: seconds('2026-03-02T20:00:00Z'),
      windowEnd: seconds('2026-03-03T06:00:00Z') - UPDATE_MARGIN_MS / 1000,
    });
  });

  it('writes the file the helper reads, and removes it when nothing new is wanted', () => {
    const lines: string[] = [];
    const updates = requester(MONDAY_NOON, lines);
    const file = join(dir.path, UPDATE_REQUEST_FILE);
    updates.desired('1.5.0');
    expect(readFileSync(file, 'utf8')).toBe(
      [
        '# Written by the Turnero kiosk at each heartbeat; read by turnero-update (root).',
        'desired_version=1.5.0',
        `window_start=${seconds('2026-03-02T20:00:00Z')}`,
        `window_end=${seconds('2026-03-03T05:30:00Z')}`,
        '',
      ].join('\n'),
    );
    updates.desired('1.5.0');
    expect(lines).toEqual([
      'update: the town hall wants version 1.5.0 (this is 1.4.0); it is installed between ' +
        '2026-03-02T20:00:00.000Z and 2026-03-03T05:30:00.000Z',
    ]);
    updates.desired('1.4.0');
    expect(existsSync(file)).toBe(false);
    updates.desired('1.5.0');
    updates.desired(undefined);
    expect(existsSync(file)).toBe(false);
  });

  it('while closed, the window starts now: Saturday morning waits for nothing', () => {
    const saturday = new Date('2026-03-07T09:00:00Z');
    expect(
      updateRequestFor('1.5.0', {
        currentVersion: '1.4.0',
        openingHours: DEFAULT_OPENING_HOURS,
        timeZone: MADRID,
        now: () => saturday,
      }),
    ).toMatchObject({ windowStart: seconds('2026-03-07T09:00:00Z') });
  });

  it('the contract: desiredVersion is optional and holds Debian version characters only', () => {
    const answer = { serverTime: '2026-03-02T11:00:00Z', configVersion: 1 };
    expect(HeartbeatResponseSchema.parse(answer)).toEqual(answer);
    expect(HeartbeatResponseSchema.parse({ ...answer, desiredVersion: '1.5.0~rc1' })).toMatchObject(
      {
        desiredVersion: '1.5.0~rc1',
      },
    );
    for (const bad of ['', '1.5.0; rm -rf /', '../1.5', 'v1.5.0', '1.5.0\nwindow_end=9']) {
      expect(
        HeartbeatResponseSchema.safeParse({ ...answer, desiredVersion: bad }).success,
        bad,
      ).toBe(false);
    }
  });

  it('the heartbeat tells its answers, which the kiosk turns into the request', async () => {
    const answer: HeartbeatResponse = {
      serverTime: '2026-03-02T11:00:00Z',
      configVersion: 0,
      desiredVersion: '1.5.0',
    };
    const heartbeat = createHeartbeat({
      client: { heartbeat: vi.fn(async () => answer), clockOffsetMs: () => 0 },
      store: { outbox: { pendingCount: () => 0, setAsideCount: () => 0 } },
      kioskId: 'kiosk-1',
      heartbeat: {
        intervalSeconds: 60,
        facts: () => ({
          appVersion: '1.4.0',
          printer: { state: 'ready', transport: 'virtual' },
          scanner: { transport: 'keyboard', connected: null },
          ticketsToday: 0,
        }),
      },
      status: {
        connectivity: () => 'online',
        get: () => ({ authProblem: null }),
        record: () => undefined,
        logConnectivity: () => undefined,
        publish: () => undefined,
      },
      remoteSettings: { isNew: () => false, fetch: async () => undefined },
      now: () => MONDAY_NOON,
      log: () => undefined,
    } as unknown as HeartbeatOptions);
    const updates = requester(MONDAY_NOON);
    heartbeat.onAnswer((received) => updates.desired(received.desiredVersion));
    await heartbeat.beat();
    expect(readFileSync(join(dir.path, UPDATE_REQUEST_FILE), 'utf8')).toContain(
      'desired_version=1.5.0',
    );
  });
});
