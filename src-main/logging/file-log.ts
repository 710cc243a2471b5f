/**
 * The kiosk's diagnostic log: timestamped lines appended to `<dataDir>/logs/turnero.log`, rotated
 * at a size limit into a short chain of files (./rotating-file.ts), so a kiosk left alone for
 * months cannot fill its disk. Callers never log scan contents or personal data; every line is
 * redacted on its way in all the same (./redact.ts), since this file is what a technician reads
 * and takes away.
 */
import { appendFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { redact } from './redact';
import { DEFAULT_ROTATION, rotate, type RotationLimits } from './rotating-file';

export type LogLine = (line: string) => void;

/** Where the kiosk's log lives in its data folder. */
export function kioskLogFile(dataDir: string): string {
  return join(dataDir, 'logs', 'turnero.log');
}

export function createFileLog(dataDir: string, limits: RotationLimits = DEFAULT_ROTATION): LogLine {
  const file = kioskLogFile(dataDir);
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    size = 0;
  }
  return (line) => {
    const entry = `${new Date().toISOString()} ${redact(line.replace(/[\r\n]+/g, ' '))}\n`;
    const bytes = Buffer.byteLength(entry);
    try {
      if (size > 0 && size + bytes > limits.maxBytes) {
        rotate(file, limits.files, 'rename');
        size = 0;
      }
      appendFileSync(file, entry);
      size += bytes;
    } catch {
      // A full or read-only disk must not stop check-ins; the console copy still goes out.
    }
  };
}

/** One log function that writes to several. */
export function teeLog(...targets: LogLine[]): LogLine {
  return (line) => {
    for (const target of targets) target(line);
  };
}
