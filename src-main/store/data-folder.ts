/**
 * The kiosk's data folder: created private to the kiosk's user (0700), and checked to be
 * writable before anything opens a file in it, so a read-only or missing folder is reported in
 * one line instead of as the first library call that happens to fail.
 */
import { accessSync, chmodSync, constants, mkdirSync, statSync } from 'node:fs';
import { DataFolderError } from './startup-errors';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  ENOTDIR: 'a file is in the way',
};

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return `${REASONS[code] ?? 'it cannot be used'}${code ? ` (${code})` : ''}`;
}

export function prepareDataFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new DataFolderError(
      `The data folder ${dir} cannot be created: ${reasonOf(error)}. ` +
        'Set "dataDir" in the configuration to a folder the kiosk user can write.',
    );
  }
  try {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new DataFolderError(
      `The data folder ${dir} is not writable: ${reasonOf(error)}. ` +
        'Give the kiosk user write access to it, or set "dataDir" to another folder.',
    );
  }
  try {
    // Tickets, the outbox and the device credential live here: nobody else may read them.
    chmodSync(dir, 0o700);
  } catch {
    // Not the owner (a shared folder set up by IT): the folder's own permissions stand.
  }
}
