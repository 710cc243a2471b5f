/** The virtual printer: real bytes, decoded for the preview and kept on disk. */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createTicketPrinter,
  type CreateTicketPrinterOptions,
} from '../../src-main/printer/create-ticket-printer';
import { decodeEscPos } from '../../src-main/printer/preview/escpos-decoder';
import { renderTicket } from '../../src-main/printer/ticket-template';
import { makeTempDir } from '../support/temp-dir';
import { sampleTicket } from '../support/ticket-fixtures';

describe('virtual ticket printer', () => {
  let dataDir: ReturnType<typeof makeTempDir>;

  beforeEach(() => {
    dataDir = makeTempDir('virtual-printer');
  });

  afterEach(() => dataDir.remove());

  const virtualPrinter = (options: Partial<CreateTicketPrinterOptions> = {}) =>
    createTicketPrinter({
      transport: { kind: 'virtual' },
      paperWidth: 80,
      codePage: 'PC858',
      timeoutMs: 2000,
      dataDir: dataDir.path,
      ...options,
    });

  it('saves the bytes and their decoded text, and hands the text to the preview', async () => {
    const rendered: Array<{ ticketId: string; text: string }> = [];
    const printer = virtualPrinter({
      onTicketRendered: (ticketId, text) => rendered.push({ ticketId, text }),
    });
    const ticket = sampleTicket();
    expect(printer.transportKind).toBe('virtual');
    expect(await printer.print(ticket)).toEqual({ status: 'printed' });
    await printer.close();

    const dir = join(dataDir.path, 'tickets');
    const base = `2025-03-14_C-014_${ticket.ticketId}`;
    expect(readdirSync(dir).sort()).toEqual([`${base}.bin`, `${base}.svg`, `${base}.txt`]);

    const bytes = readFileSync(join(dir, `${base}.bin`));
    expect(bytes).toEqual(renderTicket(ticket, { paperWidth: 80, codePage: 'PC858' }));
    expect(decodeEscPos(bytes).cuts).toBe(1);

    const text = readFileSync(join(dir, `${base}.txt`), 'utf8');
    const lines = text.split('\n');
    // Centred on 48 columns: (48 - 37) / 2 = 5 spaces before the town hall's name.
    expect(lines[0]).toBe('     Ayuntamiento de Villanueva de la Peña');
    expect(lines).toContain('                     C-014');
    expect(lines).toContain('Trámite: Certificado de empadronamiento');
    expect(lines).toContain('Emitido: 14/03/2025 10:02');
    expect(rendered).toEqual([{ ticketId: ticket.ticketId, text }]);

    const svg = readFileSync(join(dir, `${base}.svg`), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="576"/);
    expect(svg).toContain('>C-014</text>');
  });

  it('keeps ids that are not file-name safe inside the tickets folder', async () => {
    const printer = virtualPrinter({ paperWidth: 58 });
    const outcome = await printer.print(sampleTicket({ ticketId: '../../etc/passwd' }));
    expect(outcome).toEqual({ status: 'printed' });
    expect(readdirSync(join(dataDir.path, 'tickets')).sort()).toEqual([
      '2025-03-14_C-014_______etc_passwd.bin',
      '2025-03-14_C-014_______etc_passwd.svg',
      '2025-03-14_C-014_______etc_passwd.txt',
    ]);
  });

  it('reports a data folder it cannot write as an error, without throwing or calling the hook', async () => {
    const blocker = join(dataDir.path, 'not-a-folder');
    writeFileSync(blocker, 'a file where the data folder should be');
    const rendered: string[] = [];
    const printer = virtualPrinter({
      dataDir: blocker,
      onTicketRendered: (ticketId) => rendered.push(ticketId),
    });
    const outcome = await printer.print(sampleTicket());
    expect(outcome).toMatchObject({ status: 'failed', failure: 'error' });
    expect(rendered).toEqual([]);
  });

  it('still reports printed when the preview listener throws', async () => {
    const printer = virtualPrinter({
      onTicketRendered: () => {
        throw new Error('renderer gone');
      },
    });
    expect(await printer.print(sampleTicket())).toEqual({ status: 'printed' });
  });

  it('logs a state listener that throws, and still prints and tells the other listeners', async () => {
    const logged: string[] = [];
    const printer = virtualPrinter({
      log: (line) => logged.push(line),
    });
    const seen: string[] = [];
    printer.onStateChange(() => {
      throw new Error('renderer gone');
    });
    const unsubscribe = printer.onStateChange((state) => seen.push(state));
    expect(await printer.print(sampleTicket())).toEqual({ status: 'printed' });
    expect(seen).toEqual(['printing', 'ready']);
    expect(logged).toEqual([
      'printer: a state listener failed: renderer gone',
      'printer: a state listener failed: renderer gone',
    ]);
    unsubscribe();
    await printer.print(sampleTicket({ ticketNumber: 'C-015' }));
    expect(seen).toEqual(['printing', 'ready']);
  });
});
