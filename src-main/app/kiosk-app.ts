/**
 * Composes the kiosk's services from a validated configuration: store, town hall client and
 * sync, printer, scanner and the check-in service, behind the transport-agnostic dispatcher.
 * Both hosts (Electron and web) start the kiosk through here, so they cannot drift apart.
 */
import { join } from 'node:path';
import { version as APP_VERSION } from '../../package.json';
import { setTimeout as delay } from 'node:timers/promises';
import {
  eventChannels,
  type EventChannel,
  type EventOf,
  type KioskState,
} from '../../src-shared/contract/ipc';
import { localDayOf } from '../../src-shared/domain/site-time';
import { parsePrinterTransport, parseScannerTransport, type Config } from '../config/schema';
import { createDispatcher } from '../ipc/dispatcher';
import { createFileLog, teeLog } from '../logging/file-log';
import type { CheckInSettings } from '../checkin/check-in-context';
import { CheckInService } from '../checkin/check-in-service';
import { createTicketPrinter } from '../printer/create-ticket-printer';
import { loadLogo } from '../printer/logo/logo-store';
import { createSerialScanner, type SerialScanner } from '../scanner/serial-scanner';
import { openStore } from '../store/store';
import { createEasyAppointmentsBackend } from '../backend/adapters/easy-appointments/adapter';
import { credentialPath, enrolDevice, readCredential } from '../backend/turnero-api/credential';
import { createTurneroApiClient } from '../backend/turnero-api/api-client';
import { createSyncEngine, type RemoteSettings } from '../sync/sync-engine';
import { startEmbeddedTownhall, type EmbeddedTownhall } from './embedded-townhall';
import type { KioskApp, KioskAppOptions, KioskEventListener } from './kiosk-app-types';
import { errorText } from '../logging/error-text';

const FIRST_SYNC_WAIT_MS = 3000;

/** The configured logo, prepared for this printer; a bad file is logged and printing goes on. */
function loadConfiguredLogo(config: Config, dataDir: string, log: (line: string) => void) {
  if (!config.printer.logoFile) return null;
  try {
    return loadLogo(config.printer.logoFile, {
      paperWidth: config.printer.paperWidth,
      profile: config.printer.profile,
      dataDir,
    });
  } catch (error) {
    log(`printer: no logo on tickets: ${errorText(error)}`);
    return null;
  }
}

export async function startKioskApp(options: KioskAppOptions): Promise<KioskApp> {
  const { config } = options;
  const dataDir = config.dataDir ?? options.defaultDataDir;
  const log = teeLog(
    options.log ?? ((line: string) => console.log(`[turnero] ${line}`)),
    createFileLog(dataDir),
  );
  const listeners = new Set<KioskEventListener>();

  const emit = <E extends EventChannel>(event: E, payload: EventOf<E>): void => {
    const checked = eventChannels[event].safeParse(payload);
    if (!checked.success) {
      log(`dropped invalid ${event} event: ${checked.error.message}`);
      return;
    }
    for (const listener of listeners) listener(event, checked.data);
  };

  const store = openStore(join(dataDir, 'turnero.sqlite'));
  const interrupted = store.tickets.failInterruptedPrints();
  if (interrupted > 0) log(`${interrupted} ticket(s) were being printed when the kiosk stopped`);
  let embedded: EmbeddedTownhall | null = null;
  let baseUrl = config.api.baseUrl;
  if (baseUrl.startsWith('embedded:')) {
    embedded = await startEmbeddedTownhall(
      baseUrl.slice('embedded:'.length),
      dataDir,
      config.timeZone,
    );
    baseUrl = embedded.url;
    log(`demo town hall API at ${baseUrl}`);
  }

  // The device credential (enrolment): read at start, and obtained once with the configured
  // one-time code when there is none. Without one the kiosk still talks to an API whose
  // authentication is optional.
  const credentialFile = credentialPath(dataDir, config.api.credentialFile);
  let credential = embedded ? null : readCredential(credentialFile);
  const client = createTurneroApiClient({
    baseUrl,
    siteId: config.siteId,
    timeoutMs: config.api.timeoutMs,
    credential: () => credential,
  });
  const easyAppointments =
    config.api.adapter === 'easy-appointments' && config.api.easyAppointments
      ? createEasyAppointmentsBackend(
          { ...config.api.easyAppointments, siteId: config.siteId, timeZone: config.timeZone },
          { timeoutMs: config.api.timeoutMs, log },
        )
      : null;
  if (!embedded && !easyAppointments && !credential && config.api.enrolmentCode) {
    try {
      const answer = await enrolDevice({
        client,
        kioskId: config.kioskId,
        enrolmentCode: config.api.enrolmentCode,
        file: credentialFile,
      });
      credential = answer.credential;
      log(`enrolled as ${answer.kioskId} at ${answer.siteId}; credential in ${credentialFile}`);
    } catch (error) {
      log(`enrolment failed: ${errorText(error)}`);
    }
  }
  // Filled in below, once printer and scanner exist; read at each heartbeat.
  let heartbeatFacts = () => ({
    appVersion: APP_VERSION,
    printer: { state: 'unknown', transport: 'unknown' },
    scanner: { transport: 'keyboard', connected: null as boolean | null },
    ticketsToday: 0,
  });
  const sync = createSyncEngine({
    client: easyAppointments ?? client,
    store,
    timeZone: config.timeZone,
    pollSeconds: config.api.pollSeconds,
    kioskId: config.kioskId,
    heartbeat: { intervalSeconds: config.api.heartbeatSeconds, facts: () => heartbeatFacts() },
    now: () => new Date(),
    log,
  });

  const printerTransport = parsePrinterTransport(config.printer.transport);
  if (!printerTransport) throw new Error('printer.transport was validated but does not parse');
  const printer = createTicketPrinter({
    transport: printerTransport,
    paperWidth: config.printer.paperWidth,
    codePage: config.printer.codePage,
    profile: config.printer.profile,
    logo: loadConfiguredLogo(config, dataDir, log),
    timeoutMs: config.printer.timeoutMs,
    statusPollMs: config.printer.statusPollSeconds * 1000,
    dataDir,
    onTicketRendered: (ticketId, text) => emit('printer:ticket-rendered', { ticketId, text }),
  });
  printer.onStateChange((printerState) => {
    log(`printer: ${printerState}`);
    emit('kiosk:state-changed', state());
  });

  // Replaced (never mutated) by applyRemote below; the service reads it at every check-in.
  let checkInSettings: CheckInSettings = {
    checkInWindow: { ...config.checkIn },
    ticketQrUrl: config.printer.qrUrl,
  };
  const kiosk = new CheckInService({
    store,
    printer,
    kioskId: config.kioskId,
    timeZone: config.timeZone,
    language: config.language,
    settings: () => checkInSettings,
    siteId: config.siteId,
    bookingKeys: config.bookingKeys,
    numbering: {
      reservedRange: config.numbering.reservedRange,
      ensureLease: (serviceId, day) => sync.ensureLease(serviceId, day),
    },
    onTicketCommitted: () => sync.requestPush(),
    log,
  });

  // Remote configuration from the town hall, over the local file's values (applied at start from
  // the last one stored, and whenever a heartbeat announces a new version).
  const applyRemote = (settings: RemoteSettings | null) => {
    checkInSettings = {
      checkInWindow: settings?.checkInWindow ?? { ...config.checkIn },
      ticketQrUrl:
        settings?.ticketQrUrl !== undefined ? settings.ticketQrUrl : config.printer.qrUrl,
    };
    sync.setPollSeconds(settings?.pollSeconds ?? config.api.pollSeconds);
  };
  applyRemote(sync.getRemoteSettings());
  sync.onRemoteSettings(applyRemote);

  const scannerTransport = parseScannerTransport(config.scanner.transport);
  let scanner: SerialScanner | null = null;
  if (scannerTransport?.kind === 'serial') {
    scanner = createSerialScanner({
      path: scannerTransport.path,
      baud: scannerTransport.baud,
      dataBits: scannerTransport.dataBits,
      parity: scannerTransport.parity,
      stopBits: scannerTransport.stopBits,
      flow: scannerTransport.flow,
      terminator: config.scanner.terminator,
      interByteTimeoutMs: config.scanner.interByteTimeoutMs,
      stripPrefix: config.scanner.stripPrefix,
      stripSuffix: config.scanner.stripSuffix,
      log,
      onScan: (text) => {
        kiosk
          .checkIn(text)
          .then((result) => {
            // The outcome, never the scanned text: a scan may carry a booking token or an ID.
            log(
              `scan: ${result.ok ? `${result.value.outcome} ${result.value.ticket.number}` : result.error.code}`,
            );
            emit('checkin:completed', result);
          })
          .catch((error: unknown) => log(`scan failed: ${errorText(error)}`));
      },
      onRejected: () =>
        emit('checkin:completed', { ok: false, error: { code: 'unrecognised-code' } }),
    });
  }

  heartbeatFacts = () => ({
    appVersion: APP_VERSION,
    printer: { state: printer.getState(), transport: printerTransport.kind },
    scanner: {
      transport: scannerTransport?.kind ?? 'keyboard',
      connected: scanner ? scanner.getStatus().connected : null,
    },
    ticketsToday: store.tickets.countOnDay(localDayOf(new Date(), config.timeZone)),
  });

  const state = (): KioskState => {
    const status = sync.getStatus();
    return {
      siteName: store.catalog.getSite()?.name ?? '',
      kioskId: config.kioskId,
      defaultLanguage: config.language,
      connectivity: status.connectivity,
      lastSyncAt: status.lastSuccessAt,
      printer: { transport: printerTransport.kind, status: printer.getState() },
      scanner: {
        transport: scannerTransport?.kind ?? 'keyboard',
        connected: scanner ? scanner.getStatus().connected : null,
        keyboardLayout: config.scanner.keyboardLayout,
        camera: config.scanner.camera,
      },
    };
  };

  const dispatch = createDispatcher(
    {
      'kiosk:get-state': async () => ({ ok: true, value: state() }),
      'checkin:submit': (request) => kiosk.checkIn(request.input, request.language, request.mode),
      'ticket:reprint': (request) => kiosk.reprint(request.ticketId, request.language),
    },
    log,
  );

  sync.onStatusChange(() => emit('kiosk:state-changed', state()));
  // Scanner status (connected, last read): scanner.getStatus() for diagnostics.
  scanner?.onStatusChange(() => emit('kiosk:state-changed', state()));
  // A kiosk with a network starts with today's appointments; one without starts from its cache
  // after a short wait rather than holding the screen back for the full API timeout.
  await Promise.race([sync.syncNow(), delay(FIRST_SYNC_WAIT_MS)]);
  sync.start();
  await printer.start();
  await scanner?.start();

  return {
    config,
    dispatch,
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: async () => {
      listeners.clear();
      await scanner?.stop();
      await sync.stop();
      await printer.close();
      await embedded?.close();
      store.close();
    },
  };
}
