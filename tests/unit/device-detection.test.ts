/**
 * Device detection on a fake device tree (a folder laid out like /dev, passed in as the root):
 * serial ports with their /dev/serial/by-id names as udev makes them (relative links), USB
 * printer-class devices, and what happens where udev is missing.
 */
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  detectDevices,
  deviceRoot,
  listSerialPorts,
  listUsbPrinters,
  type ListedPort,
} from '../../src-main/setup/device-detection';
import { makeTempDir } from '../support/temp-dir';

const EPSON = 'usb-EPSON_TM-T20III_X6TF012345-if00-port0';
const SCANNER = 'usb-Honeywell_Imaging___Mobility_1900-if00';

describe('device detection', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let dev: string;
  beforeEach(() => {
    dir = makeTempDir('devtree');
    dev = join(dir.path, 'dev');
    mkdirSync(join(dev, 'serial', 'by-id'), { recursive: true });
    mkdirSync(join(dev, 'usb'), { recursive: true });
    for (const tty of ['ttyUSB0', 'ttyACM0', 'ttyS0']) writeFileSync(join(dev, tty), '');
    // udev's links are relative: ../../ttyUSB0.
    symlinkSync('../../ttyUSB0', join(dev, 'serial', 'by-id', EPSON));
    symlinkSync('../../ttyACM0', join(dev, 'serial', 'by-id', SCANNER));
  });
  afterEach(() => dir.remove());

  const listed = (ports: ListedPort[]) => async () => ports;

  it('offers each serial port under its stable by-id path, with the device and maker', async () => {
    const ports = await listSerialPorts({
      devRoot: dev,
      listPorts: listed([
        { path: '/dev/ttyS0' },
        { path: '/dev/ttyUSB0', manufacturer: 'EPSON' },
        { path: '/dev/ttyACM0', manufacturer: 'Honeywell' },
      ]),
    });
    expect(ports).toEqual([
      {
        path: join(dev, 'serial', 'by-id', EPSON),
        device: '/dev/ttyUSB0',
        byIdName: EPSON,
        manufacturer: 'EPSON',
      },
      {
        path: join(dev, 'serial', 'by-id', SCANNER),
        device: '/dev/ttyACM0',
        byIdName: SCANNER,
        manufacturer: 'Honeywell',
      },
      // A built-in port has no by-id name: offered by its device path.
      { path: '/dev/ttyS0', device: '/dev/ttyS0', byIdName: null, manufacturer: null },
    ]);
  });

  it('still offers the by-id links when serialport cannot list (no udevadm in a container)', async () => {
    const ports = await listSerialPorts({
      devRoot: dev,
      listPorts: async () => {
        throw Object.assign(new Error('spawn udevadm ENOENT'), { code: 'ENOENT' });
      },
    });
    expect(ports.map((port) => [port.byIdName, port.device])).toEqual([
      [EPSON, join(dev, 'ttyUSB0')],
      [SCANNER, join(dev, 'ttyACM0')],
    ]);
  });

  it('follows absolute links too (a pseudo-terminal elsewhere)', async () => {
    writeFileSync(join(dir.path, 'ttyApp'), '');
    symlinkSync(join(dir.path, 'ttyApp'), join(dev, 'serial', 'by-id', 'usb-Star_TSP143-if00'));
    const ports = await listSerialPorts({ devRoot: dev, listPorts: listed([]) });
    expect(ports.find((port) => port.byIdName === 'usb-Star_TSP143-if00')?.device).toBe(
      join(dir.path, 'ttyApp'),
    );
  });

  it('lists USB printers /dev/usb/lp* only, saying whether the kiosk may write to them', async () => {
    writeFileSync(join(dev, 'usb', 'lp0'), '');
    writeFileSync(join(dev, 'usb', 'lp1'), '');
    writeFileSync(join(dev, 'usb', 'hiddev0'), '');
    const readOnly = join(dev, 'usb', 'lp1');
    chmodSync(readOnly, 0o444);
    const printers = await listUsbPrinters({ devRoot: dev });
    expect(printers.map((printer) => printer.path)).toEqual([
      join(dev, 'usb', 'lp0'),
      join(dev, 'usb', 'lp1'),
    ]);
    expect(printers[0]?.writable).toBe(true);
    // root may write anywhere: the flag only means something for the kiosk's own user.
    if (process.getuid?.() !== 0) expect(printers[1]?.writable).toBe(false);
  });

  it('finds nothing, without failing, on a machine with no such folders', async () => {
    const empty = join(dir.path, 'empty-dev');
    mkdirSync(empty);
    expect(await detectDevices({ devRoot: empty, listPorts: listed([]) })).toEqual({
      serialPorts: [],
      usbPrinters: [],
    });
  });

  it('looks in /dev unless TURNERO_DEVICE_ROOT says otherwise', () => {
    expect(deviceRoot({})).toBe('/dev');
    expect(deviceRoot({ TURNERO_DEVICE_ROOT: dev })).toBe(dev);
  });
});
