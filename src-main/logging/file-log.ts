/**
 * The kiosk's diagnostic log: timestamped lines appended to `<dataDir>/logs/turnero.log`, rotated
 * at a size limit so a kiosk left alone for months cannot fill its disk. Callers never log scan
 * contents or personal data; this file is what a technician reads.
 */
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type LogLine = (line: string) => void;

export function createFileLog(dataDir: string, maxBytes = 5 * 1024 * 1024): LogLine {
  const dir = join(dataDir, 'logs');
  const file = join(dir, 'turnero.log');
  mkdirSync(dir, { recursive: true });
  let size = 0;
  try {
    size = statSync(file).size;
  } catch {
    size = 0;
  }
  return (line) => {
    const entry = `${new Date().toISOString()} ${line.replace(/[\r\n]+/g, ' ')}\n`;
    try {
      if (size + entry.length > maxBytes) {
        renameSync(file, `${file}.1`);
        size = 0;
      }
      appendFileSync(file, entry);
      size += Buffer.byteLength(entry);
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
