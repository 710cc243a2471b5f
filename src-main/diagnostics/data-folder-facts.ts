/**
 * The data folder as the technician needs to see it: the space left on its file system (what
 * fills first on a kiosk: logs, ticket files, Chromium's profile) and how much the folder holds.
 * Counting a folder with Chromium's profile in it takes a moment, so the size is counted in the
 * background at most once a minute and the panel shows the last count.
 */
import { lstat, readdir, statfs } from 'node:fs/promises';
import { join } from 'node:path';

export interface DiskSpace {
  freeBytes: number;
  totalBytes: number;
}

/** Space left for an unprivileged user (what the kiosk is) and the file system's size. */
export async function diskSpace(dir: string): Promise<DiskSpace> {
  const stats = await statfs(dir);
  return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
}

/** Bytes of every file under `dir`, without following links; unreadable entries count zero. */
export async function folderSize(dir: string): Promise<number> {
  let total = 0;
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop() as string;
    let names: string[];
    try {
      names = await readdir(current);
    } catch {
      continue;
    }
    for (const name of names) {
      const path = join(current, name);
      try {
        const entry = await lstat(path);
        if (entry.isDirectory()) pending.push(path);
        else total += entry.size;
      } catch {
        // Gone meanwhile (a rotated log, a Chromium temporary file).
      }
    }
  }
  return total;
}

/** The folder's size as last counted; a new count starts when the last is older than `maxAgeMs`. */
export class FolderSizeCounter {
  private bytes: number | null = null;
  private countedAt = -Infinity;
  private counting: Promise<void> | null = null;

  constructor(
    private readonly dir: string,
    private readonly maxAgeMs = 60_000,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** The last count (null before the first ended); starts a new one when it is stale. */
  current(): number | null {
    if (this.counting === null && this.nowMs() - this.countedAt >= this.maxAgeMs) {
      this.counting = this.count();
    }
    return this.bytes;
  }

  private async count(): Promise<void> {
    try {
      this.bytes = await folderSize(this.dir);
      this.countedAt = this.nowMs();
    } finally {
      this.counting = null;
    }
  }
}
