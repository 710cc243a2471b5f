/**
 * Finds the USB stick a technician plugged in: desktop automounters put removable media under
 * `/media/<user>/<label>` (Debian, Ubuntu) or `/run/media/<user>/<label>` (Fedora, Arch). A volume
 * is a folder there that is a mount point (another device than its parent) and that the kiosk's
 * user can write.
 */
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';

export interface UsbVolume {
  /** The folder's name: the stick's label as the automounter named it. */
  name: string;
  path: string;
}

export interface UsbSearch {
  /** Folders whose subfolders may be mounted sticks. */
  roots: readonly string[];
  /** Whether a folder is a mount point (default: on another device than its parent). */
  isMountPoint?: (dir: string) => boolean;
}

export function defaultUsbRoots(user: string = userInfo().username): string[] {
  return [join('/media', user), join('/run/media', user)];
}

function onOwnDevice(dir: string): boolean {
  try {
    return statSync(dir).dev !== statSync(dirname(dir)).dev;
  } catch {
    return false;
  }
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first writable mounted volume under the roots, in name order; null when none. */
export function findUsbVolume(search: UsbSearch): UsbVolume | null {
  const isMountPoint = search.isMountPoint ?? onOwnDevice;
  for (const root of search.roots) {
    let names: string[];
    try {
      names = readdirSync(root).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const path = join(root, name);
      try {
        if (!statSync(path).isDirectory()) continue;
      } catch {
        continue;
      }
      if (isMountPoint(path) && writable(path)) return { name, path };
    }
  }
  return null;
}
