/**
 * Size-capped log files kept as a short chain: `name` (being written), `name.1` (the newest full
 * one) … `name.<files-1>` (the oldest). At most `files × maxBytes` on disk, whatever the kiosk
 * runs for. Shared by the kiosk's own log and the capture of Chromium's output.
 */
import { copyFileSync, renameSync, rmSync, truncateSync } from 'node:fs';

export interface RotationLimits {
  /** Size at which the file being written is rotated. */
  maxBytes: number;
  /** Files kept, the one being written included (at least 2). */
  files: number;
}

export const DEFAULT_ROTATION: RotationLimits = { maxBytes: 5 * 1024 * 1024, files: 5 };

/** The chain's names, the file being written first, then the older ones, newest first. */
export function rotationChain(file: string, files: number): string[] {
  return Array.from({ length: Math.max(1, files) }, (_, index) =>
    index === 0 ? file : `${file}.${index}`,
  );
}

/**
 * Moves every older file one step down the chain (dropping the oldest) and puts the current
 * content at `.1`: by renaming the file when only we write it, or by copying and truncating it
 * when another process (Chromium) holds it open in append mode and keeps writing.
 */
export function rotate(file: string, files: number, how: 'rename' | 'copy-truncate'): void {
  const chain = rotationChain(file, files);
  rmSync(chain.at(-1) as string, { force: true });
  for (let index = chain.length - 1; index > 1; index--) {
    try {
      renameSync(chain[index - 1] as string, chain[index] as string);
    } catch {
      // A gap in the chain (a file removed by hand): nothing to move.
    }
  }
  if (chain.length < 2) {
    truncateSync(file, 0);
  } else if (how === 'rename') {
    renameSync(file, chain[1] as string);
  } else {
    copyFileSync(file, chain[1] as string);
    truncateSync(file, 0);
  }
}
