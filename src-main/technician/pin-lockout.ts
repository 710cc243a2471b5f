/**
 * Five wrong technician PINs in a row lock the mode for five minutes: while locked no PIN is
 * even checked. The count survives a restart (it is in the kiosk store). A right PIN, or the end
 * of a lockout, starts the count again.
 */
import type { LockoutRecord } from '../store/technician-lockout-repository';

export const MAX_WRONG_PINS = 5;
export const LOCKOUT_MS = 5 * 60_000;

export interface LockoutStorage {
  load(): LockoutRecord;
  save(record: LockoutRecord): void;
}

export class PinLockout {
  constructor(
    private readonly storage: LockoutStorage,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds left of the lockout; 0 when the mode is not locked. */
  lockedForMs(): number {
    const { lockedUntil } = this.current();
    return lockedUntil === null ? 0 : lockedUntil - this.now();
  }

  triesLeft(): number {
    return MAX_WRONG_PINS - this.current().failures;
  }

  /** A wrong PIN; true when it was the one that locked the mode. */
  recordFailure(): boolean {
    const failures = this.current().failures + 1;
    if (failures >= MAX_WRONG_PINS) {
      this.storage.save({ failures: 0, lockedUntil: this.now() + LOCKOUT_MS });
      return true;
    }
    this.storage.save({ failures, lockedUntil: null });
    return false;
  }

  recordSuccess(): void {
    this.storage.save({ failures: 0, lockedUntil: null });
  }

  /** The stored state, with a lockout that has run out read as none. */
  private current(): LockoutRecord {
    const record = this.storage.load();
    if (record.lockedUntil === null) return record;
    const left = record.lockedUntil - this.now();
    if (left <= 0) return { failures: 0, lockedUntil: null };
    if (left > LOCKOUT_MS) {
      // The clock was set back: the lockout lasts its five minutes from now, not until then.
      const rebased = { failures: 0, lockedUntil: this.now() + LOCKOUT_MS };
      this.storage.save(rebased);
      return rebased;
    }
    return record;
  }
}
