/**
 * Printed, failed or unconfirmed: after a job the kiosk asks the printer whether the ticket came
 * out (process ID response `GS ( H` where the profile has it, the `DLE EOT` status everywhere),
 * on a serial line (socat pty) and on TCP (emulator). Only a printer's confirmation makes a
 * ticket `printed`; bytes that went out without one make it `unconfirmed`, never `failed`, so the
 * kiosk never offers a reprint of a ticket that may be in the tray.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createConfiguredPrinter } from '../../src-main/printer/configured-printer';
import { createTicketPrinter } from '../../src-main/printer/create-ticket-printer';
import type { PrinterProfileName } from '../../src-main/printer/profiles';
import type { TicketPrinter } from '../../src-main/printer/ticket-printer';
import { serialRig, tcpRig, turnNumber, watch, type Rig } from '../support/printer-rigs';
import { startTcpPrinterEmulator } from '../support/tcp-printer-emulator';
import { makeTempDir } from '../support/temp-dir';
import { sampleTicket } from '../support/ticket-fixtures';

describe.each([
  ['serial', serialRig],
  ['tcp', tcpRig],
] as const)('confirming a ticket over %s', (_kind, makeRig) => {
  let rig: Rig | null = null;
  let printer: TicketPrinter | null = null;
  let dataDir: ReturnType<typeof makeTempDir> | null = null;
  const logged: string[] = [];

  /** A started printer on a fresh rig; `prepare` sets the emulator up before the first read. */
  async function startPrinter(
    profile: PrinterProfileName,
    prepare: (rig: Rig) => void = () => undefined,
  ): Promise<{ rig: Rig; printer: TicketPrinter }> {
    dataDir = makeTempDir('printer-confirmation');
    rig = await makeRig();
    prepare(rig);
    logged.length = 0;
    printer = createTicketPrinter({
      transport: rig.transport,
      paperWidth: 80,
      codePage: 'PC858',
      profile,
      // A short response budget: the deadline is this plus the ticket's paper time.
      timeoutMs: 600,
      dataDir: dataDir.path,
      statusPollMs: 60_000,
      statusTimeoutMs: 300,
      log: (line) => logged.push(line),
    });
    await printer.start();
    await watch(printer).until('ready');
    return { rig, printer };
  }

  afterEach(async () => {
    await printer?.close();
    await rig?.close();
    dataDir?.remove();
    printer = null;
    rig = null;
    dataDir = null;
  });

  it('an EPSON ticket is printed once the printer sends back the process ID asked after it', async () => {
    const { rig, printer } = await startPrinter('epson');
    const asked = rig.script.processIdRequests.length;
    expect(await printer.print(sampleTicket())).toEqual({ status: 'printed' });
    expect(turnNumber(await rig.waitForTicket())).toBe('C-014');
    expect(rig.script.processIdRequests).toHaveLength(asked + 1);
  });

  it('a ticket the printer took but never confirmed printing is unconfirmed, not printed', async () => {
    const { rig, printer } = await startPrinter('epson');
    // The printer read every byte (its status answers) but the print never completes.
    rig.script.answersProcessId = false;
    const outcome = await printer.print(sampleTicket());
    expect(outcome, JSON.stringify(outcome)).toMatchObject({
      status: 'unconfirmed',
      failure: 'timeout',
    });
    expect(outcome.status === 'unconfirmed' && outcome.detail).toContain('did not confirm');
    expect(turnNumber(await rig.waitForTicket())).toBe('C-014');
    expect(printer.getState()).toBe('ready');
  });

  it('a printer that stops answering once the ticket is sent leaves it unconfirmed', async () => {
    const { rig, printer } = await startPrinter('epson');
    rig.script.onNextData(() => {
      rig.script.status = 'silent';
    });
    const outcome = await printer.print(sampleTicket());
    expect(outcome, JSON.stringify(outcome)).toMatchObject({
      status: 'unconfirmed',
      failure: 'timeout',
    });
    expect(outcome.status === 'unconfirmed' && outcome.detail).toContain('may have printed');
  });

  it('an EPSON that never answers GS ( H is confirmed by its status, and not asked again', async () => {
    const { rig, printer } = await startPrinter('epson', (rig) => {
      rig.script.answersProcessId = false;
    });
    expect(await printer.print(sampleTicket())).toEqual({ status: 'printed' });
    // Asked while idle (at start and before the first job), never after a ticket.
    const asked = rig.script.processIdRequests.length;
    expect(asked).toBe(2);
    expect(logged.join('\n')).toContain('confirmed by status (DLE EOT) only');
    expect(await printer.print(sampleTicket({ ticketNumber: 'C-015' }))).toEqual({
      status: 'printed',
    });
    expect(rig.script.processIdRequests).toHaveLength(asked);
  });

  it.each(['generic', 'star'] as const)(
    'never sends GS ( H to a %s printer: its status confirms the ticket',
    async (profile) => {
      const { rig, printer } = await startPrinter(profile);
      expect(await printer.print(sampleTicket())).toEqual({ status: 'printed' });
      expect(rig.script.processIdRequests).toEqual([]);
    },
  );
});

describe('the configured printer', () => {
  it('tells the kiosk log when an EPSON does not answer GS ( H', async () => {
    const emulator = await startTcpPrinterEmulator();
    emulator.script.answersProcessId = false;
    const dir = makeTempDir('printer-confirmation-log');
    const logged: string[] = [];
    const printer = createConfiguredPrinter(
      {
        transport: emulator.uri,
        paperWidth: 80,
        codePage: 'PC858',
        profile: 'epson',
        timeoutMs: 1000,
        statusPollSeconds: 60,
        qrUrl: null,
        logoFile: null,
      },
      { dataDir: dir.path, log: (line) => logged.push(line), onTicketRendered: () => undefined },
    );
    try {
      await printer.start();
      expect(await printer.print(sampleTicket())).toEqual({ status: 'printed' });
      expect(logged.join('\n')).toContain('no answer to GS ( H');
    } finally {
      await printer.close();
      await emulator.close();
      dir.remove();
    }
  });
});
