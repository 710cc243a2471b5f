/** Opens the kiosk page in an installed Chromium, in kiosk/app mode, when one can be found. */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

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

export function openKioskBrowser(executable: string, url: string, dataDir: string): void {
  const child = spawn(
    executable,
    [
      `--app=${url}`,
      '--kiosk',
      `--user-data-dir=${join(dataDir, 'chromium-profile')}`,
      '--no-first-run',
      '--disable-translate',
      '--disable-features=Translate',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--overscroll-history-navigation=0',
    ],
    { stdio: 'ignore', detached: true },
  );
  child.unref();
}
