/**
 * Two linked pseudo-terminals made by socat: a real serial port for the code under test on one
 * end, and the "device" (scanner, printer emulator) on the other.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
  /** The end the kiosk opens, as it would open /dev/ttyUSB0. */
  readonly appPath: string;
  /** The end the test plays the device on. */
  readonly devicePath: string;
  /** Pulls the cable: both ends vanish, as a USB device does when unplugged. */
  unplug(): Promise<void>;
  /** Plugs it back in: the same paths appear again (new pseudo-terminals underneath). */
  replug(): Promise<void>;
  close(): Promise<void>;
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function startSocat(
  appPath: string,
  devicePath: string,
): { child: ChildProcess; exited: () => boolean } {
  const child = spawn(
    'socat',
    [`pty,raw,echo=0,link=${appPath}`, `pty,raw,echo=0,link=${devicePath}`],
    { stdio: 'ignore' },
  );
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  return { child, exited: () => exited };
}

export async function openPtyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'turnero-pty-'));
  const appPath = join(dir, 'ttyApp');
  const devicePath = join(dir, 'ttyDevice');
  let socat: ReturnType<typeof startSocat> | null = null;

  const plug = async (): Promise<void> => {
    const started = startSocat(appPath, devicePath);
    socat = started;
    await waitFor(
      () => started.exited() || (existsSync(appPath) && existsSync(devicePath)),
      'socat ptys',
    );
    if (started.exited()) {
      throw new Error('socat exited before creating the pseudo-terminals (is it installed?)');
    }
  };
  const unplug = async (): Promise<void> => {
    const current = socat;
    socat = null;
    if (!current || current.exited()) return;
    current.child.kill('SIGTERM');
    await waitFor(current.exited, 'socat to exit').catch(() => current.child.kill('SIGKILL'));
    await waitFor(() => !existsSync(appPath) && !existsSync(devicePath), 'pty links to vanish');
  };

  await plug();
  return {
    appPath,
    devicePath,
    unplug,
    replug: plug,
    close: async () => {
      await unplug();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
