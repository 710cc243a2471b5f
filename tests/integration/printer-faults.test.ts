/**
 * The faults a lobby printer has, on a serial line (socat pty) and on TCP (emulator), each ending
 * with the job's outcome, the state the kiosk saw, and printing working again once the fault
 * clears, with the same printer object (no restart). Poll intervals and timeouts are small; the
 * assertions are about outcomes and states, never about durations.
 */
import { execFileSync } from 'node:child_process';
import { constants, openSync } from 'node:fs';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTicketPrinter } from '../../src-main/printer/create-ticket-printer';
import type { TicketPrinter } from '../../src-main/printer/ticket-printer';
import { serialRig, tcpRig, turnNumber, watch, type Rig } from '../support/printer-rigs';
import { makeTempDir } from '../support/temp-dir';
import { sampleTicket } from '../support/ticket-fixtures';

describe.each([
  ['serial', serialRig],
  ['tcp', tcpRig],
] as const)('printer faults over %s', (_kind, makeRig) => {
  let rig: Rig;
  let printer: TicketPrinter;
  let states: ReturnType<typeof watch>;
  let dataDir: ReturnType<typeof makeTempDir>;

  beforeEach(async () => {
    dataDir = makeTempDir('printer-faults');
    rig = await makeRig();
    printer = createTicketPrinter({
      transport: rig.transport,
      paperWidth: 80,
      codePage: 'PC858',
      timeoutMs: 1500,
      dataDir: dataDir.path,
      statusPollMs: 40,
      // Generous next to the sub-millisecond round trip, so a loaded CI machine is not "silent".
      statusTimeoutMs: 300,
      silentReadsBeforeOffline: 2,
    });
    states = watch(printer);
    await printer.start();
    await states.until('ready');
  });

  afterEach(async () => {
    await printer.close();
    await rig.close();
    dataDir.remove();
  });

  /** The fault has cleared: the same printer object prints again. */
  async function printsAgain(ticketNumber: string): Promise<void> {
    await states.until('ready');
    expect(await printer.print(sampleTicket({ ticketNumber }))).toEqual({ status: 'printed' });
    let ticket = await rig.waitForTicket();
    // A ticket cut short by the fault may still be in the capture: skip to ours.
    while (turnNumber(ticket) !== ticketNumber) ticket = await rig.waitForTicket();
    expect(ticket.cuts).toBe(1);
  }

  it('paper out before a print: fails at once, sends nothing, prints again with paper', async () => {
    const before = rig.receivedBytes();
    rig.script.status = 'paper-out';
    // No waiting for a poll: the status read right before the job must catch it.
    const outcome = await printer.print(sampleTicket());
    expect(outcome).toMatchObject({ status: 'failed', failure: 'paper-out' });
    expect(outcome.status === 'failed' && outcome.detail).toContain('not sent');
    expect(rig.receivedBytes()).toBe(before);
    expect(printer.getState()).toBe('paper-out');
    expect(states.seen).toContain('paper-out');
    expect(states.seen).not.toContain('printing');

    rig.script.status = 'ok';
    await printsAgain('C-015');
    expect(states.seen.slice(-2)).toEqual(['printing', 'ready']);
  });

  it('cover opened mid-job: unconfirmed with cover-open, and prints once it is closed', async () => {
    rig.script.onNextData(() => {
      rig.script.status = 'cover-open';
    });
    const outcome = await printer.print(sampleTicket());
    // Part of the ticket may be out, and the rest comes out once the cover is closed: not a
    // definite "not printed", so no automatic reprint.
    expect(outcome).toMatchObject({ status: 'unconfirmed', failure: 'cover-open' });
    expect(rig.receivedBytes()).toBeGreaterThan(0);
    expect(states.seen).toEqual(expect.arrayContaining(['printing', 'cover-open']));
    expect(printer.getState()).toBe('cover-open');

    // Still open: the next citizen's ticket is not sent.
    expect(await printer.print(sampleTicket({ ticketNumber: 'C-015' }))).toMatchObject({
      status: 'failed',
      failure: 'cover-open',
    });

    rig.script.status = 'ok';
    await printsAgain('C-016');
  });

  it('cable pulled mid-job: unconfirmed, disconnected, and back without a restart when replugged', async () => {
    rig.script.onNextData(() => {
      rig.script.status = 'silent';
      void rig.unplug();
    });
    const outcome = await printer.print(sampleTicket());
    // Bytes went out before the cable did: the ticket may be in the tray.
    expect(outcome, JSON.stringify(outcome)).toMatchObject({
      status: 'unconfirmed',
      failure: 'disconnected',
    });
    await states.until('disconnected');

    // While it is out, a job fails at once.
    expect(await printer.print(sampleTicket({ ticketNumber: 'C-015' }))).toMatchObject({
      status: 'failed',
      failure: 'disconnected',
    });

    await rig.replug();
    rig.script.status = 'ok';
    await printsAgain('C-016');
    expect(states.seen).toEqual(expect.arrayContaining(['disconnected', 'ready']));
  });

  it('a printer that stops answering: offline after two silent polls, back when it answers', async () => {
    rig.script.status = 'silent';
    await states.until('offline');
    const before = rig.receivedBytes();
    const outcome = await printer.print(sampleTicket());
    expect(outcome).toMatchObject({ status: 'failed', failure: 'offline' });
    expect(outcome.status === 'failed' && outcome.detail).toContain('not answered');
    expect(rig.receivedBytes()).toBe(before);

    rig.script.status = 'ok';
    await printsAgain('C-015');
  });

  it('ignores unsolicited bytes, and prints on paper near end while saying so', async () => {
    rig.script.noiseBeforeReplies = Buffer.from([0x13, 0x11, 0x10, 0x00, 0x00, 0x00]);
    await rig.sendUnsolicited(Buffer.from([0x13, 0x11]));
    rig.script.status = 'paper-near-end';
    await states.until('paper-near-end');
    expect(await printer.print(sampleTicket())).toEqual({ status: 'printed' });
    expect(turnNumber(await rig.waitForTicket())).toBe('C-014');
    expect(printer.getState()).toBe('paper-near-end');
    expect(states.seen).toEqual(expect.arrayContaining(['printing', 'paper-near-end']));
  });
});

describe('printers that cannot report status', () => {
  it('a USB printer-class device is unknown, never ready, and disconnected when it is gone', async () => {
    const dir = makeTempDir('printer-faults-usblp');
    const path = join(dir.path, 'lp0');
    execFileSync('mkfifo', [path]);
    const printer = createTicketPrinter({
      transport: { kind: 'usblp', path },
      paperWidth: 80,
      codePage: 'PC858',
      timeoutMs: 500,
      dataDir: dir.path,
      statusPollMs: 40,
    });
    const states = watch(printer);
    try {
      // A FIFO with no reader is a device node with no printer behind it (ENXIO).
      await printer.start();
      expect(printer.getState()).toBe('disconnected');
      expect(await printer.print(sampleTicket())).toMatchObject({
        status: 'failed',
        failure: 'disconnected',
      });

      // The printer is plugged in: the next poll opens it; its state is still not "ready".
      const reader = new Socket({
        fd: openSync(path, constants.O_RDONLY | constants.O_NONBLOCK),
        readable: true,
        writable: false,
      });
      reader.on('data', () => undefined);
      try {
        await states.until('unknown');
        // It took every byte but cannot say whether the ticket came out: never "printed".
        expect(await printer.print(sampleTicket())).toMatchObject({
          status: 'unconfirmed',
          failure: null,
        });
        expect(printer.getState()).toBe('unknown');
        expect(states.seen).not.toContain('ready');
      } finally {
        reader.destroy();
      }
    } finally {
      await printer.close();
      dir.remove();
    }
  });

  it('the virtual printer is ready', async () => {
    const dir = makeTempDir('printer-faults-virtual');
    const printer = createTicketPrinter({
      transport: { kind: 'virtual' },
      paperWidth: 80,
      codePage: 'PC858',
      timeoutMs: 500,
      dataDir: dir.path,
    });
    await printer.start();
    expect(printer.getState()).toBe('ready');
    await printer.close();
    dir.remove();
  });
});
