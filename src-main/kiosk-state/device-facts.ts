/**
 * What the kiosk knows of its own devices, in the words the screen and the heartbeat use: the
 * printer's transport and state, the scanner's transport and link, the app version and the
 * tickets issued today. Read on demand; the kiosk state and the heartbeat both ask here.
 */
import { version as APP_VERSION } from '../../package.json';
import type { KioskState } from '../../src-shared/contract/ipc';
import type { TicketPrinter } from '../printer/ticket-printer';
import type { SerialScanner } from '../scanner/serial-scanner';
import type { HeartbeatFacts } from '../sync/sync-engine';

export interface DeviceFactsSources {
  printer: Pick<TicketPrinter, 'transportKind' | 'getState'>;
  /** The serial scanner; null for a keyboard wedge, which only the renderer sees. */
  scanner: Pick<SerialScanner, 'getStatus'> | null;
  ticketsToday: () => number;
}

export class DeviceFacts {
  constructor(private readonly sources: DeviceFactsSources) {}

  printer(): KioskState['printer'] {
    return {
      transport: this.sources.printer.transportKind,
      status: this.sources.printer.getState(),
    };
  }

  scannerLink(): Pick<KioskState['scanner'], 'transport' | 'connected'> {
    const { scanner } = this.sources;
    return scanner
      ? { transport: 'serial', connected: scanner.getStatus().connected }
      : { transport: 'keyboard', connected: null };
  }

  heartbeat(): HeartbeatFacts {
    const printer = this.printer();
    return {
      appVersion: APP_VERSION,
      printer: { state: printer.status, transport: printer.transport },
      scanner: this.scannerLink(),
      ticketsToday: this.sources.ticketsToday(),
    };
  }
}
