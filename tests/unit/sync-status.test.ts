import { describe, expect, it } from 'vitest';
import { BackendError } from '../../src-main/backend/backend-error';
import {
  CLOCK_SKEW_LIMIT_MS,
  createSyncStatus,
  isClockSkewed,
  statusChangeKey,
  type SyncStatus,
} from '../../src-main/sync/sync-status';
import { usableRemoteSettings } from '../../src-main/sync/remote-settings';

const STATUS: SyncStatus = {
  connectivity: 'online',
  authProblem: null,
  lastSuccessAt: '2026-02-10T09:00:00.000Z',
  lastContactAt: '2026-02-10T09:00:00.000Z',
  pendingOutbox: 0,
  setAsideOutbox: 0,
  lastError: null,
  clockOffsetMs: 120,
  clockSkewed: false,
  errorRate: 0,
  nextPushAt: null,
};

describe('sync status', () => {
  it('changes only with what is worth telling, not with jitter and contact times', () => {
    const key = statusChangeKey(STATUS);
    expect(
      statusChangeKey({
        ...STATUS,
        clockOffsetMs: -300,
        errorRate: 0.1,
        lastContactAt: '2026-02-10T09:05:00.000Z',
        nextPushAt: '2026-02-10T09:06:00.000Z',
      }),
    ).toBe(key);
    for (const change of [
      { connectivity: 'degraded' },
      { lastSuccessAt: '2026-02-10T09:01:00.000Z' },
      { pendingOutbox: 1 },
      { setAsideOutbox: 1 },
      { authProblem: 'unauthorized' },
      { lastError: 'GET /health: HTTP 503' },
      { clockSkewed: true },
    ] as const) {
      expect(statusChangeKey({ ...STATUS, ...change })).not.toBe(key);
    }
  });

  it('calls the kiosk clock skewed beyond two minutes either way', () => {
    expect(isClockSkewed(null)).toBe(false);
    expect(isClockSkewed(CLOCK_SKEW_LIMIT_MS)).toBe(false);
    expect(isClockSkewed(-CLOCK_SKEW_LIMIT_MS)).toBe(false);
    expect(isClockSkewed(CLOCK_SKEW_LIMIT_MS + 1)).toBe(true);
    expect(isClockSkewed(-CLOCK_SKEW_LIMIT_MS - 1)).toBe(true);
  });
});

describe('the connectivity log line', () => {
  function makeStatus() {
    const logs: string[] = [];
    let clock = Date.parse('2026-02-10T09:00:00.000Z');
    const status = createSyncStatus({
      client: { clockOffsetMs: () => null },
      store: {
        outbox: { pendingCount: () => 0, setAsideCount: () => 0 },
        syncState: { get: () => undefined, set: () => undefined },
      },
      nextPushDueAt: () => null,
      windowDays: 3,
      now: () => new Date((clock += 1000)),
      log: (line) => logs.push(line),
    });
    return { status, logs };
  }
  const reset = new BackendError('network', 'GET /api/v1/sites/x: ECONNRESET');

  it('gives the error rate as the reason when the link degrades without a current error', () => {
    const { status, logs } = makeStatus();
    // Every other request fails, and the last one of each kind works: no current error.
    for (const ok of [false, true, false, true, false, true, false, true, true, true]) {
      status.record('pull', ok ? undefined : reset);
    }
    status.runEnded(null);
    status.logConnectivity();
    expect(status.get()).toMatchObject({ connectivity: 'degraded', lastError: null });
    expect(logs).toEqual(['sync: degraded: 4 of the last 10 requests failed']);
  });

  it('names the kinds of request that fail while others work', () => {
    const { status, logs } = makeStatus();
    status.record('pull');
    status.record('heartbeat', reset);
    status.logConnectivity();
    expect(status.get().connectivity).toBe('degraded');
    expect(logs).toEqual(['sync: degraded: heartbeat failing; 1 of the last 2 requests failed']);
  });

  it('gives the current error when there is one', () => {
    const { status, logs } = makeStatus();
    status.record('pull', reset);
    status.runEnded(reset.message);
    status.logConnectivity();
    expect(logs).toEqual(['sync: offline: GET /api/v1/sites/x: ECONNRESET']);
  });
});

describe('remote settings', () => {
  it('drops a ticket QR URL that is not plain-ASCII http(s), saying so, and keeps the rest', () => {
    const logs: string[] = [];
    const log = (line: string) => logs.push(line);
    const settings = { pollSeconds: 30, ticketQrUrl: 'https://sede.example.es/turno/{number}' };
    expect(usableRemoteSettings(settings, log)).toEqual(settings);
    expect(usableRemoteSettings({ ...settings, ticketQrUrl: null }, log)).toEqual({
      ...settings,
      ticketQrUrl: null,
    });
    expect(logs).toEqual([]);
    for (const bad of ['javascript:alert(1)', 'https://sede.example.es/turno/ñ', 'ftp://x']) {
      expect(usableRemoteSettings({ ...settings, ticketQrUrl: bad }, log)).toEqual({
        pollSeconds: 30,
      });
    }
    expect(logs).toHaveLength(3);
    expect(logs[0]).toMatch(/remote ticketQrUrl ignored/);
    expect(settings.ticketQrUrl).toBe('https://sede.example.es/turno/{number}');
  });
});
