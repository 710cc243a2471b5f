/**
 * A printer without hardware: renders the real ESC/POS bytes, reads them back with the decoder,
 * keeps both on disk (`<dataDir>/tickets/<day>_<number>_<id>.txt|.bin`) and hands the text to the
 * on-screen preview. What the preview shows is what a real printer would have received.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toLocalDateTime } from '../../src-shared/domain/site-time';
import { decodeEscPos, formatDecodedText } from './escpos-decoder';
import type { PrintOutcome, TicketPrintData, TicketPrinter } from './ticket-printer';
import { PAPER_COLUMNS, renderTicket, type TicketTemplateOptions } from './ticket-template';

export interface VirtualPrinterOptions extends TicketTemplateOptions {
  dataDir: string;
  onTicketRendered?: (ticketId: string, text: string) => void;
}

/** Keeps file names to letters, digits and dashes whatever the ids contain. */
const safe = (value: string): string => value.replace(/[^A-Za-z0-9-]/g, '_');

/** `<issued site-local day>_<number>_<ticket id>`, without extension. */
export function ticketFileBaseName(ticket: TicketPrintData): string {
  const { day } = toLocalDateTime(ticket.issuedAt, ticket.timeZone);
  return `${day}_${safe(ticket.ticketNumber)}_${safe(ticket.ticketId)}`;
}

export function ticketsDir(dataDir: string): string {
  return join(dataDir, 'tickets');
}

export function createVirtualPrinter(options: VirtualPrinterOptions): TicketPrinter {
  const columns = PAPER_COLUMNS[options.paperWidth];
  return {
    transportKind: 'virtual',
    async print(ticket: TicketPrintData): Promise<PrintOutcome> {
      let text: string;
      try {
        const bytes = renderTicket(ticket, options);
        text = `${formatDecodedText(decodeEscPos(bytes), columns)}\n`;
        const dir = ticketsDir(options.dataDir);
        const base = join(dir, ticketFileBaseName(ticket));
        await mkdir(dir, { recursive: true });
        await writeFile(`${base}.bin`, bytes);
        await writeFile(`${base}.txt`, text, 'utf8');
      } catch (error) {
        return {
          status: 'failed',
          failure: 'error',
          detail: `virtual printer: ${error instanceof Error ? error.message : String(error)}`,
        };
      }
      try {
        options.onTicketRendered?.(ticket.ticketId, text);
      } catch {
        // The preview is a courtesy: a failing listener must not turn a printed ticket into a failure.
      }
      return { status: 'printed' };
    },
    async close(): Promise<void> {},
  };
}
