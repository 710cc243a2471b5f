/**
 * Keeps the kiosk's page alive: a renderer that crashed, was killed or hangs is reloaded, each
 * time with one log line naming why. A page that keeps dying is not reloaded for ever: past
 * RELOAD_LIMIT reloads within RELOAD_WINDOW_MS the watchdog gives up, and the host exits non-zero
 * so the service manager (systemd `Restart=on-failure`) starts a fresh process, which resumes from
 * SQLite like after any crash.
 */

export const RELOAD_LIMIT = 5;
export const RELOAD_WINDOW_MS = 10 * 60_000;
/** Delay before a reload, so that a page crashing at once cannot spin the CPU. */
export const RELOAD_DELAY_MS = 1000;
/** How long a page may hang (a long synchronous task, a GC storm) before it is reloaded. */
export const UNRESPONSIVE_GRACE_MS = 10_000;

/** The part of Electron's WebContents the watchdog uses. */
export interface WatchedContents {
  on(
    event: 'render-process-gone',
    listener: (event: unknown, details: { reason: string; exitCode: number }) => void,
  ): unknown;
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
  forcefullyCrashRenderer(): void;
  isDestroyed(): boolean;
}

export interface RendererWatchdogOptions {
  contents: WatchedContents;
  /** Loads the kiosk page again. */
  reload: () => void;
  /** Too many reloads: the host stops and exits non-zero. */
  giveUp: (reason: string) => void;
  log: (line: string) => void;
  now?: () => number;
}

export function watchRenderer(options: RendererWatchdogOptions): void {
  const { contents, log } = options;
  const now = options.now ?? Date.now;
  const reloads: number[] = [];
  let reloadPending = false;
  let gaveUp = false;
  let hangTimer: NodeJS.Timeout | null = null;
  // Set when the watchdog kills a hung renderer itself: that death is already being handled.
  let killedByWatchdog = false;

  const reloadFor = (reason: string): void => {
    if (gaveUp || reloadPending) return;
    const at = now();
    while (reloads.length > 0 && at - (reloads[0] ?? at) >= RELOAD_WINDOW_MS) reloads.shift();
    if (reloads.length >= RELOAD_LIMIT) {
      gaveUp = true;
      const line =
        `renderer ${reason}, after ${reloads.length} reloads in ` +
        `${RELOAD_WINDOW_MS / 60_000} minutes: giving up, exiting for the service manager to restart`;
      log(line);
      options.giveUp(line);
      return;
    }
    reloads.push(at);
    reloadPending = true;
    log(
      `renderer ${reason}: reloading (${reloads.length} of ${RELOAD_LIMIT} allowed in 10 minutes)`,
    );
    setTimeout(() => {
      reloadPending = false;
      if (!contents.isDestroyed()) options.reload();
    }, RELOAD_DELAY_MS);
  };

  const clearHangTimer = (): void => {
    if (hangTimer) clearTimeout(hangTimer);
    hangTimer = null;
  };

  contents.on('render-process-gone', (_event, details) => {
    clearHangTimer();
    if (killedByWatchdog && details.reason === 'killed') {
      killedByWatchdog = false;
      return;
    }
    reloadFor(`gone (${details.reason}, exit code ${details.exitCode})`);
  });

  contents.on('unresponsive', () => {
    if (hangTimer || gaveUp) return;
    log(`renderer unresponsive; reloading if it still is in ${UNRESPONSIVE_GRACE_MS / 1000} s`);
    hangTimer = setTimeout(() => {
      hangTimer = null;
      if (contents.isDestroyed()) return;
      killedByWatchdog = true;
      reloadFor(`unresponsive for ${UNRESPONSIVE_GRACE_MS / 1000} s`);
      // A hung renderer cannot load anything: its process goes first, then the page reloads.
      contents.forcefullyCrashRenderer();
    }, UNRESPONSIVE_GRACE_MS);
  });

  contents.on('responsive', () => {
    if (!hangTimer) return;
    clearHangTimer();
    log('renderer responsive again');
  });
}
