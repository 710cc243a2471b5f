/**
 * The screen of a web-host kiosk: Chromium in kiosk mode on the kiosk's own profile. When the
 * host restarts while that Chromium is still up, its page reconnects by itself (same secret, same
 * port), so the host leaves it alone: a second Chromium on the profile would only hand its address
 * to the first and exit. Otherwise the host opens one on a one-time launch address.
 */
import type { RotationLimits } from '../../logging/rotating-file';
import { kioskBrowserArgs } from './browser';
import { launchBrowser, type BrowserProcess } from './browser-process';
import type { WebHostFiles } from './host-files';
import { runningProfileOwner, systemProbe, type ProcessProbe } from './profile-lock';

export interface KioskBrowserOptions {
  executable: string;
  files: WebHostFiles;
  /** Issues a one-time launch address; called only when a browser is actually launched. */
  launchUrl: () => string;
  /** The port the running page knew, when this launch serves on another one. */
  movedFrom: number | null;
  log: (line: string) => void;
  /** The cap of Chromium's log chain (`logs` of the configuration). */
  logLimits?: RotationLimits;
  env?: NodeJS.ProcessEnv;
  probe?: ProcessProbe;
  /** The host's user id (tests); `process.getuid()` when not given. */
  uid?: number;
}

/** Said before a launch as root without --no-sandbox: Chromium will refuse it. */
export const ROOT_EXPLANATION =
  'the kiosk runs as root: Chromium refuses to start as root without --no-sandbox, and a kiosk ' +
  'must not run its browser without the sandbox. Run the kiosk as its own user ' +
  '(resources/appliance/turnero-web.service runs it as "turnero"); only on a development ' +
  'machine set TURNERO_CHROMIUM_FLAGS=--no-sandbox';

/** The launched browser, or null when one was already running on the profile. */
export function openKioskBrowser(options: KioskBrowserOptions): BrowserProcess | null {
  const { files, log } = options;
  const running = runningProfileOwner(files.browserProfile, options.probe ?? systemProbe);
  if (running !== null) {
    log(
      options.movedFrom === null
        ? `Chromium (pid ${running}) is still showing the kiosk: its page reconnects by itself`
        : `Chromium (pid ${running}) shows the kiosk on port ${options.movedFrom}, which is ` +
            `taken now: close that Chromium so that the next start opens the page again`,
    );
    return null;
  }
  const args = kioskBrowserArgs(
    options.launchUrl(),
    files.browserProfile,
    options.env ?? process.env,
  );
  // Still launched: TURNERO_CHROMIUM may be a wrapper that drops to another user.
  const uid = options.uid ?? process.getuid?.();
  if (uid === 0 && !args.includes('--no-sandbox')) log(ROOT_EXPLANATION);
  return launchBrowser({
    executable: options.executable,
    args,
    logFile: files.browserLog,
    ...(options.logLimits ? { logLimits: options.logLimits } : {}),
    log,
  });
}
