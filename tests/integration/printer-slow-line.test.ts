/**
 * A ticket with the raster logo (an EPSON whose logo is not in NV memory yet, or any generic
 * printer) is about 10 KB: at 9600 baud that is more than 10 s on the line, longer than the
 * printer's own response budget (`printer.timeoutMs`). The job must wait for the line, not
 * report a ticket that is still coming out as failed. The printer end of the socat pty pair
 * reads at 960 bytes a second, as a printer on a 9600-baud line receives.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTicketPrinter } from '../../src-main/printer/create-ticket-printer';
import { prepareLogo } from '../../src-main/printer/logo/logo-store';
import type { TicketPrinter } from '../../src-main/printer/ticket-printer';
import { renderTicket, type TicketTemplateOptions } from '../../src-main/printer/ticket-template';
import { sampleLogoPng } from '../support/logo-fixture';
import { serialLine } from '../support/printer-rigs';
import { openPtyPair, type PtyPair } from '../support/pty-pair';
import {
  openSerialPrinterEmulator,
  type SerialPrinterEmulator,
} from '../support/serial-printer-emulator';
import { makeTempDir } from '../support/temp-dir';
import { sampleTicket } from '../support/ticket-fixtures';

const BAUD = 9600;
/** 8N1: ten bits a byte. */
const LINE_BYTES_PER_SECOND = BAUD / 10;

describe('a raster-logo ticket on a 9600-baud serial printer', () => {
  let pair: PtyPair;
  let device: SerialPrinterEmulator;
  let printer: TicketPrinter;
  let dataDir: ReturnType<typeof makeTempDir>;
  const template: TicketTemplateOptions = {
    paperWidth: 80,
    codePage: 'PC858',
    profile: 'epson',
    logo: prepareLogo(sampleLogoPng(), { paperWidth: 80, profile: 'epson', dataDir: null }),
  };

  beforeEach(async () => {
    dataDir = makeTempDir('printer-slow-line');
    pair = await openPtyPair();
    device = await openSerialPrinterEmulator(pair.devicePath, BAUD, {
      bytesPerSecond: LINE_BYTES_PER_SECOND,
    });
    printer = createTicketPrinter({
      transport: serialLine(pair.appPath, BAUD),
      ...template,
      // The configuration's default: the printer's own response budget.
      timeoutMs: 10_000,
      dataDir: dataDir.path,
    });
  });

  afterEach(async () => {
    await printer.close();
    await device.close();
    await pair.close();
    dataDir.remove();
  });

  it('is reported printed once it is through, not failed at the fixed timeout', async () => {
    const ticket = sampleTicket();
    const bytes = renderTicket(ticket, template);
    // More time on the line than the fixed budget: the case that used to fail.
    expect(bytes.length / LINE_BYTES_PER_SECOND).toBeGreaterThan(10);

    const outcome = await printer.print(ticket);

    expect(outcome).toEqual({ status: 'printed' });
    expect(device.received).toEqual(bytes);
    expect(device.tickets).toHaveLength(1);
  }, 60_000);
});
