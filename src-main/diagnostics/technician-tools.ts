/**
 * What the technician's diagnostics and statistics panels can do, over the kiosk's parts: the
 * snapshot, the paper change, the test page, a sync now, the reprint of today's last ticket,
 * a restart (the host's), the log bundle (to a USB stick or as a download) and the statistics.
 * Every action is written to the technician mode's audit log (which also logs it); none carries
 * personal data.
 */
import type {
  DiagnosticsSnapshot,
  LogExportResult,
  PaperStatus,
  PrintAttempt,
  Statistics,
} from '../../src-shared/contract/diagnostics';
import type { Language } from '../../src-shared/domain/language';
import type { AuditAction } from '../../src-shared/contract/technician';
import type { HostCapabilities } from '../app/kiosk';
import type { CheckInService } from '../checkin/check-in-service';
import type { Config } from '../config/schema';
import { errorText } from '../logging/error-text';
import { renderConfiguredTestPage } from '../printer/test-page';
import type { TicketTemplateOptions } from '../printer/ticket-template';
import type { PagePrinter, TicketPrinter } from '../printer/ticket-printer';
import type { SerialScanner } from '../scanner/serial-scanner';
import type { Store } from '../store/store';
import type { TicketRecord } from '../store/ticket-repository';
import type { SyncEngine } from '../sync/sync-engine';
import type { CredentialStoreFacts, FirstSyncProgress } from '../../src-shared/contract/setup';
import { FolderSizeCounter } from './data-folder-facts';
import { takeDiagnosticsSnapshot } from './diagnostics-snapshot';
import { DownloadOffers, type Download } from './downloads';
import { buildLogBundle, writeBundle } from './log-bundle';
import { paperStatus, typicalTicketMm } from './paper-estimate';
import type { ScanReads } from './scan-reads';
import { readStatistics } from './statistics';
import { defaultUsbRoots, findUsbVolume, type UsbSearch } from './usb-volumes';

/** What the diagnostics write to the technician mode's audit log. */
export type DiagnosticsAuditAction = Extract<
  AuditAction,
  | 'paper-changed'
  | 'test-print'
  | 'sync-now'
  | 'reprint'
  | 'restart'
  | 'logs-exported'
  | 'logs-downloaded'
>;

/** The audit log's limit on an entry's detail. */
const AUDIT_DETAIL_LENGTH = 100;

/** Time for the restart answer to reach the page before the kiosk goes. */
const RESTART_DELAY_MS = 300;

export interface TechnicianToolsDeps {
  config: Config;
  dataDir: string;
  store: Store;
  printer: TicketPrinter & PagePrinter;
  /** The template tickets print with (paper estimate, test page logo). */
  template: TicketTemplateOptions;
  scanner: Pick<SerialScanner, 'getStatus'> | null;
  scans: Pick<ScanReads, 'last'>;
  sync: Pick<SyncEngine, 'getStatus' | 'syncNow'>;
  checkIns: Pick<CheckInService, 'reprintLastForTechnician'>;
  host: HostCapabilities | undefined;
  /** A new kiosk's first sync (kiosk-state/first-sync.ts). */
  firstSync: () => FirstSyncProgress;
  /** Where the device credential is kept (secrets/). */
  credentialStore: () => CredentialStoreFacts;
  /** Writes an entry to the technician mode's audit log, as the technician in session. */
  audit: (action: DiagnosticsAuditAction, detail?: string) => void;
  log: (line: string) => void;
  now?: () => Date;
  /** Where USB sticks are looked for (default: /media/<user>, /run/media/<user>). */
  usb?: UsbSearch;
}

export type TechnicianTools = ReturnType<typeof createTechnicianTools>;

export function createTechnicianTools(deps: TechnicianToolsDeps) {
  const { config, store, log } = deps;
  const now = deps.now ?? (() => new Date());
  const startedAt = now();
  const usb = deps.usb ?? { roots: defaultUsbRoots() };
  const folderSize = new FolderSizeCounter(deps.dataDir);
  const downloads = new DownloadOffers();
  const ticketMm = typicalTicketMm(deps.template, {
    townHallName: store.catalog.getSite()?.name ?? 'Ayuntamiento',
    kioskId: config.kioskId,
    timeZone: config.timeZone,
    qrUrl: config.printer.qrUrl,
  });

  /** An audit entry; an audit log that cannot be written must not undo what was done. */
  const audit = (action: DiagnosticsAuditAction, detail?: string): void => {
    try {
      deps.audit(action, detail?.slice(0, AUDIT_DETAIL_LENGTH));
    } catch (error) {
      log(`technician: ${action} not audited: ${errorText(error)}`);
    }
  };

  const paper = (): PaperStatus =>
    paperStatus(store.paperRoll.current(), config.printer.rollLengthMm, ticketMm);

  const snapshot = (): Promise<DiagnosticsSnapshot> =>
    takeDiagnosticsSnapshot({
      kioskId: config.kioskId,
      dataDir: deps.dataDir,
      startedAt,
      now,
      printer: deps.printer,
      scanner: deps.scanner,
      scans: deps.scans,
      sync: deps.sync,
      store,
      paper,
      folderSize,
      logs: () => ({
        usbVolume: findUsbVolume(usb)?.name ?? null,
        download: deps.host?.downloads ?? false,
      }),
      firstSync: deps.firstSync,
      credentialStore: deps.credentialStore,
    });

  /** The bundle as of now, with a snapshot (a failed snapshot leaves it out, not the logs). */
  const bundle = async () => {
    const taken = await snapshot().catch((error: unknown) => {
      log(`technician: log bundle without diagnostics: ${errorText(error)}`);
      return null;
    });
    return buildLogBundle({
      dataDir: deps.dataDir,
      kioskId: config.kioskId,
      now: now(),
      snapshot: taken,
    });
  };

  return {
    snapshot,

    paperChanged(): PaperStatus {
      store.paperRoll.changed(now());
      audit('paper-changed');
      return paper();
    },

    async testPrint(): Promise<PrintAttempt> {
      const bytes = renderConfiguredTestPage(config, deps.template.logo);
      const outcome = await deps.printer.printPage({ name: 'test-page', bytes });
      audit('test-print', outcome.status);
      return outcome.status === 'printed'
        ? { status: 'printed', failure: null }
        : { status: outcome.status, failure: outcome.failure };
    },

    async syncNow() {
      audit('sync-now');
      const report = await deps.sync.syncNow();
      return {
        ok: report.ok,
        error: report.error?.slice(0, 500) ?? null,
        appointmentsReceived: report.appointmentsReceived,
        delivered: report.delivered,
      };
    },

    /** Today's last ticket reprinted with its own number (checkin/technician-reprint.ts). */
    async reprintLast(language?: Language): Promise<TicketRecord | undefined> {
      const ticket = await deps.checkIns.reprintLastForTechnician(language);
      if (ticket) audit('reprint', `${ticket.number}: ${ticket.printStatus}`);
      return ticket;
    },

    /** Asks the host to restart; false when this host cannot. */
    restart(): boolean {
      const { host } = deps;
      if (!host) return false;
      audit('restart');
      setTimeout(() => host.restart(), RESTART_DELAY_MS).unref();
      return true;
    },

    async exportLogs(): Promise<LogExportResult> {
      const volume = findUsbVolume(usb);
      if (!volume) return { outcome: 'no-usb' };
      try {
        const made = await bundle();
        writeBundle(volume.path, made);
        audit('logs-exported', `${made.fileName} to ${volume.name}`);
        return {
          outcome: 'written',
          volume: volume.name,
          fileName: made.fileName,
          bytes: made.bytes.length,
        };
      } catch (error) {
        log(`technician: log bundle not written to ${volume.name}: ${errorText(error)}`);
        return { outcome: 'failed' };
      }
    },

    /** A one-time download address for the bundle as of now; null where the host serves none. */
    async downloadLogs(): Promise<string | null> {
      if (!deps.host?.downloads) return null;
      const made = await bundle();
      return downloads.offer(() => {
        audit('logs-downloaded', made.fileName);
        return { fileName: made.fileName, contentType: 'application/gzip', body: made.bytes };
      });
    },

    takeDownload: (token: string): Download | null => downloads.take(token),

    statistics(): Statistics {
      return readStatistics({
        store,
        timeZone: config.timeZone,
        retentionDays: config.retention.ticketDays,
        now,
      });
    },
  };
}
