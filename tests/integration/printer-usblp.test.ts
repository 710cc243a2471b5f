/**
 * The USB printer-class transport, played by a named pipe: like /dev/usb/lp0 it is a character
 * stream opened without O_CREAT, and a write-only non-blocking open fails with ENXIO while
 * nothing is at the other end.
 */
import { execFileSync } from 'node:child_process';
import { constants, openSync } from 'node:fs';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTicketPrinter } from '../../src-main/printer/create-ticket-printer';
import type { TicketPrinter } from '../../src-main/printer/ticket-printer';
import { TicketCapture } from '../support/escpos-capture';
import { makeTempDir } from '../support/temp-dir';
import { sampleTicket } from '../support/ticket-fixtures';

/** The printer end of the pipe, read through libuv so the test never blocks a thread. */
function openReader(path: string): { capture: TicketCapture; close: () => Promise<void> } {
  const capture = new TicketCapture();
  const feed = capture.stream();
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const socket = new Socket({ fd, readable: true, writable: false });
  socket.on('data', feed);
  socket.on('error', () => undefined);
  return {
    capture,
    close: () =>
      new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.destroy();
      }),
  };
}

/** A job the device took whole: unconfirmed, with no fault (usblp cannot read status). */
const HANDED_OVER = {
  status: 'unconfirmed',
  failure: null,
  detail: 'the usblp printer took every byte but cannot report whether it printed',
};

describe('USB printer-class ticket printer', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let devicePath: string;
  let printer: TicketPrinter;

  beforeEach(() => {
    dir = makeTempDir('printer-usblp');
    devicePath = join(dir.path, 'lp0');
    execFileSync('mkfifo', [devicePath]);
    printer = createTicketPrinter({
      transport: { kind: 'usblp', path: devicePath },
      paperWidth: 80,
      codePage: 'PC858',
      timeoutMs: 1000,
      dataDir: dir.path,
    });
  });

  afterEach(async () => {
    await printer.close();
    dir.remove();
  });

  it('writes the ticket to the device', async () => {
    const reader = openReader(devicePath);
    try {
      expect(printer.transportKind).toBe('usblp');
      // Every byte went to the device, which cannot say whether it printed: never "printed".
      expect(await printer.print(sampleTicket())).toEqual(HANDED_OVER);
      const ticket = await reader.capture.waitForTicket();
      expect(ticket.text).toContain('Ayuntamiento de Villanueva de la Peña');
      expect(ticket.lines.find((line) => line.width === 8)?.text).toBe('C-014');
    } finally {
      await reader.close();
    }
  });

  it('reports a missing device or one with no printer behind it as disconnected', async () => {
    // Nobody has the pipe open: ENXIO, like a device node whose printer went away.
    expect(await printer.print(sampleTicket())).toMatchObject({
      status: 'failed',
      failure: 'disconnected',
    });
    const missing = createTicketPrinter({
      transport: { kind: 'usblp', path: join(dir.path, 'lp9') },
      paperWidth: 80,
      codePage: 'PC858',
      timeoutMs: 1000,
      dataDir: dir.path,
    });
    expect(await missing.print(sampleTicket())).toMatchObject({
      status: 'failed',
      failure: 'disconnected',
    });
    await missing.close();
  });

  it('reopens the device after the printer went away and came back', async () => {
    const first = openReader(devicePath);
    expect(await printer.print(sampleTicket())).toEqual(HANDED_OVER);
    await first.capture.waitForTicket();
    await first.close();
    // The kept-open handle now writes into a pipe with no reader: EPIPE.
    expect(await printer.print(sampleTicket({ ticketNumber: 'C-015' }))).toMatchObject({
      status: 'failed',
      failure: 'disconnected',
    });
    const second = openReader(devicePath);
    try {
      expect(await printer.print(sampleTicket({ ticketNumber: 'C-016' }))).toEqual(HANDED_OVER);
      expect((await second.capture.waitForTicket()).text).toContain('C-016');
    } finally {
      await second.close();
    }
  });
});
