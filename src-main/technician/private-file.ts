/**
 * Small private files of the kiosk (the technician's PIN hash and settings, the device
 * credential, the configuration the first-run wizard writes): readable by the kiosk's user only,
 * and replaced whole (written aside, then renamed) so a power cut leaves the old file or the new
 * one, never half of one. A missing folder is made, private too.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function writePrivateFile(file: string, content: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const aside = `${file}.new`;
  writeFileSync(aside, content, { mode: 0o600 });
  chmodSync(aside, 0o600);
  renameSync(aside, file);
}

/** The file's text, or null when it does not exist. */
export function readPrivateFile(file: string): string | null {
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}
