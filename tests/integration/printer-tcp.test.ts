/** The real TCP transport against the printer emulator and against misbehaving servers. */
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTicketPrinter } from '../../src-main/printer/create-ticket-printer';
import type { TicketPrinter } from '../../src-main/printer/ticket-printer';
import { renderTicket } from '../../src-main/printer/ticket-template';
import { makeTempDir } from '../support/temp-dir';
import { startTcpPrinterEmulator, type TcpPrinterEmulator } from '../support/tcp-printer-emulator';
import { sampleTicket } from '../support/ticket-fixtures';

const template = { paperWidth: 80, codePage: 'PC858' } as const;

function tcpPrinter(port: number, dataDir: string, timeoutMs = 2000): TicketPrinter {
  return createTicketPrinter({
    transport: { kind: 'tcp', host: '127.0.0.1', port },
    ...template,
    timeoutMs,
    dataDir,
    statusTimeoutMs: 150,
  });
}

/** A TCP port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A job a box took whole that has not answered status: unconfirmed, with no fault. */
const HANDED_OVER = {
  status: 'unconfirmed',
  failure: null,
  detail: 'the tcp printer took every byte but cannot report whether it printed',
};

describe('TCP ticket printer', () => {
  let emulator: TcpPrinterEmulator;
  let dataDir: ReturnType<typeof makeTempDir>;
  const printers: TicketPrinter[] = [];

  beforeEach(async () => {
    dataDir = makeTempDir('printer-tcp');
    emulator = await startTcpPrinterEmulator();
  });

  afterEach(async () => {
    for (const printer of printers.splice(0)) await printer.close();
    await emulator.close();
    dataDir.remove();
  });

  const open = (port: number, timeoutMs?: number): TicketPrinter => {
    const printer = tcpPrinter(port, dataDir.path, timeoutMs);
    printers.push(printer);
    return printer;
  };

  it('logs a state listener that throws, and still prints and tells the other listeners', async () => {
    const logged: string[] = [];
    const printer = createTicketPrinter({
      transport: { kind: 'tcp', host: '127.0.0.1', port: emulator.port },
      ...template,
      timeoutMs: 2000,
      dataDir: dataDir.path,
      statusTimeoutMs: 150,
      log: (line) => logged.push(line),
    });
    printers.push(printer);
    const seen: string[] = [];
    printer.onStateChange(() => {
      throw new Error('renderer gone');
    });
    printer.onStateChange((state) => seen.push(state));
    expect(await printer.print(sampleTicket())).toEqual({ status: 'printed' });
    await emulator.waitForTicket();
    expect(seen).toContain('printing');
    expect(logged).toContain('printer: a state listener failed: renderer gone');
  });

  it('sends the ticket intact over one kept-open connection that also carries the status', async () => {
    const printer = open(emulator.port);
    expect(printer.transportKind).toBe('tcp');
    expect(await printer.print(sampleTicket())).toEqual({ status: 'printed' });

    const ticket = await emulator.waitForTicket();
    expect(ticket.lines.find((line) => line.width === 8)?.text).toBe('C-014');
    expect(ticket.text).toContain('Ayuntamiento de Villanueva de la Peña');
    expect(ticket.text).toContain('Emitido: 14/03/2025 10:02');
    // Status queries went down the same connection (before and after the job), not in the ticket.
    expect(emulator.connections).toEqual([renderTicket(sampleTicket(), template)]);
    expect(emulator.script.queries).toEqual([1, 2, 4, 1, 2, 4]);
  });

  it('falls back to one connection per job for a box that never answers status', async () => {
    emulator.script.status = 'silent';
    const printer = open(emulator.port);
    // The box took every byte and cannot say more: unconfirmed, with no fault, never "printed".
    expect(await printer.print(sampleTicket())).toEqual(HANDED_OVER);
    expect(await printer.print(sampleTicket({ ticketNumber: 'C-015' }))).toEqual(HANDED_OVER);
    expect(printer.getState()).toBe('unknown');
    // (Status reads between jobs connect too, and send nothing but their queries.)
    expect(emulator.connections.filter((bytes) => bytes.length > 0)).toEqual([
      renderTicket(sampleTicket(), template),
      renderTicket(sampleTicket({ ticketNumber: 'C-015' }), template),
    ]);
  });

  it('prints jobs submitted together one after the other, in order', async () => {
    const printer = open(emulator.port);
    const numbers = ['C-014', 'C-015', 'C-016'];
    const outcomes = await Promise.all(
      numbers.map((ticketNumber) => printer.print(sampleTicket({ ticketNumber }))),
    );
    expect(outcomes).toEqual(numbers.map(() => ({ status: 'printed' })));
    const printed = [];
    for (let i = 0; i < numbers.length; i++) printed.push(await emulator.waitForTicket());
    expect(printed.map((ticket) => ticket.lines.find((line) => line.width === 8)?.text)).toEqual(
      numbers,
    );
    expect(emulator.connections).toHaveLength(1);
  });

  it('reports a refused connection as disconnected', async () => {
    const port = await closedPort();
    const outcome = await open(port).print(sampleTicket());
    expect(outcome).toMatchObject({ status: 'failed', failure: 'disconnected' });
    expect(outcome.status === 'failed' && outcome.detail).toContain(`127.0.0.1:${port}`);
  });

  it('times out on a printer that accepts but never takes the ticket, then recovers', async () => {
    emulator.mode = 'black-hole';
    const printer = open(emulator.port, 300);
    const outcome = await printer.print(sampleTicket());
    // The bytes were handed to the connection: a timeout mid-job is doubt, not "not printed".
    expect(outcome).toMatchObject({ status: 'unconfirmed', failure: 'timeout' });
    expect(outcome.status === 'unconfirmed' && outcome.detail).toContain('accepted the connection');

    emulator.mode = 'print';
    // Taken whole; the box has not answered a status read yet, so nothing confirms it printed.
    expect(await printer.print(sampleTicket({ ticketNumber: 'C-015' }))).toEqual(HANDED_OVER);
    expect((await emulator.waitForTicket()).text).toContain('C-015');
  });
});
