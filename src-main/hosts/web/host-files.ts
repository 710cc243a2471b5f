/**
 * What the web host keeps in the data folder so that its restart is invisible to an open kiosk
 * page: the per-installation secret the page proves itself with, and the port it last served on.
 * Chromium's profile and its log live beside them.
 */
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface WebHostFiles {
  /** The per-installation secret (0600). */
  secret: string;
  /** The port the host last served on. */
  port: string;
  /** Chromium's stderr: a fresh file at each launch, size-capped, older ones as `.1`, `.2`… */
  browserLog: string;
  /** Chromium's profile (`--user-data-dir`). */
  browserProfile: string;
}

export function webHostFiles(dataDir: string): WebHostFiles {
  const dir = join(resolve(dataDir), 'web-host');
  return {
    secret: join(dir, 'secret'),
    port: join(dir, 'port'),
    browserLog: join(dir, 'chromium.log'),
    // Where earlier versions kept it, so an installed kiosk keeps its profile.
    browserProfile: join(resolve(dataDir), 'chromium-profile'),
  };
}

/** 32 random bytes, base64url: usable as is in a URL and in a cookie. */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function newSecretFile(file: string): string {
  const secret = randomBytes(32).toString('base64url');
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${secret}\n`, { mode: 0o600 });
  return temporary;
}

function readSecret(file: string): string | null {
  try {
    const text = readFileSync(file, 'utf8').trim();
    return SECRET_PATTERN.test(text) ? text : null;
  } catch {
    return null;
  }
}

/**
 * The installation's secret, created on first use. It never changes afterwards, so a page that
 * proved it once can reconnect to any later launch of the host.
 */
export function loadHostSecret(files: WebHostFiles, log: (line: string) => void): string {
  mkdirSync(dirname(files.secret), { recursive: true, mode: 0o700 });
  const existing = readSecret(files.secret);
  if (existing) {
    if ((statSync(files.secret).mode & 0o077) !== 0) chmodSync(files.secret, 0o600);
    return existing;
  }
  const temporary = newSecretFile(files.secret);
  try {
    try {
      // link() never replaces a file: of two hosts starting together, one secret wins.
      linkSync(temporary, files.secret);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const winner = readSecret(files.secret);
      if (winner) return winner;
      log(`web host: ${files.secret} was damaged; made a new secret (open pages must be reopened)`);
      renameSync(temporary, files.secret);
    }
  } finally {
    rmSync(temporary, { force: true });
  }
  const secret = readSecret(files.secret);
  if (!secret) throw new Error(`Cannot store the web host secret in ${files.secret}`);
  return secret;
}

/** The port the host served on last time, if it was recorded. */
export function readRememberedPort(files: WebHostFiles): number | null {
  try {
    const port = Number(readFileSync(files.port, 'utf8').trim());
    return Number.isInteger(port) && port > 0 && port <= 65535 ? port : null;
  } catch {
    return null;
  }
}

export function rememberPort(files: WebHostFiles, port: number): void {
  const temporary = `${files.port}.${process.pid}.tmp`;
  writeFileSync(temporary, `${port}\n`, { mode: 0o600 });
  renameSync(temporary, files.port);
}
