/**
 * The technician's tools over real parts, composed as src-main/app/start-kiosk.ts composes them:
 * a real SQLite file, the real serial printer on a pseudo-terminal (its emulator's status set by
 * the test), the real check-in path (handler, service, refusals) and the real sync engine and API
 * client against a town hall that does not answer (connection refused), so check-ins pile up in
 * the outbox. For tests that call the tools directly rather than through a technician session.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createTurneroApiClient } from '../../src-main/backend/turnero-api/api-client';
import { CheckInHandler } from '../../src-main/checkin/check-in-handler';
import { CheckInService } from '../../src-main/checkin/check-in-service';
import { parseConfig } from '../../src-main/config/load-config';
import type { Config } from '../../src-main/config/schema';
import { countingPaper } from '../../src-main/diagnostics/paper-counter';
import { ticketLengthMm } from '../../src-main/diagnostics/paper-estimate';
import { recordPrinterFaults } from '../../src-main/diagnostics/printer-faults';
import { ScanReads } from '../../src-main/diagnostics/scan-reads';
import { refusalCounter } from '../../src-main/diagnostics/statistics';
import {
  createTechnicianTools,
  type TechnicianTools,
} from '../../src-main/diagnostics/technician-tools';
import type { UsbSearch } from '../../src-main/diagnostics/usb-volumes';
import { FirstSyncTracker } from '../../src-main/kiosk-state/first-sync';
import {
  configuredTemplate,
  createConfiguredPrinter,
} from '../../src-main/printer/configured-printer';
import type { PagePrinter, TicketPrinter } from '../../src-main/printer/ticket-printer';
import { fileSecretStore } from '../../src-main/secrets/file-secret-store';
import { openStore, type Store } from '../../src-main/store/store';
import { AuditLog } from '../../src-main/technician/audit-log';
import { createSyncEngine, type SyncEngine } from '../../src-main/sync/sync-engine';
import { appointment, seedCatalog, TEST_SITE } from './catalog-fixture';
import type { ScriptedPrinterStatus } from './printer-status-script';
import { serialRig, type Rig } from './printer-rigs';

/** An address where nothing listens: every request to it is refused at once. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export interface TechnicianKit {
  config: Config;
  rig: Rig;
  store: Store;
  printer: TicketPrinter & PagePrinter;
  sync: SyncEngine;
  checkIns: CheckInService;
  handler: CheckInHandler;
  tools: TechnicianTools;
  logs: string[];
  /** The audit log's entries, oldest first: action and detail. */
  audited(): Array<{ action: string; detail: string | null }>;
  close(): Promise<void>;
}

export interface TechnicianKitOptions {
  dataDir: string;
  now: () => Date;
  printerStatus: ScriptedPrinterStatus;
  /** Booking codes of today's appointments, 15, 20… minutes after `now`. */
  bookings: readonly string[];
  usb?: UsbSearch;
}

export async function composeTechnicianKit(options: TechnicianKitOptions): Promise<TechnicianKit> {
  const { dataDir, now } = options;
  const logs: string[] = [];
  const log = (line: string) => logs.push(line);
  const rig = await serialRig();
  rig.script.status = options.printerStatus;
  const config = parseConfig(
    {
      dataDir,
      siteId: TEST_SITE.id,
      timeZone: TEST_SITE.timeZone,
      api: { baseUrl: await closedPortUrl(), timeoutMs: 1000 },
      printer: {
        transport: `serial:${rig.transport.kind === 'serial' ? rig.transport.path : ''}`,
        statusPollSeconds: 1,
      },
    },
    null,
  );
  const store = openStore(join(dataDir, 'turnero.sqlite'));
  seedCatalog(
    store,
    options.bookings.map((code, index) =>
      appointment(code, new Date(now().getTime() + (15 + 5 * index) * 60_000)),
    ),
    now(),
  );
  const printerDeps = { dataDir, log, onTicketRendered: () => undefined };
  const template = configuredTemplate(config.printer, printerDeps);
  const printer = countingPaper(createConfiguredPrinter(config.printer, printerDeps, template), {
    roll: store.paperRoll,
    ticketMm: (ticket) => ticketLengthMm(ticket, template),
    log,
  });
  const stopFaults = recordPrinterFaults({
    printer,
    statistics: store.statistics,
    timeZone: config.timeZone,
    now,
    log,
  });
  await printer.start();
  const client = createTurneroApiClient({
    baseUrl: config.api.baseUrl as string,
    siteId: config.siteId,
    timeoutMs: 1000,
    now,
  });
  const sync = createSyncEngine({
    client,
    store,
    timeZone: config.timeZone,
    pollSeconds: () => 3600,
    kioskId: config.kioskId,
    now,
    log,
  });
  const checkIns = new CheckInService({
    store,
    printer,
    kioskId: config.kioskId,
    timeZone: config.timeZone,
    language: 'es',
    settings: () => ({ checkInWindow: config.checkIn, ticketQrUrl: null }),
    now,
    onTicketCommitted: () => sync.requestPush(),
    onRefused: refusalCounter(store.statistics, config.timeZone, now),
    log,
  });
  const scans = new ScanReads(now);
  const audit = new AuditLog(store.technicianAudit, now, log);
  const handler = new CheckInHandler({
    checkIns,
    session: { sessionLanguage: () => 'es' },
    events: { emit: () => undefined },
    log,
    scans,
  });
  const firstSync = new FirstSyncTracker({
    sync,
    everUpToDate: () => store.syncState.everUpToDate(),
    hasSite: () => store.catalog.getSite() !== undefined,
    cachedAppointments: () => store.catalog.countAppointments(),
  });
  const tools = createTechnicianTools({
    config,
    dataDir,
    store,
    printer,
    template,
    scanner: null,
    scans,
    sync,
    checkIns,
    host: undefined,
    firstSync: () => firstSync.progress(),
    credentialStore: () => fileSecretStore(join(dataDir, 'credential')).facts(),
    // The technician mode's real audit log, as the technician in session writes it.
    audit: (action, detail) =>
      audit.write({ actor: 'technician', action, ...(detail ? { detail } : {}) }),
    log,
    now,
    usb: options.usb ?? { roots: [] },
  });
  return {
    config,
    rig,
    store,
    printer,
    sync,
    checkIns,
    handler,
    tools,
    logs,
    audited: () =>
      store.technicianAudit
        .list({ limit: 100 })
        .entries.reverse()
        .map(({ action, detail }) => ({ action, detail })),
    async close() {
      stopFaults();
      firstSync.dispose();
      await sync.stop();
      await printer.close();
      await rig.close();
      store.close();
    },
  };
}
