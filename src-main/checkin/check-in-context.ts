/** What the check-in steps share, and the settings they read afresh at every request. */
import type { CheckInWindow } from '../../src-shared/domain/checkin-policy';
import type { Store } from '../store/store';

/** The walk-in screen's settings (config `walkIn`). */
export interface WalkInSettings {
  /** Priority tickets (older people, pregnancy, disability) are offered and issued. */
  priorityEnabled: boolean;
  /** A service's button shows its remaining tickets when this many or fewer are left. */
  showRemainingBelow: number;
  /** Services the technician chose not to show on the walk-in screen (`walkIn.hiddenServices`). */
  hiddenServices?: readonly string[];
}

/** Without a `walkIn` section: no priority tickets, remaining shown from 10 down. */
export const DEFAULT_WALK_IN_SETTINGS: WalkInSettings = {
  priorityEnabled: false,
  showRemainingBelow: 10,
};

/**
 * Settings the service asks for afresh at every check-in, walk-in and reprint, so a change
 * (a remote configuration from the town hall, docs/sync.md; a technician's change) applies from
 * the next one on.
 */
export interface CheckInSettings {
  checkInWindow: CheckInWindow;
  /** URL template printed as the ticket's QR code (`{number}`, `{ticketId}`); null for none. */
  ticketQrUrl: string | null;
  /** The walk-in screen's settings; DEFAULT_WALK_IN_SETTINGS when absent. */
  walkIn?: WalkInSettings;
}

/** The store, this kiosk, its site's time zone and the clock: what every step reads. */
export interface CheckInContext {
  readonly store: Store;
  readonly kioskId: string;
  readonly timeZone: string;
  readonly now: () => Date;
  readonly log: (line: string) => void;
  /**
   * True when the cache may lack bookings made lately (the kiosk is offline, or its last pull is
   * old): a code it does not know is then "not found here", not "does not exist".
   */
  readonly cacheMayBeStale: () => boolean;
}
