/**
 * The .deb's maintainer scripts (resources/deb) and the Cage session wrapper
 * (resources/appliance/turnero-session), the real POSIX scripts run by `sh`. The maintainer
 * scripts run on an alternate root (TURNERO_PACKAGE_ROOT, a temporary folder laid out as the
 * package installs it) with FAKE `getent`, `useradd`, `usermod`, `chown` and `udevadm`, and the
 * real `systemctl --root` enabling the units there. The wrapper runs a FAKE `cage` that behaves
 * as Debian 12's cage 0.1.4: it always exits 0.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  statSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFakeSystem, type FakeSystem } from '../support/fake-system-commands';
import { makeTempDir } from '../support/temp-dir';

const RESOURCES = resolve(__dirname, '../../resources');
const POSTINST = join(RESOURCES, 'deb/after-install.sh');
const POSTRM = join(RESOURCES, 'deb/after-remove.sh');
const SESSION = join(RESOURCES, 'appliance/turnero-session');
const UNITS = ['turnero-kiosk.service', 'turnero-update.service', 'turnero-update.timer'];
/** Whether a link exists (its absolute target is inside the alternate root, not on this host). */
const linkExists = (path: string): boolean => {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
};

let dir: ReturnType<typeof makeTempDir>;
let system: FakeSystem;
let root: string;

function sh(script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync('sh', [script, ...args], {
    encoding: 'utf8',
    env: system.env({ TURNERO_PACKAGE_ROOT: root, ...env }),
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

beforeEach(() => {
  dir = makeTempDir('appliance-package');
  system = makeFakeSystem(dir.path, ['getent', 'useradd', 'usermod', 'chown', 'udevadm', 'cage']);
  root = join(dir.path, 'root');
  // What the package unpacks, as electron-builder's extraResources lay it out.
  cpSync(join(RESOURCES, 'udev'), join(root, 'opt/Turnero/resources/udev'), { recursive: true });
  cpSync(join(RESOURCES, 'appliance'), join(root, 'opt/Turnero/resources/appliance'), {
    recursive: true,
  });
  for (const group of ['dialout', 'lp', 'video']) system.addAccount(`group:${group}`);
});
afterEach(() => dir.remove());

describe('the .deb maintainer scripts (real scripts, alternate root)', () => {
  it('postinst makes the user, its folders, the udev rules and the enabled units', () => {
    const { status, output } = sh(POSTINST, ['configure', '']);
    expect(status, output).toBe(0);
    const calls = system.calls();
    expect(calls).toContain(
      'useradd --system --user-group --home-dir /var/lib/turnero --no-create-home ' +
        '--shell /usr/sbin/nologin --comment Turnero kiosk turnero',
    );
    // Only the groups this system has.
    expect(calls.filter((call) => call.startsWith('usermod'))).toEqual([
      'usermod -a -G dialout turnero',
      'usermod -a -G lp turnero',
      'usermod -a -G video turnero',
    ]);
    expect(calls).toContain(
      `chown turnero:turnero ${root}/var/lib/turnero ${root}/var/lib/turnero/appliance`,
    );
    expect(statSync(join(root, 'var/lib/turnero-update')).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(root, 'usr/lib/udev/rules.d/99-turnero.rules'), 'utf8')).toBe(
      readFileSync(join(RESOURCES, 'udev/99-turnero.rules'), 'utf8'),
    );
    for (const unit of UNITS) {
      expect(readFileSync(join(root, 'usr/lib/systemd/system', unit), 'utf8')).toBe(
        readFileSync(join(RESOURCES, 'appliance', unit), 'utf8'),
      );
    }
    // Enabled by the real systemctl on the alternate root: the kiosk at boot, the timer.
    expect(
      readlinkSync(join(root, 'etc/systemd/system/multi-user.target.wants/turnero-kiosk.service')),
    ).toBe('/usr/lib/systemd/system/turnero-kiosk.service');
    expect(
      readlinkSync(join(root, 'etc/systemd/system/timers.target.wants/turnero-update.timer')),
    ).toBe('/usr/lib/systemd/system/turnero-update.timer');
    expect(readlinkSync(join(root, 'usr/bin/turnero'))).toBe('/opt/Turnero/turnero');
    // Nothing touches the running system from an alternate root.
    expect(calls.some((call) => call.startsWith('udevadm'))).toBe(false);
  });

  it('postinst is idempotent, and an upgrade keeps an administrator\'s "disable"', () => {
    expect(sh(POSTINST, ['configure', '']).status).toBe(0);
    system.clearCalls();
    const wants = join(root, 'etc/systemd/system/multi-user.target.wants/turnero-kiosk.service');
    expect(linkExists(wants)).toBe(true);
    spawnSync('systemctl', [`--root=${root}`, 'disable', 'turnero-kiosk.service']);
    expect(linkExists(wants)).toBe(false);
    const again = sh(POSTINST, ['configure', '1.4.0']);
    expect(again.status, again.output).toBe(0);
    expect(system.calls().some((call) => call.startsWith('useradd'))).toBe(false);
    expect(linkExists(wants)).toBe(false);
    expect(sh(POSTINST, ['triggered']).status).toBe(0);
  });

  it('postrm removes what postinst added on remove, nothing on upgrade; purge keeps the data', () => {
    expect(sh(POSTINST, ['configure', '']).status).toBe(0);
    mkdirSync(join(root, 'var/lib/turnero/turnero'), { recursive: true });
    expect(sh(POSTRM, ['upgrade', '1.5.0']).status).toBe(0);
    expect(existsSync(join(root, 'usr/lib/systemd/system/turnero-kiosk.service'))).toBe(true);

    expect(sh(POSTRM, ['remove']).status).toBe(0);
    for (const unit of UNITS) {
      expect(existsSync(join(root, 'usr/lib/systemd/system', unit)), unit).toBe(false);
    }
    expect(existsSync(join(root, 'usr/lib/udev/rules.d/99-turnero.rules'))).toBe(false);
    expect(linkExists(join(root, 'usr/bin/turnero'))).toBe(false);
    expect(
      linkExists(join(root, 'etc/systemd/system/multi-user.target.wants/turnero-kiosk.service')),
    ).toBe(false);
    expect(sh(POSTRM, ['remove']).status).toBe(0);

    const purge = sh(POSTRM, ['purge']);
    expect(purge.status).toBe(0);
    expect(existsSync(join(root, 'var/lib/turnero-update'))).toBe(false);
    expect(existsSync(join(root, 'var/lib/turnero/turnero'))).toBe(true);
    expect(purge.output).toContain('kept /var/lib/turnero (data)');
  });
});

describe('the Cage session wrapper (real script, fake cage 0.1.4)', () => {
  it("exits with the application's own status, which cage 0.1.4 loses", () => {
    const runtime = join(dir.path, 'run');
    mkdirSync(runtime);
    for (const code of [0, 4, 139]) {
      const { status, output } = sh(SESSION, ['/bin/sh', '-c', `exit ${code}`], {
        RUNTIME_DIRECTORY: runtime,
      });
      expect(status, output).toBe(code);
    }
    expect(system.calls().at(-1)).toMatch(/^cage -- \/bin\/sh -c .* \/bin\/sh -c exit 139$/);
  });

  it('fails when the application never ran (cage could not start)', () => {
    const { status, output } = sh(SESSION, ['/nonexistent/turnero'], {
      RUNTIME_DIRECTORY: dir.path,
    });
    expect(status).not.toBe(0);
    expect(output).toMatch(/turnero-session: \/nonexistent\/turnero exited with status 127/);
  });
});
