/**
 * The root update helper (resources/appliance/turnero-update), the real POSIX script run by `sh`
 * against FAKE `dpkg`, `dpkg-query`, `systemctl`, `apt-get` and `date` on PATH
 * (tests/support/fake-system-commands.ts) and real .deb files built with dpkg-deb: it installs the
 * version the kiosk asked for only inside the window, keeps the previous package, keeps a trial
 * the app reported good, and rolls back one that failed to start twice.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildDeb, makeFakeSystem, type FakeSystem } from '../support/fake-system-commands';
import { makeTempDir } from '../support/temp-dir';

const SCRIPT = resolve(__dirname, '../../resources/appliance/turnero-update');
// A fixed "now" for the fake `date`, and a window around it or after it.
const NOW = 1_772_600_000;

let packages: ReturnType<typeof makeTempDir>;
const debs: string[] = [];
let dir: ReturnType<typeof makeTempDir>;
let system: FakeSystem;
let applianceDir: string;
let stateDir: string;

function run(command: 'check' | 'record-start') {
  const result = spawnSync('sh', [SCRIPT, command], {
    encoding: 'utf8',
    env: system.env({ TURNERO_APPLIANCE_DIR: applianceDir, TURNERO_UPDATE_STATE: stateDir }),
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function requestUpdate(version: string, window: [number, number] = [NOW - 60, NOW + 3600]): void {
  writeFileSync(
    join(applianceDir, 'update-request'),
    `# test\ndesired_version=${version}\nwindow_start=${window[0]}\nwindow_end=${window[1]}\n`,
  );
}

const startCount = (): string | null => {
  const file = join(applianceDir, 'start-count');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
};
const debVersion = (file: string): string =>
  spawnSync('dpkg-deb', ['--field', file, 'Version'], { encoding: 'utf8' }).stdout.trim();
const dpkgCalls = () => system.calls().filter((line) => line.startsWith('dpkg '));

beforeAll(() => {
  packages = makeTempDir('appliance-packages');
  for (const version of ['1.4.0', '1.5.0', '1.6.0']) debs.push(buildDeb(packages.path, version));
});
afterAll(() => packages.remove());

beforeEach(() => {
  dir = makeTempDir('appliance-update');
  system = makeFakeSystem(dir.path, ['dpkg', 'dpkg-query', 'systemctl', 'apt-get', 'date']);
  applianceDir = join(dir.path, 'var/lib/turnero/appliance');
  stateDir = join(dir.path, 'var/lib/turnero-update');
  mkdirSync(applianceDir, { recursive: true });
  for (const deb of debs) copyFileSync(deb, join(system.repo, basename(deb)));
  system.setInstalled('1.4.0');
  system.setNow(NOW);
});
afterEach(() => dir.remove());

/** Installs 1.5.0 over 1.4.0 through the helper, as at night. */
function installTrial(): void {
  requestUpdate('1.5.0');
  const { status, output } = run('check');
  expect(status, output).toBe(0);
  expect(system.installed()).toBe('1.5.0');
  system.clearCalls();
}

describe('turnero-update (real script, fake dpkg and systemctl)', () => {
  it('does nothing without a request, or when the wanted version is installed', () => {
    expect(run('check').status).toBe(0);
    requestUpdate('1.4.0');
    expect(run('check').status).toBe(0);
    expect(system.calls()).toEqual([]);
  });

  it('installs the wanted version inside the window, keeping the previous package', () => {
    requestUpdate('1.5.0');
    const { status, output } = run('check');
    expect(status, output).toBe(0);
    expect(system.installed()).toBe('1.5.0');
    expect(dpkgCalls()).toEqual([`dpkg -i ${join(stateDir, 'staged', 'turnero_1.5.0_amd64.deb')}`]);
    // The kiosk is stopped for the install and started again without waiting.
    expect(system.calls().filter((line) => line.startsWith('systemctl '))).toEqual([
      'systemctl stop turnero-kiosk.service',
      'systemctl reset-failed turnero-kiosk.service',
      'systemctl --no-block start turnero-kiosk.service',
    ]);
    expect(debVersion(join(stateDir, 'previous.deb'))).toBe('1.4.0');
    expect(debVersion(join(stateDir, 'current.deb'))).toBe('1.5.0');
    expect(readFileSync(join(stateDir, 'trial'), 'utf8').trim()).toBe('1.5.0');
    expect(startCount()).toBe('0');
    expect(output).toContain('turnero-update: version 1.5.0 installed: on trial');
  });

  it('waits outside the window: no install, and apt is not even asked', () => {
    requestUpdate('1.5.0', [NOW + 60, NOW + 3600]);
    expect(run('check').status).toBe(0);
    requestUpdate('1.5.0', [NOW - 3600, NOW]);
    expect(run('check').status).toBe(0);
    expect(system.installed()).toBe('1.4.0');
    expect(system.calls()).toEqual([]);
  });

  it('uses a package staged by hand when the apt sources do not have it', () => {
    mkdirSync(join(stateDir, 'staged'), { recursive: true });
    const staged = buildDeb(join(stateDir, 'staged'), '1.6.0');
    rmSync(join(system.repo, 'turnero_1.6.0_amd64.deb'));
    writeFileSync(
      join(stateDir, 'current.deb'),
      readFileSync(join(system.repo, 'turnero_1.4.0_amd64.deb')),
    );
    requestUpdate('1.6.0');
    expect(run('check').status).toBe(0);
    expect(dpkgCalls()).toEqual([`dpkg -i ${staged}`]);
    expect(system.calls().some((line) => line.startsWith('apt-get'))).toBe(false);
  });

  it('keeps a trial whose start the app reported good (it removed the start counter)', () => {
    installTrial();
    expect(run('record-start').status).toBe(0);
    expect(startCount()).toBe('1');
    expect(run('check').status).toBe(0);
    expect(existsSync(join(stateDir, 'trial'))).toBe(true);
    rmSync(join(applianceDir, 'start-count'));
    const { output } = run('check');
    expect(output).toContain('version 1.5.0 served its page: kept');
    expect(existsSync(join(stateDir, 'trial'))).toBe(false);
    expect(dpkgCalls()).toEqual([]);
  });

  it('rolls back a version that failed to start twice, and never installs it again', () => {
    installTrial();
    expect(run('record-start').status).toBe(0);
    expect(run('record-start').status).toBe(0);
    // The third start of the failing version is refused, and the rollback asked for.
    const third = run('record-start');
    expect(third.status).toBe(1);
    expect(third.output).toContain('version 1.5.0 failed to start 2 times');
    expect(system.calls()).toEqual(['systemctl --no-block start turnero-update.service']);

    const rolled = run('check');
    expect(rolled.status).toBe(0);
    expect(system.installed()).toBe('1.4.0');
    expect(dpkgCalls()).toEqual([`dpkg -i ${join(stateDir, 'previous.deb')}`]);
    expect(rolled.output).toContain('version 1.5.0 failed to start twice: rolled back to 1.4.0');
    expect(readFileSync(join(stateDir, 'rejected'), 'utf8')).toBe('1.5.0\n');
    expect(debVersion(join(stateDir, 'current.deb'))).toBe('1.4.0');
    expect(existsSync(join(stateDir, 'trial'))).toBe(false);
    expect(startCount()).toBeNull();
    expect(system.calls().at(-1)).toBe('systemctl --no-block start turnero-kiosk.service');

    // The town hall still asks for 1.5.0: it is not tried again.
    system.clearCalls();
    expect(run('check').status).toBe(0);
    expect(dpkgCalls()).toEqual([]);
  });

  it('counts starts outside a trial without ever refusing one', () => {
    for (let start = 0; start < 5; start += 1) expect(run('record-start').status).toBe(0);
    expect(startCount()).toBe('5');
    expect(system.calls()).toEqual([]);
  });

  it('an install that fails puts the installed version back and rejects the new one', () => {
    requestUpdate('1.6.0');
    const { output } = spawnSync('sh', [SCRIPT, 'check'], {
      encoding: 'utf8',
      env: system.env({
        TURNERO_APPLIANCE_DIR: applianceDir,
        TURNERO_UPDATE_STATE: stateDir,
        FAKE_DPKG_FAIL: '1.6.0',
      }),
    });
    expect(system.installed()).toBe('1.4.0');
    expect(dpkgCalls()).toEqual([
      `dpkg -i ${join(stateDir, 'staged', 'turnero_1.6.0_amd64.deb')}`,
      `dpkg -i ${join(stateDir, 'current.deb')}`,
    ]);
    expect(readFileSync(join(stateDir, 'rejected'), 'utf8')).toBe('1.6.0\n');
    expect(output.join('')).toContain('installing 1.6.0 failed: reinstalling 1.4.0');
  });

  it('does not update without a way back, nor on a malformed request', () => {
    rmSync(join(system.repo, 'turnero_1.4.0_amd64.deb'));
    requestUpdate('1.5.0');
    const noWayBack = run('check');
    expect(noWayBack.output).toContain('no package of the installed version 1.4.0 to roll back to');
    expect(dpkgCalls()).toEqual([]);

    for (const bad of ['1.5.0;reboot', '$(reboot)', 'v1', '']) {
      requestUpdate(bad);
      expect(run('check').output, bad).toContain('ignoring a malformed');
    }
    writeFileSync(
      join(applianceDir, 'update-request'),
      'desired_version=1.5.0\nwindow_start=soon\n',
    );
    expect(run('check').output).toContain('ignoring a malformed');
    expect(dpkgCalls()).toEqual([]);
    expect(system.installed()).toBe('1.4.0');
  });
});
