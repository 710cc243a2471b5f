/** A diagnostics snapshot as main answers `tech:diagnostics`, for the renderer's tests. */
import type { DiagnosticsSnapshot } from '../../src-shared/contract/diagnostics';

export function diagnosticsFixture(
  patch: {
    [K in keyof DiagnosticsSnapshot]?: Partial<DiagnosticsSnapshot[K]>;
  } = {},
): DiagnosticsSnapshot {
  const base: DiagnosticsSnapshot = {
    takenAt: '2026-11-30T09:00:00.000Z',
    printer: {
      transport: 'serial',
      state: 'ready',
      lastError: null,
      paper: {
        changedAt: '2026-11-28T08:00:00.000Z',
        ticketsSinceChange: 120,
        usedMm: 10_800,
        rollLengthMm: 80_000,
        leftMm: 69_200,
        leftPercent: 86.5,
        ticketsLeft: 768,
      },
    },
    scanner: { transport: 'serial', connected: true, lastRead: null },
    sync: {
      connectivity: 'online',
      reachable: true,
      lastPullAt: '2026-11-30T08:59:30.000Z',
      lastPushAt: '2026-11-30T08:58:00.000Z',
      lastContactAt: '2026-11-30T08:59:30.000Z',
      outbox: { pending: 0, oldestPendingAt: null },
      setAside: 0,
      conflicts: 0,
      clockOffsetMs: 300,
      clockSkewed: false,
      lastError: null,
      firstSync: {
        state: 'done',
        appointmentsPulled: 1_200,
        pages: 3,
        appointmentsCached: 1_200,
        lastError: null,
      },
    },
    app: {
      version: '0.1.0',
      kioskId: 'kiosk-1',
      startedAt: '2026-11-30T07:00:00.000Z',
      uptimeSeconds: 7_200,
      systemUptimeSeconds: 90_000,
      dataDir: {
        path: '/var/lib/turnero',
        sizeBytes: 52_000_000,
        freeBytes: 20e9,
        totalBytes: 64e9,
      },
      credentialStore: {
        kind: 'file',
        location: '/var/lib/turnero/credential',
        backend: null,
        encryptedAtRest: false,
      },
    },
    logs: { usbVolume: null, download: false },
  };
  return {
    ...base,
    printer: { ...base.printer, ...patch.printer },
    scanner: { ...base.scanner, ...patch.scanner },
    sync: { ...base.sync, ...patch.sync },
    app: { ...base.app, ...patch.app },
    logs: { ...base.logs, ...patch.logs },
    ...(patch.takenAt ? { takenAt: patch.takenAt } : {}),
  };
}
