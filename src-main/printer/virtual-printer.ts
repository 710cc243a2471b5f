/**
 * A printer without hardware: renders the real ESC/POS bytes, reads them back with the decoder,
 * keeps them on disk (`<dataDir>/tickets/<day>_<number>_<id>.bin|.txt|.svg`: the bytes, the
 * decoded text and a drawing of the paper) and hands the text to the on-screen preview. What
 * the preview shows is what a real printer would have received.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PrinterState } from '../../src-shared/contract/ipc';
import { toLocalDateTime } from '../../src-shared/domain/site-time';
import { decodeEscPos } from './preview/escpos-decoder';
import { renderDecodedSvg } from './preview/svg';
import { formatDecodedText } from './preview/text-layout';
import { PAPER_DOTS } from './logo/raster';
import { PrinterStateChanges } from './printer-state-changes';
import type {
  PagePrinter,
  PrintOutcome,
  PrintPage,
  TicketPrintData,
  TicketPrinter,
} from './ticket-printer';
import { PAPER_COLUMNS, renderTicket, type TicketTemplateOptions } from './ticket-template';
import { errorText } from '../logging/error-text';

export interface VirtualPrinterOptions extends TicketTemplateOptions {
  dataDir: string;
  onTicketRendered?: (ticketId: string, text: string) => void;
  /** Where a failing state listener is reported. */
  log?: (line: string) => void;
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

export function createVirtualPrinter(options: VirtualPrinterOptions): TicketPrinter & PagePrinter {
  const columns = PAPER_COLUMNS[options.paperWidth];
  let state: PrinterState = 'ready';
  const stateChanges = new PrinterStateChanges(state, options.log ?? (() => undefined));
  let tail: Promise<unknown> = Promise.resolve();
  const setState = (next: PrinterState): void => {
    state = next;
    stateChanges.report(next);
  };

  /** Renders, decodes and keeps one job under `<dataDir>/tickets/<baseName>.*`; its text. */
  const run = async (
    render: () => Buffer,
    baseName: string,
  ): Promise<{ outcome: PrintOutcome; text: string | null }> => {
    setState('printing');
    try {
      const bytes = render();
      const decoded = decodeEscPos(bytes);
      const text = `${formatDecodedText(decoded, columns)}\n`;
      const dir = ticketsDir(options.dataDir);
      const base = join(dir, baseName);
      await mkdir(dir, { recursive: true });
      await writeFile(`${base}.bin`, bytes);
      await writeFile(`${base}.txt`, text, 'utf8');
      await writeFile(`${base}.svg`, renderDecodedSvg(decoded, PAPER_DOTS[options.paperWidth]));
      return { outcome: { status: 'printed' }, text };
    } catch (error) {
      const detail = `virtual printer: ${errorText(error)}`;
      return { outcome: { status: 'failed', failure: 'error', detail }, text: null };
    } finally {
      // Paper never runs out here: whatever happened, the printer is ready for the next job.
      setState('ready');
    }
  };

  /** One job at a time, like the real printers. */
  const enqueue = (job: () => Promise<PrintOutcome>): Promise<PrintOutcome> => {
    const result = tail.then(job);
    tail = result;
    return result;
  };

  return {
    transportKind: 'virtual',
    print(ticket: TicketPrintData): Promise<PrintOutcome> {
      return enqueue(async () => {
        const { outcome, text } = await run(
          () => renderTicket(ticket, options),
          ticketFileBaseName(ticket),
        );
        if (text !== null) {
          try {
            options.onTicketRendered?.(ticket.ticketId, text);
          } catch {
            // The preview is a courtesy: a failing listener must not turn a printed ticket into a failure.
          }
        }
        return outcome;
      });
    },
    printPage(page: PrintPage): Promise<PrintOutcome> {
      return enqueue(async () => (await run(() => page.bytes, safe(page.name))).outcome);
    },
    getState: () => state,
    onStateChange: stateChanges.event,
    async start(): Promise<void> {},
    async close(): Promise<void> {
      await tail;
      stateChanges.dispose();
    },
  };
}
