/**
 * The real serial transport (serialport) over a socat pseudo-terminal pair: the kiosk opens one
 * end as it would open /dev/ttyUSB0, the test reads the other end as the printer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTicketPrinter } from '../../src-main/printer/create-ticket-printer';
import type { TicketPrinter } from '../../src-main/printer/ticket-printer';
import { renderTicket } from '../../src-main/printer/ticket-template';
import { serialLine } from '../support/printer-rigs';
import { openPtyPair, type PtyPair } from '../support/pty-pair';
import {
  openSerialPrinterEmulator,
  type SerialPrinterEmulator,
} from '../support/serial-printer-emulator';
import { makeTempDir } from '../support/temp-dir';
import { sampleTicket } from '../support/ticket-fixtures';

const template = { paperWidth: 80, codePage: 'PC858' } as const;

function serialPrinter(path: string, dataDir: string): TicketPrinter {
  return createTicketPrinter({
    transport: serialLine(path),
    ...template,
    timeoutMs: 2000,
    dataDir,
  });
}

describe('serial ticket printer', () => {
  let pair: PtyPair;
  let device: SerialPrinterEmulator;
  let printer: TicketPrinter;
  let dataDir: ReturnType<typeof makeTempDir>;

  beforeEach(async () => {
    dataDir = makeTempDir('printer-serial');
    pair = await openPtyPair();
    device = await openSerialPrinterEmulator(pair.devicePath);
    printer = serialPrinter(pair.appPath, dataDir.path);
  });

  afterEach(async () => {
    await printer.close();
    await device.close();
    await pair.close();
    dataDir.remove();
  });

  it('prints tickets that arrive byte for byte and decode back', async () => {
    const first = sampleTicket();
    const second = sampleTicket({ ticketNumber: 'C-015', appointmentTime: null, language: 'en' });
    expect(printer.transportKind).toBe('serial');

    expect(await printer.print(first)).toEqual({ status: 'printed' });
    const ticket = await device.waitForTicket();
    expect(ticket.cuts).toBe(1);
    expect(ticket.lines.find((line) => line.width === 8)?.text).toBe('C-014');
    expect(ticket.text).toContain('Ayuntamiento de Villanueva de la Peña');
    expect(ticket.text).toContain('Trámite: Certificado de empadronamiento');

    expect(await printer.print(second)).toEqual({ status: 'printed' });
    const next = await device.waitForTicket();
    expect(next.lines.find((line) => line.width === 8)?.text).toBe('C-015');
    expect(next.text).toContain('No appointment');

    // Nothing lost or added on the line.
    expect(device.received).toEqual(
      Buffer.concat([renderTicket(first, template), renderTicket(second, template)]),
    );
  });

  it('reports a port that does not exist as disconnected, without throwing', async () => {
    const missing = serialPrinter('/dev/turnero-no-such-tty', dataDir.path);
    const outcome = await missing.print(sampleTicket());
    await missing.close();
    expect(outcome).toMatchObject({ status: 'failed', failure: 'disconnected' });
    expect(outcome.status === 'failed' && outcome.detail).toContain('/dev/turnero-no-such-tty');
  });
});

/** A socat pair at fixed paths, so a "replugged" printer comes back under the same name. */
async function socatAt(appPath: string, devicePath: string): Promise<ChildProcess> {
  const socat = spawn(
    'socat',
    [`pty,raw,echo=0,link=${appPath}`, `pty,raw,echo=0,link=${devicePath}`],
    {
      stdio: 'ignore',
    },
  );
  const deadline = Date.now() + 5000;
  while (!(existsSync(appPath) && existsSync(devicePath))) {
    if (Date.now() > deadline) throw new Error('socat did not create the ptys');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return socat;
}

async function unplug(socat: ChildProcess, appPath: string): Promise<void> {
  socat.kill('SIGTERM');
  while (existsSync(appPath)) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('serial ticket printer, unplugged and plugged back', () => {
  it('fails while the printer is gone and reopens the port when it returns', async () => {
    const dir = makeTempDir('printer-replug');
    const appPath = join(dir.path, 'ttyPrinter');
    const devicePath = join(dir.path, 'ttyDevice');
    const printer = serialPrinter(appPath, dir.path);
    let socat = await socatAt(appPath, devicePath);
    try {
      let device = await openSerialPrinterEmulator(devicePath);
      expect(await printer.print(sampleTicket())).toEqual({ status: 'printed' });
      expect((await device.waitForTicket()).text).toContain('C-014');
      await device.close();

      await unplug(socat, appPath);
      const whileGone = await printer.print(sampleTicket({ ticketNumber: 'C-015' }));
      expect(whileGone, JSON.stringify(whileGone)).toMatchObject({
        status: 'failed',
        failure: 'disconnected',
      });

      socat = await socatAt(appPath, devicePath);
      device = await openSerialPrinterEmulator(devicePath);
      expect(await printer.print(sampleTicket({ ticketNumber: 'C-016' }))).toEqual({
        status: 'printed',
      });
      expect((await device.waitForTicket()).text).toContain('C-016');
      await device.close();
    } finally {
      await printer.close();
      socat.kill('SIGTERM');
      dir.remove();
    }
  });
});
