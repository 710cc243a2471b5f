/** Which Chromium the web host opens, and with which switches for an unattended touch screen. */
import { spawnSync } from 'node:child_process';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.TURNERO_CHROMIUM) return env.TURNERO_CHROMIUM;
  for (const name of CANDIDATES) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    const path = found.stdout.trim();
    if (found.status === 0 && path) return path;
  }
  return null;
}

/** What a kiosk screen needs from Chromium, whatever the installation adds. */
export const KIOSK_SWITCHES: readonly string[] = [
  '--kiosk',
  '--no-first-run',
  '--no-default-browser-check',
  // No error dialogs, no "restore pages?" bubble after a crash or a power cut.
  '--noerrdialogs',
  '--disable-session-crashed-bubble',
  '--hide-crash-restore-bubble',
  // No "translate this page?" bar over a Spanish page on an English system.
  '--disable-translate',
  '--disable-features=Translate',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Sound may play before anyone has touched the screen: nobody taps a kiosk to unlock it.
  '--autoplay-policy=no-user-gesture-required',
  // A citizen's two fingers must not zoom the page, nor a swipe go "back".
  '--disable-pinch',
  '--overscroll-history-navigation=0',
];

/** TURNERO_CHROMIUM_FLAGS: extra switches, separated by spaces, appended to the kiosk's own. */
export function extraSwitches(env: NodeJS.ProcessEnv): string[] {
  return (env.TURNERO_CHROMIUM_FLAGS ?? '').split(/\s+/).filter((flag) => flag !== '');
}

export function kioskBrowserArgs(
  url: string,
  profileDir: string,
  env: NodeJS.ProcessEnv,
): string[] {
  return [
    `--app=${url}`,
    ...KIOSK_SWITCHES,
    `--user-data-dir=${profileDir}`,
    ...extraSwitches(env),
  ];
}
