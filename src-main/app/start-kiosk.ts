/**
 * The composition root: the kiosk's parts, made and connected, for either host. It holds no
 * behaviour and nothing calls back into it: each part reacts to the events of the parts it is
 * given. The walk of a check-in through these parts is in docs/architecture.md.
 */
import { join } from 'node:path';
import { version as APP_VERSION } from '../../package.json';
import { localDayOf } from '../../src-shared/domain/site-time';
import { createUpdateRequester } from '../appliance/update-request';
import { technicianCardToken } from '../../src-shared/domain/technician-card';
import { connectBackend } from '../backend/connect-backend';
import { credentialPath } from '../backend/turnero-api/credential';
import { mergeBookingKeys } from '../checkin/booking-token';
import { CheckInHandler } from '../checkin/check-in-handler';
import { createDispatcher } from '../ipc/dispatcher';
import { KioskEvents } from '../ipc/kiosk-events';
import { diagnosticsHandlers } from '../ipc/diagnostics-handlers';
import { lobbyHandlers } from '../ipc/lobby-handlers';
import { LobbyRelay, lobbySourceOf } from '../lobby/lobby-relay';
import { changesLobbyOptions, lobbyOptionsOf } from '../config/lobby-config';
import { requestHandlers } from '../ipc/request-handlers';
import { DeviceFacts } from '../kiosk-state/device-facts';
import { FirstSyncTracker } from '../kiosk-state/first-sync';
import { KioskStateModel } from '../kiosk-state/kiosk-state';
import { createFileLog, teeLog } from '../logging/file-log';
import { countingPaper } from '../diagnostics/paper-counter';
import { ticketLengthMm } from '../diagnostics/paper-estimate';
import { recordPrinterFaults } from '../diagnostics/printer-faults';
import { ScanReads } from '../diagnostics/scan-reads';
import { refusalCounter } from '../diagnostics/statistics';
import { createTechnicianTools } from '../diagnostics/technician-tools';
import { redact } from '../logging/redact';
import { configuredTemplate, createConfiguredPrinter } from '../printer/configured-printer';
import { createConfiguredScanner } from '../scanner/configured-scanner';
import { fileSecretStore } from '../secrets/file-secret-store';
import { configuredSetupHandlers } from '../setup/setup-handlers';
import { SettingsService } from '../settings/settings-service';
import { prepareDataFolder } from '../store/data-folder';
import { RetentionKeeper } from '../store/retention-keeper';
import { openStore } from '../store/store';
import { createSyncEngine } from '../sync/sync-engine';
import { composeCheckIns } from './compose-check-ins';
import { createAccessGuard } from '../technician/access-guard';
import { PinFile } from '../technician/pin-file';
import { TechnicianLayerFile } from '../technician/technician-layer-file';
import { createTechnicianMode } from '../technician/technician-mode';
import type { Kiosk, StartKioskOptions } from './kiosk';

export async function startKiosk(options: StartKioskOptions): Promise<Kiosk> {
  const dataDir = options.config.dataDir ?? options.defaultDataDir;
  prepareDataFolder(dataDir);
  const rawLog = teeLog(
    options.log ?? ((line: string) => console.log(`[turnero] ${line}`)),
    createFileLog(dataDir, {
      maxBytes: options.config.logs.maxFileBytes,
      files: options.config.logs.files,
    }),
  );
  // Every copy of a line (the console's and the file's) without a code, token or ID number.
  const log = (line: string) => rawLog(redact(line));

  // The technician's changes are laid over the file before any part is made, so that those
  // needing a restart take effect now; `config` is what the parts start with.
  const settings = new SettingsService(options.config, log);
  const technicianLayer = new TechnicianLayerFile(dataDir, log);
  settings.applyTechnician(technicianLayer.load());
  const config = settings.current;

  const events = new KioskEvents(log);
  const store = openStore(join(dataDir, 'turnero.sqlite'));
  const interrupted = store.tickets.failInterruptedPrints();
  if (interrupted > 0) log(`${interrupted} ticket(s) were being printed when the kiosk stopped`);
  const retention = new RetentionKeeper({
    retention: store.retention,
    timeZone: config.timeZone,
    ticketDays: config.retention.ticketDays,
    log,
  });
  const printerDeps = {
    dataDir,
    log,
    onTicketRendered: (ticketId: string, text: string) =>
      events.emit('printer:ticket-rendered', { ticketId, text }),
  };
  const template = configuredTemplate(config.printer, printerDeps);
  const printer = countingPaper(createConfiguredPrinter(config.printer, printerDeps, template), {
    roll: store.paperRoll,
    ticketMm: (ticket) => ticketLengthMm(ticket, template),
    log,
  });
  const scanner = createConfiguredScanner(config.scanner, log);
  const devices = new DeviceFacts({
    printer,
    scanner,
    ticketsToday: () => store.tickets.countOnDay(localDayOf(new Date(), config.timeZone)),
  });
  const secretStore = options.secretStore ?? fileSecretStore;
  const backend = await connectBackend(config, { dataDir, log, secretStore });
  const sync = createSyncEngine({
    client: backend,
    store,
    timeZone: config.timeZone,
    pollSeconds: () => settings.current.api.pollSeconds,
    kioskId: config.kioskId,
    heartbeat: { intervalSeconds: config.api.heartbeatSeconds, facts: () => devices.heartbeat() },
    log,
  });
  const checkIns = composeCheckIns({
    config,
    settings,
    store,
    printer,
    sync,
    log,
    onRefused: refusalCounter(store.statistics, config.timeZone),
  });
  const firstSync = new FirstSyncTracker({
    sync,
    everUpToDate: () => store.syncState.everUpToDate(),
    hasSite: () => store.catalog.getSite() !== undefined,
    cachedAppointments: () => store.catalog.countAppointments(),
  });
  const siteName = () => store.catalog.getSite()?.name ?? '';
  const kioskState = new KioskStateModel({
    kioskId: config.kioskId,
    settings,
    sync,
    devices,
    printer,
    scanner,
    siteName,
    readiness: firstSync,
  });
  const scans = new ScanReads();
  const checkInHandler = new CheckInHandler({ checkIns, session: kioskState, events, log, scans });
  const credentialStore = () =>
    secretStore(credentialPath(dataDir, config.api.credentialFile)).facts();
  const setup = configuredSetupHandlers({
    config,
    firstSync,
    credentialStore,
    siteName: () => siteName() || null,
    pinSet: () => new PinFile(dataDir).isSet(),
  });
  const technician = createTechnicianMode({
    dataDir,
    siteId: config.siteId,
    kioskId: config.kioskId,
    settings,
    layerFile: technicianLayer,
    store,
    services: () => store.catalog.listServices(),
    cardKeys: () => mergeBookingKeys(config.bookingKeys, store.catalog.getPublishedBookingKeys()),
    events,
    log,
  });
  const diagnostics = createTechnicianTools({
    config,
    dataDir,
    store,
    printer,
    template,
    scanner,
    scans,
    sync,
    checkIns,
    host: options.host,
    firstSync: () => firstSync.progress(),
    credentialStore,
    audit: (action, detail) => technician.audit(action, detail),
    log,
  });
  const lobby = new LobbyRelay({
    source: lobbySourceOf(backend),
    screenOptions: () => lobbyOptionsOf(settings.current.lobby),
    log,
  });
  const dispatch = createDispatcher(
    {
      ...requestHandlers({ kioskState, checkInHandler, checkIns, setup }),
      ...lobbyHandlers(lobby, log),
      ...technician.handlers,
      ...diagnosticsHandlers(diagnostics),
    },
    log,
    // A started kiosk has a configuration: its setup channels are the technician's only (setup
    // mode opens them while unconfigured: src-main/setup/wizard-kiosk.ts).
    createAccessGuard({ sessionOpen: technician.sessionOpen, unconfigured: () => false }),
  );
  const updates = options.applianceDir
    ? createUpdateRequester({
        applianceDir: options.applianceDir,
        currentVersion: APP_VERSION,
        openingHours: config.appliance.openingHours,
        timeZone: config.timeZone,
        log,
      })
    : null;

  const subscriptions = [
    sync.onRemoteSettings((remote) => settings.applyRemote(remote)),
    kioskState.onChange((state) => events.emit('kiosk:state-changed', state)),
    printer.onStateChange((state) => log(`printer: ${state}`)),
    technician.onSessionChange((view) => events.emit('technician:session-changed', view)),
    lobby.onEvent((event) => events.emit('lobby:event', event)),
    lobby.onConnection((state) => events.emit('lobby:connection', state)),
    settings.onChange(({ changed }) => {
      if (changesLobbyOptions(changed)) void lobby.optionsChanged();
    }),
    scanner?.onScan((text) =>
      technicianCardToken(text) === null
        ? void checkInHandler.scanned(text)
        : technician.cardScanned(text),
    ),
    scanner?.onRejected(() => checkInHandler.rejected()),
    updates && sync.onHeartbeatAnswer((answer) => updates.desired(answer.desiredVersion)),
    recordPrinterFaults({ printer, statistics: store.statistics, timeZone: config.timeZone, log }),
  ];
  settings.applyRemote(sync.getRemoteSettings());

  // The screen never waits for the town hall: the first sync runs behind it (a new kiosk shows
  // "preparing" until it has something to serve: first-sync.ts). It starts on the next turn of
  // the event loop, once the host has had its turn to serve the screen: the first request loads
  // Node's HTTP client, which costs more than the rest of the start-up.
  const startSync = setImmediate(() => {
    retention.start();
    sync.start();
  });
  await printer.start();
  await scanner?.start();

  return {
    config,
    dispatch,
    onEvent: events.onEvent,
    takeDownload: diagnostics.takeDownload,
    stop: async () => {
      clearImmediate(startSync);
      for (const unsubscribe of subscriptions) unsubscribe?.();
      kioskState.dispose();
      firstSync.dispose();
      technician.dispose();
      lobby.stop();
      settings.dispose();
      events.dispose();
      await scanner?.stop();
      await sync.stop();
      retention.stop();
      await printer.close();
      store.close();
    },
  };
}
