/**
 * What makes the kiosk window an appliance rather than an app: its page comes back by itself
 * (renderer-watchdog), the display sleeps only outside opening hours (display-keeper), nobody can
 * reach DevTools, reload, zoom or quit from a keyboard (shortcut-guard), and a start that served
 * its page long enough is reported good to the update helper (start-health). The developer window
 * (dev-window.ts) keeps only the watchdog.
 */
import type { BrowserWindow } from 'electron';
import type { OpeningHours } from '../../appliance/opening-hours';
import { keepDisplayAwakeWhileOpen, type DisplaySleepBlocker } from './display-keeper';
import { watchRenderer } from './renderer-watchdog';
import { guardShortcuts } from './shortcut-guard';
import { clearStartCountWhenServing } from './start-health';

/** The exit code after the watchdog gave up: non-zero, so systemd's Restart=on-failure acts. */
export const RENDERER_GAVE_UP_EXIT_CODE = 4;

export interface ApplianceOptions {
  window: BrowserWindow;
  /** Loads the kiosk page (again). */
  reload: () => void;
  /** Stops the kiosk and exits with this code. */
  exit: (code: number) => void;
  blocker: DisplaySleepBlocker;
  openingHours: OpeningHours;
  timeZone: string;
  /** The developer window: no shortcut guard, the display left to the desktop. */
  devWindow: boolean;
  /** TURNERO_APPLIANCE_DIR, set by the systemd unit; null outside an installed appliance. */
  applianceDir: string | null;
  log: (line: string) => void;
}

export interface Appliance {
  stop(): void;
}

export function makeAppliance(options: ApplianceOptions): Appliance {
  const { window, log } = options;
  const contents = window.webContents;
  watchRenderer({
    contents,
    reload: options.reload,
    giveUp: () => options.exit(RENDERER_GAVE_UP_EXIT_CODE),
    log,
  });
  if (options.devWindow) {
    contents.openDevTools({ mode: 'detach' });
    log('developer window: DevTools open, shortcuts not guarded, display not kept awake');
    return { stop: () => undefined };
  }
  guardShortcuts(contents, log);
  if (options.applianceDir !== null) {
    clearStartCountWhenServing({ contents, applianceDir: options.applianceDir, log });
  }
  const display = keepDisplayAwakeWhileOpen({
    blocker: options.blocker,
    openingHours: options.openingHours,
    timeZone: options.timeZone,
    log,
  });
  return { stop: () => display.stop() };
}
