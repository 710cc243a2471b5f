import { SerialPort } from 'serialport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSerialScanner,
  type SerialScanner,
  type SerialScannerStatus,
} from '../../src-main/scanner/serial-scanner';
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
      reconnectMs: 50,
      now: () => clock,
    });
    scanner.onScan((text) => scans.push(text));
    scanner.onRejected(() => rejected++);
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

describe('serial scanner options: terminators, prefix/suffix, status', () => {
  let pair: PtyPair;
  let device: SerialPort | null;
  let scanner: SerialScanner | null;

  beforeEach(async () => {
    pair = await openPtyPair();
    device = null;
    scanner = null;
  });
  afterEach(async () => {
    await scanner?.stop();
    if (device?.isOpen) await new Promise((resolve) => device?.close(resolve));
    await pair.close();
  });

  async function start(
    options: Partial<Parameters<typeof createSerialScanner>[0]>,
  ): Promise<{ scans: string[]; statuses: SerialScannerStatus[] }> {
    const scans: string[] = [];
    const statuses: SerialScannerStatus[] = [];
    let clock = 0;
    scanner = createSerialScanner({
      path: pair.appPath,
      baud: 9600,
      reconnectMs: 50,
      // Every read is "later" than the last: only the dedupe test wants repeats dropped.
      now: () => (clock += 10_000),
      ...options,
    });
    scanner.onScan((text) => scans.push(text));
    scanner.onStatusChange((status) => statuses.push(status));
    await scanner.start();
    device = await openDevice(pair.devicePath);
    return { scans, statuses };
  }

  it.each([
    ['cr', 'TRN-7K4P9Q\rTRN-8M2N4R\r', ['TRN-7K4P9Q', 'TRN-8M2N4R']],
    ['lf', 'TRN-7K4P9Q\nTRN-8M2N4R\n', ['TRN-7K4P9Q', 'TRN-8M2N4R']],
    ['crlf', 'TRN-7K4P9Q\r\nTRN-8M2N4R\r\n', ['TRN-7K4P9Q', 'TRN-8M2N4R']],
    // A lone CR is part of the scan under crlf (later stripped as a control character).
    ['crlf', 'TRN-7K4\rP9Q\r\n', ['TRN-7K4\rP9Q']],
    ['auto', 'TRN-7K4P9Q\rTRN-8M2N4R\nTRN-3MX8RT\r\n', ['TRN-7K4P9Q', 'TRN-8M2N4R', 'TRN-3MX8RT']],
  ] as const)('terminator %s frames %j', async (terminator, bytes, expected) => {
    const { scans } = await start({ terminator });
    await write(device as SerialPort, bytes);
    await waitFor(() => scans.length === expected.length, `${expected.length} scans`);
    expect(scans).toEqual(expected);
  });

  it('terminator crlf: a CRLF split across two reads still ends one scan', async () => {
    const { scans } = await start({ terminator: 'crlf' });
    await write(device as SerialPort, 'TRN-7K4P9Q\r');
    await new Promise((resolve) => setTimeout(resolve, 30));
    await write(device as SerialPort, '\nTRN-8M2N4R\r\n');
    await waitFor(() => scans.length === 2, 'two scans');
    expect(scans).toEqual(['TRN-7K4P9Q', 'TRN-8M2N4R']);
  });

  it('terminator none: a scan ends after the inter-byte silence', async () => {
    const { scans } = await start({ terminator: 'none', interByteTimeoutMs: 40 });
    // One scan in several writes a few ms apart: one frame, not three.
    for (const part of ['TRN-', '7K4', 'P9Q']) {
      await write(device as SerialPort, part);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await waitFor(() => scans.length === 1, 'first scan');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await write(device as SerialPort, 'TRN-8M2N4R');
    await waitFor(() => scans.length === 2, 'second scan');
    expect(scans).toEqual(['TRN-7K4P9Q', 'TRN-8M2N4R']);
  });

  it('strips a configured prefix and suffix (an AIM id and a tab) when present', async () => {
    const { scans } = await start({ stripPrefix: ']Q1', stripSuffix: '\t' });
    await write(device as SerialPort, ']Q1TRN-7K4P9Q\t\rTRN-8M2N4R\r');
    await waitFor(() => scans.length === 2, 'two scans');
    expect(scans).toEqual(['TRN-7K4P9Q', 'TRN-8M2N4R']);
  });

  it('logs a status listener that throws, and still delivers the scan and tells the others', async () => {
    const logged: string[] = [];
    const { scans, statuses } = await start({ log: (line) => logged.push(line) });
    (scanner as SerialScanner).onStatusChange(() => {
      throw new Error('renderer gone');
    });
    await write(device as SerialPort, 'TRN-7K4P9Q\r');
    await waitFor(() => scans.length === 1, 'a scan');
    expect(statuses.at(-1)?.scans).toBe(1);
    expect(logged).toContain('scanner: status listener failed: renderer gone');
  });

  it('reports status: connected, last read, disconnected on unplug, connected on replug', async () => {
    const { scans, statuses } = await start({});
    const current = () => (scanner as SerialScanner).getStatus();
    expect(current()).toMatchObject({ path: pair.appPath, connected: true, lastReadAt: null });
    await write(device as SerialPort, 'TRN-7K4P9Q\r');
    await waitFor(() => scans.length === 1, 'a scan');
    expect(current().lastReadAt).not.toBeNull();
    expect(current().scans).toBe(1);

    await pair.unplug();
    await waitFor(() => !current().connected, 'disconnected status');
    expect(current().lastError).not.toBeNull();
    await pair.replug();
    await waitFor(() => current().connected, 'connected status');
    device = await openDevice(pair.devicePath);
    await write(device, 'TRN-8M2N4R\r');
    await waitFor(() => scans.length === 2, 'a scan after replug');

    const connectedFlags = statuses.map((status) => status.connected);
    expect(connectedFlags[0]).toBe(true);
    expect(connectedFlags).toContain(false);
    expect(connectedFlags.at(-1)).toBe(true);
    expect(statuses.at(-1)?.scans).toBe(2);
  });
});
