/**
 * What the wizard finds plugged in: serial ports (serialport's list, with the stable names udev
 * gives them under /dev/serial/by-id) and USB printer-class devices (/dev/usb/lp*). The device
 * tree's root is a parameter, so tests (and a container that mounts the host's /dev elsewhere)
 * pass another one; `TURNERO_DEVICE_ROOT` sets it for a whole kiosk.
 *
 * A by-id link is what the configuration should name: `/dev/ttyUSB0` may become `/dev/ttyUSB1`
 * after a reboot or a replug, the by-id name (maker, model, serial number) does not. A by-id link
 * whose device serialport did not list is still offered: serialport's list needs udev, which a
 * container may not have.
 */
import { constants } from 'node:fs';
import { access, readdir, readlink } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { SerialPort } from 'serialport';
import type {
  DetectedDevices,
  DetectedSerialPort,
  DetectedUsbPrinter,
} from '../../src-shared/contract/setup';

/** What serialport's `SerialPort.list()` answers that we use. */
export interface ListedPort {
  path: string;
  manufacturer?: string | undefined;
}

export interface DeviceDetectionOptions {
  /** The device tree (default `/dev`, or TURNERO_DEVICE_ROOT). */
  devRoot?: string;
  /** serialport's list (tests pass their own). */
  listPorts?: () => Promise<ListedPort[]>;
}

/** The device tree a kiosk looks in. */
export function deviceRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.TURNERO_DEVICE_ROOT || '/dev';
}

/** Entries of a folder; none when it does not exist (no USB serial device ever plugged in). */
async function entriesOf(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}

/** `name → where its link points`, targets made absolute. */
async function linksIn(
  dir: string,
): Promise<Array<{ name: string; path: string; target: string }>> {
  const links = [];
  for (const name of await entriesOf(dir)) {
    const path = join(dir, name);
    try {
      const target = await readlink(path);
      links.push({ name, path, target: isAbsolute(target) ? target : resolve(dir, target) });
    } catch {
      // Not a link: udev puts only links there.
    }
  }
  return links;
}

/**
 * The same device whichever way it is written: a path under the device root is compared by its
 * place in the tree, so `/dev/ttyUSB0` from serialport matches `<root>/ttyUSB0` from a link.
 */
function deviceKey(path: string, root: string): string {
  const inside = relative(root, path);
  return inside.startsWith('..') || isAbsolute(inside) ? path : `dev:${inside}`;
}

async function safeList(listPorts: () => Promise<ListedPort[]>): Promise<ListedPort[]> {
  try {
    return await listPorts();
  } catch {
    return [];
  }
}

export async function listSerialPorts(
  options: DeviceDetectionOptions = {},
): Promise<DetectedSerialPort[]> {
  const root = options.devRoot ?? deviceRoot();
  const listed = await safeList(options.listPorts ?? (() => SerialPort.list()));
  const links = await linksIn(join(root, 'serial', 'by-id'));
  const ports: DetectedSerialPort[] = [];
  const seen = new Set<string>();
  for (const link of links) {
    const key = deviceKey(link.target, root);
    const match = listed.find((port) => deviceKey(port.path, '/dev') === key);
    seen.add(key);
    ports.push({
      path: link.path,
      device: match?.path ?? link.target,
      byIdName: link.name,
      manufacturer: match?.manufacturer ?? null,
    });
  }
  for (const port of listed) {
    if (seen.has(deviceKey(port.path, '/dev'))) continue;
    ports.push({
      path: port.path,
      device: port.path,
      byIdName: null,
      manufacturer: port.manufacturer ?? null,
    });
  }
  return ports.slice(0, 64);
}

export async function listUsbPrinters(
  options: Pick<DeviceDetectionOptions, 'devRoot'> = {},
): Promise<DetectedUsbPrinter[]> {
  const dir = join(options.devRoot ?? deviceRoot(), 'usb');
  const printers: DetectedUsbPrinter[] = [];
  for (const name of await entriesOf(dir)) {
    if (!/^lp\d+$/.test(name)) continue;
    const path = join(dir, name);
    const writable = await access(path, constants.W_OK).then(
      () => true,
      () => false,
    );
    printers.push({ path, writable });
  }
  return printers.slice(0, 16);
}

export async function detectDevices(
  options: DeviceDetectionOptions = {},
): Promise<DetectedDevices> {
  const [serialPorts, usbPrinters] = await Promise.all([
    listSerialPorts(options),
    listUsbPrinters(options),
  ]);
  return { serialPorts, usbPrinters };
}
