import { SerialPort } from 'serialport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSerialScanner, type SerialScanner } from '../../src-main/scanner/serial-scanner';
import { openPtyPair, type PtyPair } from '../support/pty-pair';

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function openDevice(path: string): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate: 9600 }, (error) =>
      error ? reject(error) : resolve(port),
    );
  });
}

const write = (port: SerialPort, data: string | Buffer) =>
  new Promise<void>((resolve, reject) =>
    port.write(data, (error) => (error ? reject(error) : port.drain(() => resolve()))),
  );

describe('serial scanner over a pseudo-terminal', () => {
  let pair: PtyPair;
  let device: SerialPort;
  let scanner: SerialScanner;
  let scans: string[];
  let rejected: number;
  let clock: number;

  beforeEach(async () => {
    pair = await openPtyPair();
    scans = [];
    rejected = 0;
    clock = 0;
    scanner = createSerialScanner({
      path: pair.appPath,
      baud: 9600,
      onScan: (text) => scans.push(text),
      onRejected: () => rejected++,
      reconnectMs: 50,
      now: () => clock,
    });
    await scanner.start();
    device = await openDevice(pair.devicePath);
  });
  afterEach(async () => {
    await scanner.stop();
    if (device.isOpen) await new Promise((resolve) => device.close(resolve));
    await pair.close();
  });

  it('reads codes terminated by CR and by CRLF', async () => {
    await write(device, 'TRN-7K4P9Q\r');
    clock += 5000;
    await write(device, 'TRN-8M2N4R\r\n');
    await waitFor(() => scans.length === 2, 'two scans');
    expect(scans).toEqual(['TRN-7K4P9Q', 'TRN-8M2N4R']);
    expect(scanner.isConnected()).toBe(true);
  });

  it('drops a scanner repeating the same code at once, but not a later rescan', async () => {
    await write(device, 'TRN-7K4P9Q\rTRN-7K4P9Q\r');
    await waitFor(() => scans.length === 1, 'first scan');
    clock += 5000;
    await write(device, 'TRN-7K4P9Q\r');
    await waitFor(() => scans.length === 2, 'rescan');
    expect(scans).toEqual(['TRN-7K4P9Q', 'TRN-7K4P9Q']);
  });

  it('survives 10 KB of binary noise without a terminator, then reads the next code', async () => {
    const noise = Buffer.from(
      Array.from({ length: 10 * 1024 }, (_, i) => (i * 31 + 7) % 256).map((b) =>
        b === 13 || b === 10 ? 0x41 : b,
      ),
    );
    await write(device, noise);
    await write(device, '\rTRN-7K4P9Q\r');
    await waitFor(() => scans.length === 1, 'scan after noise');
    expect(rejected).toBe(1);
    expect(scans).toEqual(['TRN-7K4P9Q']);
  });

  it('comes back by itself after the scanner is unplugged and plugged in again', async () => {
    await write(device, 'TRN-7K4P9Q\r');
    await waitFor(() => scans.length === 1, 'scan before unplug');
    await pair.unplug();
    await waitFor(() => !scanner.isConnected(), 'scanner to notice the unplug');
    await pair.replug();
    await waitFor(() => scanner.isConnected(), 'scanner to reconnect');
    device = await openDevice(pair.devicePath);
    clock += 5000;
    await write(device, 'TRN-8M2N4R\r');
    await waitFor(() => scans.length === 2, 'scan after replug');
    expect(scans).toEqual(['TRN-7K4P9Q', 'TRN-8M2N4R']);
  });
});
