/**
 * The bundle a technician takes away: the kiosk's log chain, Chromium's (web host), and the
 * diagnostics snapshot at the time, each redacted again (logging/redact.ts) on the way out, in
 * `turnero-logs-<kioskId>-<timestamp>.tar.gz`. Written to a USB stick, or handed to the page as a
 * download by the web host.
 */
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { redactText } from '../logging/redact';
import { tarGz, type TarEntry } from './tar-gz';

export interface LogBundle {
  fileName: string;
  bytes: Buffer;
}

/** The folders (under the data folder) and file-name prefixes of the logs a bundle carries. */
const LOG_CHAINS: ReadonlyArray<{ dir: string; prefix: string }> = [
  { dir: 'logs', prefix: 'turnero.log' },
  { dir: 'web-host', prefix: 'chromium.log' },
];

/** Every log file of the data folder, as `<dir>/<name>` relative paths. */
export function logFilesOf(dataDir: string): string[] {
  const found: string[] = [];
  for (const { dir, prefix } of LOG_CHAINS) {
    let names: string[];
    try {
      names = readdirSync(join(dataDir, dir));
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      const suffix = name.slice(prefix.length);
      if (name.startsWith(prefix) && (suffix === '' || /^\.\d+$/.test(suffix))) {
        found.push(`${dir}/${name}`);
      }
    }
  }
  return found;
}

/** `20250310T091500Z`: sortable, and safe in a file name on any file system. */
export function compactTimestamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

export interface LogBundleInput {
  dataDir: string;
  kioskId: string;
  now: Date;
  /** The diagnostics snapshot to include (as JSON), or null. */
  snapshot: unknown;
}

export function buildLogBundle(input: LogBundleInput): LogBundle {
  const entries: TarEntry[] = [];
  for (const relative of logFilesOf(input.dataDir)) {
    const path = join(input.dataDir, relative);
    try {
      const text = readFileSync(path, 'utf8');
      entries.push({
        name: relative,
        content: Buffer.from(redactText(text), 'utf8'),
        mtime: statSync(path).mtime,
      });
    } catch {
      // Rotated away meanwhile: the next file of the chain has its lines.
    }
  }
  if (input.snapshot !== null) {
    entries.push({
      name: 'diagnostics.json',
      content: Buffer.from(redactText(JSON.stringify(input.snapshot, null, 2)), 'utf8'),
      mtime: input.now,
    });
  }
  return {
    fileName: `turnero-logs-${input.kioskId}-${compactTimestamp(input.now)}.tar.gz`,
    bytes: tarGz(entries),
  };
}

/**
 * Writes the bundle into `dir` under its name, through a temporary file: a stick pulled out
 * half-way leaves no truncated bundle that looks whole.
 */
export function writeBundle(dir: string, bundle: LogBundle): string {
  const target = join(dir, basename(bundle.fileName));
  const temporary = `${target}.part`;
  try {
    writeFileSync(temporary, bundle.bytes, { flush: true });
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return target;
}
