/**
 * FAKE system commands for the appliance's shell scripts (resources/appliance, resources/deb):
 * `dpkg`, `dpkg-query`, `systemctl`, `apt-get`, `date`, `getent`, `useradd`, `usermod`, `chown`
 * and `cage`, as small shell scripts in a temporary bin folder put first on PATH. They record each
 * call in `calls`, keep what they change in a state folder (the installed version, users), and
 * answer from it. `dpkg-deb` stays the real one: the packages the tests install are real .deb
 * files built with it (`buildDeb`).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FAKES: Record<string, string> = {
  dpkg: [
    'echo "dpkg $*" >>"$FAKE_STATE/calls"',
    'if [ "$1" != "-i" ]; then exit 2; fi',
    'version=$(dpkg-deb --field "$2" Version) || exit 2',
    'if [ "$version" = "$FAKE_DPKG_FAIL" ]; then echo "dpkg: error processing $2" >&2; exit 1; fi',
    'echo "$version" >"$FAKE_STATE/installed"',
  ].join('\n'),
  'dpkg-query': [
    '[ -f "$FAKE_STATE/installed" ] || exit 1',
    'printf %s "$(cat "$FAKE_STATE/installed")"',
  ].join('\n'),
  systemctl: 'echo "systemctl $*" >>"$FAKE_STATE/calls"',
  'apt-get': [
    'echo "apt-get $*" >>"$FAKE_STATE/calls"',
    'for arg in "$@"; do case "$arg" in turnero=*) version=${arg#turnero=};; esac; done',
    'case " $* " in *" download "*) ;; *) exit 0;; esac',
    'for deb in "$FAKE_REPO"/turnero_"$version"_*.deb; do [ -f "$deb" ] && cp "$deb" . && exit 0; done',
    "echo \"E: Version '$version' for 'turnero' was not found\" >&2; exit 100",
  ].join('\n'),
  date: 'cat "$FAKE_STATE/now"',
  getent: [
    'echo "getent $*" >>"$FAKE_STATE/calls"',
    'grep -q "^$1:$2\\$" "$FAKE_STATE/accounts" 2>/dev/null',
  ].join('\n'),
  useradd: [
    'echo "useradd $*" >>"$FAKE_STATE/calls"',
    'for last in "$@"; do :; done',
    'echo "passwd:$last" >>"$FAKE_STATE/accounts"',
  ].join('\n'),
  usermod: 'echo "usermod $*" >>"$FAKE_STATE/calls"',
  chown: 'echo "chown $*" >>"$FAKE_STATE/calls"',
  udevadm: 'echo "udevadm $*" >>"$FAKE_STATE/calls"',
  // Cage 0.1.4 as Debian 12 ships it: runs its application, then exits 0 whatever it did.
  cage: ['echo "cage $*" >>"$FAKE_STATE/calls"', '[ "$1" = "--" ] && shift', '"$@"', 'exit 0'].join(
    '\n',
  ),
};

export interface FakeSystem {
  bin: string;
  state: string;
  repo: string;
  /** The environment to run a script with: the fakes first on PATH. */
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  calls(): string[];
  clearCalls(): void;
  installed(): string | null;
  setInstalled(version: string): void;
  /** The fake `date +%s`. */
  setNow(epochSeconds: number): void;
  /** Accounts the fake `getent` knows: `passwd:turnero`, `group:dialout`… */
  addAccount(entry: string): void;
}

export function makeFakeSystem(
  dir: string,
  commands: readonly string[] = Object.keys(FAKES),
): FakeSystem {
  const bin = join(dir, 'fake-bin');
  const state = join(dir, 'fake-state');
  const repo = join(dir, 'fake-repo');
  for (const folder of [bin, state, repo]) mkdirSync(folder, { recursive: true });
  for (const name of commands) {
    const file = join(bin, name);
    writeFileSync(file, `#!/bin/sh\n${FAKES[name]}\n`);
    chmodSync(file, 0o755);
  }
  const read = (name: string): string | null =>
    existsSync(join(state, name)) ? readFileSync(join(state, name), 'utf8') : null;
  return {
    bin,
    state,
    repo,
    env: (extra = {}) => ({
      ...process.env,
      PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      FAKE_STATE: state,
      FAKE_REPO: repo,
      FAKE_DPKG_FAIL: '',
      ...extra,
    }),
    calls: () => (read('calls') ?? '').split('\n').filter((line) => line !== ''),
    clearCalls: () => writeFileSync(join(state, 'calls'), ''),
    installed: () => read('installed')?.trim() ?? null,
    setInstalled: (version) => writeFileSync(join(state, 'installed'), `${version}\n`),
    setNow: (epochSeconds) => writeFileSync(join(state, 'now'), `${epochSeconds}\n`),
    addAccount: (entry) => writeFileSync(join(state, 'accounts'), `${entry}\n`, { flag: 'a' }),
  };
}

/** A real (tiny) .deb of the package `turnero` at `version`, built with dpkg-deb. */
export function buildDeb(outDir: string, version: string, arch = 'amd64'): string {
  const root = join(outDir, `build-${version}`);
  mkdirSync(join(root, 'DEBIAN'), { recursive: true });
  mkdirSync(join(root, 'opt', 'Turnero'), { recursive: true });
  writeFileSync(join(root, 'opt', 'Turnero', 'version'), `${version}\n`);
  writeFileSync(
    join(root, 'DEBIAN', 'control'),
    [
      'Package: turnero',
      `Version: ${version}`,
      `Architecture: ${arch}`,
      'Maintainer: Turnero <kiosk@turnero.es>',
      'Description: test package',
      '',
    ].join('\n'),
  );
  const file = join(outDir, `turnero_${version}_${arch}.deb`);
  const built = spawnSync('dpkg-deb', ['-Znone', '--root-owner-group', '--build', root, file], {
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`dpkg-deb failed: ${built.stderr}`);
  return file;
}
