/**
 * The Chromium the web host opens, with FAKE browsers (shell scripts given as the executable):
 * its switches and one-time address, the one line when it refuses to start, and no second
 * browser while one is still running on the kiosk's profile.
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserProcess } from '../../src-main/hosts/web/browser-process';
import { webHostFiles, type WebHostFiles } from '../../src-main/hosts/web/host-files';
import { openKioskBrowser, ROOT_EXPLANATION } from '../../src-main/hosts/web/kiosk-browser';
import { runningProfileOwner } from '../../src-main/hosts/web/profile-lock';
import { appUrlOf, ROOT_REFUSAL, writeFakeBrowser } from '../e2e/support/fake-browser';
import { makeTempDir } from '../support/temp-dir';

let dir: ReturnType<typeof makeTempDir>;
let files: WebHostFiles;
let lines: string[];
const started: BrowserProcess[] = [];
let issued = 0;

/** Opens the kiosk browser as an unprivileged host (uid 1000) unless told otherwise. */
function open(executable: string, env: NodeJS.ProcessEnv = {}, uid = 1000): BrowserProcess | null {
  const browser = openKioskBrowser({
    executable,
    files,
    launchUrl: () => `http://127.0.0.1:1234/?launch=one-time-${++issued}`,
    movedFrom: null,
    log: (line) => lines.push(line),
    env,
    uid,
  });
  if (browser) started.push(browser);
  return browser;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let tries = 0; !condition(); tries += 1) {
    if (tries > 100) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function kill(browser: BrowserProcess): void {
  try {
    // Its own process group: the shell and its sleep go together.
    process.kill(-(browser.pid as number), 'SIGKILL');
  } catch {
    // already gone
  }
}

beforeEach(() => {
  dir = makeTempDir('web-browser');
  files = webHostFiles(join(dir.path, 'data'));
  mkdirSync(join(files.browserLog, '..'), { recursive: true });
  lines = [];
});

afterEach(async () => {
  for (const browser of started.splice(0)) {
    kill(browser);
    await browser.exited;
  }
  dir.remove();
});

describe('the kiosk browser', () => {
  it('opens a one-time address with the kiosk switches, then TURNERO_CHROMIUM_FLAGS', async () => {
    const fake = writeFakeBrowser(dir.path, 'refuse-as-root');
    const browser = open(fake.executable, {
      TURNERO_CHROMIUM_FLAGS: ' --no-sandbox  --ozone-platform=wayland ',
    });
    await browser?.exited;

    const [args = []] = fake.launches();
    expect(appUrlOf(args)).toBe('http://127.0.0.1:1234/?launch=one-time-1');
    expect(args).toEqual(
      expect.arrayContaining([
        '--kiosk',
        '--no-first-run',
        '--noerrdialogs',
        '--disable-session-crashed-bubble',
        '--autoplay-policy=no-user-gesture-required',
        '--disable-features=Translate',
        '--disable-pinch',
        '--overscroll-history-navigation=0',
        `--user-data-dir=${files.browserProfile}`,
      ]),
    );
    expect(args.slice(-2)).toEqual(['--no-sandbox', '--ozone-platform=wayland']);
  });

  it('says in one line why a browser exited at once (its first stderr lines), and what to do', async () => {
    const fake = writeFakeBrowser(dir.path, 'refuse-as-root');
    const exit = await open(fake.executable)?.exited;
    expect(exit).toEqual({ code: 1, signal: null, early: true });
    expect(lines).toEqual([
      `Chromium exited at once (code 1): chromium: some warning first / ${ROOT_REFUSAL} ` +
        'Run the kiosk as an unprivileged user, or pass Chromium switches in TURNERO_CHROMIUM_FLAGS.',
    ]);
  });

  it('explains the root case before the launch, unless --no-sandbox is given', async () => {
    const fake = writeFakeBrowser(dir.path, 'refuse-as-root');
    await open(fake.executable, {}, 0)?.exited;
    expect(lines[0]).toBe(ROOT_EXPLANATION);
    expect(lines[0]).toMatch(/^the kiosk runs as root: Chromium refuses to start as root/);
    expect(lines[1]).toMatch(/^Chromium exited at once \(code 1\): /);
    expect(fake.launches()).toHaveLength(1);
    lines.length = 0;
    await open(fake.executable, { TURNERO_CHROMIUM_FLAGS: '--no-sandbox' }, 0)?.exited;
    expect(lines.some((line) => line === ROOT_EXPLANATION)).toBe(false);
  });

  it('says so in one line when the browser cannot be run at all', async () => {
    const exit = await open(join(dir.path, 'no-such-chromium'))?.exited;
    expect(exit).toMatchObject({ code: null });
    expect(lines).toEqual([
      expect.stringMatching(/^cannot run Chromium \(.*no-such-chromium\): .*ENOENT/),
    ]);
  });

  it('leaves a Chromium still running on the profile alone, and opens one once it is gone', async () => {
    const fake = writeFakeBrowser(dir.path, 'stay-up');
    const first = open(fake.executable);
    expect(first).not.toBeNull();
    await until(() => runningProfileOwner(files.browserProfile) !== null, 'the profile lock');
    expect(runningProfileOwner(files.browserProfile)).toBe(first?.pid);

    expect(open(fake.executable)).toBeNull();
    expect(fake.launches()).toHaveLength(1);
    expect(lines).toEqual([
      `Chromium (pid ${first?.pid}) is still showing the kiosk: its page reconnects by itself`,
    ]);

    // Killed (a crash, a power cut): the lock stays behind, pointing at a dead process.
    kill(first as BrowserProcess);
    await first?.exited;
    expect(open(fake.executable)).not.toBeNull();
    await until(() => fake.launches().length === 2, 'the second launch');
  });

  it('does not trust a stale lock whose PID now belongs to another process or machine', () => {
    mkdirSync(files.browserProfile, { recursive: true });
    const lock = join(files.browserProfile, 'SingletonLock');
    // After a reboot the old PID may be anybody's: here, this test's own process.
    symlinkSync(`${hostname()}-${process.pid}`, lock);
    expect(runningProfileOwner(files.browserProfile)).toBeNull();
    const fake = writeFakeBrowser(dir.path, 'refuse-as-root');
    expect(open(fake.executable)).not.toBeNull();
  });

  it('does not trust a lock taken on another machine', () => {
    mkdirSync(files.browserProfile, { recursive: true });
    symlinkSync(`another-host-${process.pid}`, join(files.browserProfile, 'SingletonLock'));
    expect(
      runningProfileOwner(files.browserProfile, {
        hostname: () => 'this-host',
        isAlive: () => true,
        commandLine: () => null,
      }),
    ).toBeNull();
    expect(
      runningProfileOwner(files.browserProfile, {
        hostname: () => 'another-host',
        isAlive: () => true,
        commandLine: () => null,
      }),
    ).toBe(process.pid);
  });
});
