/**
 * A log file another process writes (Chromium's output, which the web host captures): opened in
 * append mode after the previous launch's output is moved down the chain, then watched, and
 * rotated by copy-and-truncate whenever it passes its size cap. Append mode is what makes the
 * truncation safe: the writer's next line lands at the new end, not at its old offset.
 */
import { openSync, statSync } from 'node:fs';
import { errorText } from './error-text';
import { rotate, type RotationLimits } from './rotating-file';

/** How often the file's size is looked at: Chromium writes little, but without end. */
export const CAP_CHECK_MS = 30_000;

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** The previous output moved to `.1` (and older ones down), a fresh file opened for appending. */
export function openFreshLog(file: string, limits: RotationLimits): number {
  if (sizeOf(file) > 0) rotate(file, limits.files, 'rename');
  return openSync(file, 'a', 0o600);
}

/** Rotates the file once it is over its cap; the answer stops watching. */
export function capLogFile(
  file: string,
  limits: RotationLimits,
  log: (line: string) => void,
  everyMs = CAP_CHECK_MS,
): () => void {
  const check = (): void => {
    if (sizeOf(file) <= limits.maxBytes) return;
    try {
      rotate(file, limits.files, 'copy-truncate');
    } catch (error) {
      log(`cannot rotate ${file}: ${errorText(error)}`);
    }
  };
  check();
  const timer = setInterval(check, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
