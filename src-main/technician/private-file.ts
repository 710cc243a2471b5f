/**
 * Small files of the technician mode in the data folder (the PIN hash, the technician's
 * settings): readable by the kiosk's user only, and replaced whole (written aside, then renamed)
 * so a power cut leaves the old file or the new one, never half of one.
 */
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export function writePrivateFile(file: string, content: string): void {
  const aside = `${file}.new`;
  writeFileSync(aside, content, { mode: 0o600 });
  chmodSync(aside, 0o600);
  renameSync(aside, file);
}

/** The file's text, or null when it does not exist. */
export function readPrivateFile(file: string): string | null {
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}
