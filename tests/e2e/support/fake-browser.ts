/**
 * FAKE Chromium executables for the web host's browser handling (given as TURNERO_CHROMIUM):
 * small shell scripts that record their arguments and then either refuse to start the way
 * Chromium run as root does, or stay up holding the profile's SingletonLock the way a running
 * Chromium does (`<hostname>-<pid>`, with `--user-data-dir=…` on its command line).
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type FakeBrowserBehaviour = 'refuse-as-root' | 'stay-up';

export interface FakeBrowser {
  executable: string;
  /** The arguments of every launch so far, oldest first. */
  launches(): string[][];
}

export const ROOT_REFUSAL =
  'Running as root without --no-sandbox is not supported. See https://crbug.com/638180.';

const BEHAVIOUR: Record<FakeBrowserBehaviour, string> = {
  'refuse-as-root': [
    'echo "chromium: some warning first" >&2',
    `echo "[4242:4242:0101/000000.000000:ERROR:zygote_host_impl_linux.cc(103)] ${ROOT_REFUSAL}" >&2`,
    'exit 1',
  ].join('\n'),
  'stay-up': [
    'for arg in "$@"; do case "$arg" in --user-data-dir=*) profile="${arg#--user-data-dir=}";; esac; done',
    'mkdir -p "$profile"',
    'rm -f "$profile/SingletonLock"',
    'ln -s "$(uname -n)-$$" "$profile/SingletonLock"',
    'while :; do sleep 1; done',
  ].join('\n'),
};

export function writeFakeBrowser(dir: string, behaviour: FakeBrowserBehaviour): FakeBrowser {
  const executable = join(dir, `fake-chromium-${behaviour}.sh`);
  const record = `${executable}.launches`;
  const script = [
    '#!/bin/sh',
    `printf '%s\\t' "$@" >> '${record}'`,
    `printf '\\n' >> '${record}'`,
    BEHAVIOUR[behaviour],
    '',
  ].join('\n');
  writeFileSync(executable, script);
  chmodSync(executable, 0o755);
  return {
    executable,
    launches: () =>
      existsSync(record)
        ? readFileSync(record, 'utf8')
            .split('\n')
            .filter((line) => line !== '')
            .map((line) => line.split('\t').slice(0, -1))
        : [],
  };
}

/** The address a launch was told to open (`--app=…`). */
export function appUrlOf(args: readonly string[]): string {
  const app = args.find((arg) => arg.startsWith('--app='));
  if (!app) throw new Error(`no --app= among ${args.join(' ')}`);
  return app.slice('--app='.length);
}
