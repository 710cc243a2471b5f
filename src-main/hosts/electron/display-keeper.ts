/**
 * Keeps the display awake while the office is open (Electron's powerSaveBlocker, type
 * `prevent-display-sleep`) and lets it sleep while it is closed, so a totem does not burn its
 * panel all night. The schedule is the configuration's `appliance.openingHours` on the site's
 * time zone. It is looked at again at every opening and closing, and at least every
 * RECHECK_MAX_MS, so a clock set right, a DST change or a machine woken from suspend is caught.
 */
import { isOpenAt, nextChangeAfter, type OpeningHours } from '../../appliance/opening-hours';

export const RECHECK_MAX_MS = 15 * 60_000;

/** The part of Electron's powerSaveBlocker the keeper uses. */
export interface DisplaySleepBlocker {
  start(type: 'prevent-display-sleep'): number;
  stop(id: number): unknown;
}

export interface DisplayKeeperOptions {
  blocker: DisplaySleepBlocker;
  openingHours: OpeningHours;
  timeZone: string;
  log: (line: string) => void;
  now?: () => Date;
}

export interface DisplayKeeper {
  /** Whether the display is being kept awake now. */
  readonly awake: boolean;
  stop(): void;
}

export function keepDisplayAwakeWhileOpen(options: DisplayKeeperOptions): DisplayKeeper {
  const { blocker, openingHours, timeZone, log } = options;
  const now = options.now ?? (() => new Date());
  let blockerId: number | null = null;
  let timer: NodeJS.Timeout | null = null;

  const check = (): void => {
    const at = now();
    const open = isOpenAt(openingHours, at, timeZone);
    if (open && blockerId === null) {
      blockerId = blocker.start('prevent-display-sleep');
      log('office open: keeping the display awake');
    } else if (!open && blockerId !== null) {
      blocker.stop(blockerId);
      blockerId = null;
      log('office closed: the display may sleep');
    }
    const next = nextChangeAfter(openingHours, at, timeZone);
    const wait = next === null ? RECHECK_MAX_MS : next.getTime() - at.getTime();
    timer = setTimeout(check, Math.max(1000, Math.min(wait, RECHECK_MAX_MS)));
    timer.unref();
  };
  check();

  return {
    get awake() {
      return blockerId !== null;
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      if (blockerId !== null) blocker.stop(blockerId);
      blockerId = null;
    },
  };
}
