/**
 * A kiosk composed as the app composes it (src-main/app/start-kiosk.ts: configuration, settings,
 * real SQLite file, the configured printer, the Turnero API client, the sync engine, the check-in
 * service from compose-check-ins.ts, kiosk state, request handlers and the dispatcher), but on a
 * clock the test moves, so the citizen's paths can be driven through the IPC contract against a
 * real reference server on the same clock. Sync runs only when the test asks (`syncNow`), and
 * after each ticket as in the app (`requestPush`).
 */
import { join } from 'node:path';
import type {
  IpcResult,
  RequestChannel,
  RequestOf,
  ResponseOf,
} from '../../src-shared/contract/ipc';
import { composeCheckIns } from '../../src-main/app/compose-check-ins';
import { createTurneroApiClient } from '../../src-main/backend/turnero-api/api-client';
import { credentialPath } from '../../src-main/backend/turnero-api/credential';
import { CheckInHandler } from '../../src-main/checkin/check-in-handler';
import type { CheckInService } from '../../src-main/checkin/check-in-service';
import { parseConfig } from '../../src-main/config/load-config';
import type { ConfigInput } from '../../src-main/config/schema';
import { createDispatcher, type IpcHandlers } from '../../src-main/ipc/dispatcher';
import { KioskEvents } from '../../src-main/ipc/kiosk-events';
import { requestHandlers } from '../../src-main/ipc/request-handlers';
import { DeviceFacts } from '../../src-main/kiosk-state/device-facts';
import { FirstSyncTracker } from '../../src-main/kiosk-state/first-sync';
import { KioskStateModel } from '../../src-main/kiosk-state/kiosk-state';
import { createConfiguredPrinter } from '../../src-main/printer/configured-printer';
import type { TicketPrinter } from '../../src-main/printer/ticket-printer';
import { fileSecretStore } from '../../src-main/secrets/file-secret-store';
import { configuredSetupHandlers } from '../../src-main/setup/setup-handlers';
import { SettingsService } from '../../src-main/settings/settings-service';
import { openStore, type Store } from '../../src-main/store/store';
import { createSyncEngine, type SyncEngine } from '../../src-main/sync/sync-engine';
import { SITE } from './server-kit';

export interface CitizenKiosk {
  store: Store;
  checkIns: CheckInService;
  engine: SyncEngine;
  printer: TicketPrinter;
  /** The virtual printer's decoded tickets, by ticket id (what the on-screen preview gets). */
  rendered: Map<string, string>;
  logs: string[];
  /** A request of the IPC contract, through the dispatcher as a host sends it. */
  invoke<C extends RequestChannel>(
    channel: C,
    payload: RequestOf<C>,
  ): Promise<IpcResult<ResponseOf<C>>>;
  close(): Promise<void>;
}

export interface CitizenKioskOptions {
  dir: string;
  baseUrl: string;
  now: () => Date;
  kioskId?: string;
  /** Laid over the kit's configuration (printer, walkIn, api.pollSeconds…). */
  config?: Partial<ConfigInput>;
}

export async function startCitizenKiosk(options: CitizenKioskOptions): Promise<CitizenKiosk> {
  const kioskId = options.kioskId ?? 'kiosk-1';
  const dataDir = join(options.dir, kioskId);
  const { api, ...rest } = options.config ?? {};
  const config = parseConfig(
    {
      dataDir,
      siteId: SITE,
      kioskId,
      timeZone: 'Europe/Madrid',
      numbering: { reservedRange: { first: 900, last: 949 } },
      ...rest,
      api: { baseUrl: options.baseUrl, pollSeconds: 60, timeoutMs: 2000, ...api },
    },
    null,
  );
  const logs: string[] = [];
  const log = (line: string) => logs.push(line);
  const rendered = new Map<string, string>();
  const settings = new SettingsService(config, log);
  const store = openStore(join(dataDir, 'turnero.sqlite'));
  const printer = createConfiguredPrinter(config.printer, {
    dataDir,
    log,
    onTicketRendered: (ticketId, text) => rendered.set(ticketId, text),
  });
  const devices = new DeviceFacts({ printer, scanner: null, ticketsToday: () => 0 });
  const engine = createSyncEngine({
    client: createTurneroApiClient({
      baseUrl: options.baseUrl,
      siteId: SITE,
      timeoutMs: config.api.timeoutMs,
      now: options.now,
    }),
    store,
    timeZone: config.timeZone,
    pollSeconds: () => settings.current.api.pollSeconds,
    kioskId,
    now: options.now,
    log,
    random: () => 0.5,
  });
  const checkIns = composeCheckIns({
    config,
    settings,
    store,
    printer,
    sync: engine,
    log,
    now: options.now,
  });
  const events = new KioskEvents(log);
  const firstSync = new FirstSyncTracker({
    sync: engine,
    everUpToDate: () => store.syncState.everUpToDate(),
    hasSite: () => store.catalog.getSite() !== undefined,
    cachedAppointments: () => store.catalog.countAppointments(),
  });
  const kioskState = new KioskStateModel({
    kioskId,
    settings,
    sync: engine,
    devices,
    printer,
    scanner: null,
    siteName: () => store.catalog.getSite()?.name ?? '',
    readiness: firstSync,
  });
  const setup = configuredSetupHandlers({
    config,
    firstSync,
    credentialStore: () =>
      fileSecretStore(credentialPath(dataDir, config.api.credentialFile)).facts(),
    siteName: () => store.catalog.getSite()?.name ?? null,
    pinSet: () => false,
  });
  const checkInHandler = new CheckInHandler({ checkIns, session: kioskState, events, log });
  // The citizen channels only: with the default guard (citizenOnly) the dispatcher refuses every
  // technician channel before looking for its handler.
  const dispatch = createDispatcher(
    requestHandlers({ kioskState, checkInHandler, checkIns, setup }) as IpcHandlers,
    log,
  );
  await printer.start();
  return {
    store,
    checkIns,
    engine,
    printer,
    rendered,
    logs,
    invoke: (channel, payload) =>
      dispatch(channel, payload) as Promise<IpcResult<ResponseOf<typeof channel>>>,
    async close() {
      kioskState.dispose();
      firstSync.dispose();
      events.dispose();
      await engine.stop();
      await printer.close();
      store.close();
    },
  };
}

/** The value of a successful answer; throws with the refusal's code otherwise. */
export function valueOf<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new Error(`refused: ${result.error.code}`);
  return result.value;
}
