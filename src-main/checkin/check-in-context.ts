/** What the check-in steps share, and the settings the town hall may change remotely. */
import type { CheckInWindow } from '../../src-shared/domain/checkin-policy';
import type { Store } from '../store/store';

/**
 * Settings the town hall may change remotely (docs/sync.md). The service asks for them afresh at
 * every check-in, walk-in and reprint, so a change applies from the next one on.
 */
export interface CheckInSettings {
  checkInWindow: CheckInWindow;
  /** URL template printed as the ticket's QR code (`{number}`, `{ticketId}`); null for none. */
  ticketQrUrl: string | null;
}

/** The store, this kiosk, its site's time zone and the clock: what every step reads. */
export interface CheckInContext {
  readonly store: Store;
  readonly kioskId: string;
  readonly timeZone: string;
  readonly now: () => Date;
  readonly log: (line: string) => void;
}
