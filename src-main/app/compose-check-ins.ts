/**
 * The check-in service as the kiosk composes it: settings read afresh at every request (the
 * check-in window, the QR URL, the walk-in screen's), numbers from the sync engine's leases
 * and the reserved range, pushes requested after every ticket, and the cache's freshness from
 * the sync status. The composition root uses it; so do the integration tests, with their clock.
 */
import type { IpcErrorCode } from '../../src-shared/contract/ipc';
import { cacheMayBeStale } from '../checkin/cache-freshness';
import { CheckInService } from '../checkin/check-in-service';
import type { Config } from '../config/schema';
import type { TicketPrinter } from '../printer/ticket-printer';
import type { SettingsService } from '../settings/settings-service';
import type { Store } from '../store/store';
import type { SyncEngine } from '../sync/sync-engine';

export interface CheckInParts {
  config: Config;
  settings: Pick<SettingsService, 'current'>;
  store: Store;
  printer: TicketPrinter;
  sync: Pick<SyncEngine, 'ensureLease' | 'requestPush' | 'getStatus'>;
  log: (line: string) => void;
  now?: () => Date;
  /** Told the reason of every refused check-in (the technician's statistics count them). */
  onRefused?: (code: IpcErrorCode) => void;
}

export function composeCheckIns(parts: CheckInParts): CheckInService {
  const { config, settings, store, printer, sync, log } = parts;
  const now = parts.now ?? (() => new Date());
  return new CheckInService({
    store,
    printer,
    kioskId: config.kioskId,
    timeZone: config.timeZone,
    language: config.language,
    settings: () => ({
      checkInWindow: settings.current.checkIn,
      ticketQrUrl: settings.current.printer.qrUrl,
      walkIn: settings.current.walkIn,
    }),
    siteId: config.siteId,
    bookingKeys: config.bookingKeys,
    numbering: {
      reservedRange: config.numbering.reservedRange,
      ensureLease: (serviceId, day) => sync.ensureLease(serviceId, day),
    },
    onTicketCommitted: () => sync.requestPush(),
    cacheMayBeStale: () =>
      cacheMayBeStale({
        ...sync.getStatus(),
        pollSeconds: settings.current.api.pollSeconds,
        now: now(),
      }),
    now,
    ...(parts.onRefused ? { onRefused: parts.onRefused } : {}),
    log,
  });
}
