/**
 * The technician's one-screen diagnosis, gathered from the parts that know: the printer (its
 * state, its latest fault or failed print, the paper left), the scanner (its link and the form of
 * the last scan), the sync (pull, push, outbox, set-aside rows and conflicts, clock skew), the app
 * and its data folder. Read on demand; the panel asks again every few seconds while it is open.
 */
import { uptime as systemUptime } from 'node:os';
import { version as APP_VERSION } from '../../package.json';
import type { DiagnosticsSnapshot, PaperStatus } from '../../src-shared/contract/diagnostics';
import type { CredentialStoreFacts, FirstSyncProgress } from '../../src-shared/contract/setup';
import type { TicketPrinter } from '../printer/ticket-printer';
import type { SerialScanner } from '../scanner/serial-scanner';
import type { Store } from '../store/store';
import type { SyncEngine } from '../sync/sync-engine';
import type { FolderSizeCounter } from './data-folder-facts';
import { diskSpace } from './data-folder-facts';
import type { ScanReads } from './scan-reads';

export interface DiagnosticsSources {
  kioskId: string;
  dataDir: string;
  startedAt: Date;
  now: () => Date;
  printer: Pick<TicketPrinter, 'transportKind' | 'getState'>;
  /** The serial scanner; null for a keyboard wedge. */
  scanner: Pick<SerialScanner, 'getStatus'> | null;
  scans: Pick<ScanReads, 'last'>;
  sync: Pick<SyncEngine, 'getStatus'>;
  store: Pick<Store, 'statistics' | 'tickets' | 'outbox' | 'conflicts'>;
  paper: () => PaperStatus;
  folderSize: Pick<FolderSizeCounter, 'current'>;
  logs: () => DiagnosticsSnapshot['logs'];
  firstSync: () => FirstSyncProgress;
  credentialStore: () => CredentialStoreFacts;
}

/** The newer of the last fault the printer reported and the last print that failed. */
function lastPrinterError(
  store: DiagnosticsSources['store'],
): DiagnosticsSnapshot['printer']['lastError'] {
  const fault = store.statistics.lastPrinterFault();
  const failure = store.tickets.recentPrintFailures(1)[0];
  const candidates = [
    ...(fault ? [{ kind: fault.state, at: fault.at }] : []),
    ...(failure ? [{ kind: failure.failure, at: failure.at }] : []),
  ] as Array<NonNullable<DiagnosticsSnapshot['printer']['lastError']>>;
  return candidates.sort((a, b) => b.at.localeCompare(a.at))[0] ?? null;
}

function syncFacts(sources: DiagnosticsSources): DiagnosticsSnapshot['sync'] {
  const status = sources.sync.getStatus();
  const { oldestPendingAt, lastDeliveredAt } = sources.store.outbox.deliveryTimes();
  return {
    connectivity: status.connectivity,
    reachable: status.connectivity === 'online' || status.connectivity === 'degraded',
    lastPullAt: status.lastSuccessAt,
    lastPushAt: lastDeliveredAt,
    lastContactAt: status.lastContactAt,
    outbox: { pending: status.pendingOutbox, oldestPendingAt },
    setAside: status.setAsideOutbox,
    conflicts: sources.store.conflicts.count(),
    clockOffsetMs: status.clockOffsetMs === null ? null : Math.round(status.clockOffsetMs),
    clockSkewed: status.clockSkewed,
    lastError: status.lastError?.slice(0, 500) ?? null,
    firstSync: sources.firstSync(),
  };
}

export async function takeDiagnosticsSnapshot(
  sources: DiagnosticsSources,
): Promise<DiagnosticsSnapshot> {
  const now = sources.now();
  const { scanner } = sources;
  const disk = await diskSpace(sources.dataDir);
  return {
    takenAt: now.toISOString(),
    printer: {
      transport: sources.printer.transportKind,
      state: sources.printer.getState(),
      lastError: lastPrinterError(sources.store),
      paper: sources.paper(),
    },
    scanner: {
      transport: scanner ? 'serial' : 'keyboard',
      connected: scanner ? scanner.getStatus().connected : null,
      lastRead: sources.scans.last(),
    },
    sync: syncFacts(sources),
    app: {
      version: APP_VERSION,
      kioskId: sources.kioskId,
      startedAt: sources.startedAt.toISOString(),
      uptimeSeconds: Math.max(0, Math.floor((now.getTime() - sources.startedAt.getTime()) / 1000)),
      systemUptimeSeconds: Math.floor(systemUptime()),
      dataDir: {
        path: sources.dataDir,
        sizeBytes: sources.folderSize.current(),
        ...disk,
      },
      credentialStore: sources.credentialStore(),
    },
    logs: sources.logs(),
  };
}
