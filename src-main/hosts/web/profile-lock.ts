/**
 * Whether a Chromium is already running on the kiosk's profile. Chromium marks a profile in use
 * with a `SingletonLock` symlink to `<hostname>-<pid>`; a second Chromium on that profile only
 * hands its address to the first and exits. The lock outlives a crash or a power cut, and after
 * a reboot its PID may belong to anything, so the PID must be alive AND (where /proc tells) be a
 * process started on this profile.
 */
import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export interface ProcessProbe {
  hostname(): string;
  isAlive(pid: number): boolean;
  /** The process's arguments, or null where the system does not say (no /proc). */
  commandLine(pid: number): string[] | null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandLine(pid: number): string[] | null {
  if (!existsSync('/proc/self/cmdline')) return null;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

export const systemProbe: ProcessProbe = { hostname, isAlive, commandLine };

/** The PID of the Chromium running on `profileDir` on this machine, or null. */
export function runningProfileOwner(
  profileDir: string,
  probe: ProcessProbe = systemProbe,
): number | null {
  let target: string;
  try {
    target = readlinkSync(join(profileDir, 'SingletonLock'));
  } catch {
    return null;
  }
  const separator = target.lastIndexOf('-');
  const pid = Number(target.slice(separator + 1));
  if (separator <= 0 || !Number.isInteger(pid) || pid <= 0) return null;
  if (target.slice(0, separator) !== probe.hostname()) return null;
  if (!probe.isAlive(pid)) return null;
  const args = probe.commandLine(pid);
  if (args && !args.includes(`--user-data-dir=${profileDir}`)) return null;
  return pid;
}
