/**
 * Keeps the printer's faults for the technician: each change of state into a fault (paper out,
 * cover open, off-line, error, disconnected) is one row, with when and the site-local day, for the
 * diagnostics' "last error" and the statistics' faults per day. Not a warning (paper near end),
 * not a busy printer, not a state the printer cannot tell (unknown).
 */
import type { PrinterState } from '../../src-shared/contract/ipc';
import { localDayOf } from '../../src-shared/domain/site-time';
import { errorText } from '../logging/error-text';
import type { TicketPrinter } from '../printer/ticket-printer';
import type { StatisticsRepository } from '../store/statistics-repository';

export const FAULT_STATES: ReadonlySet<PrinterState> = new Set<PrinterState>([
  'paper-out',
  'cover-open',
  'offline',
  'error',
  'disconnected',
]);

export interface PrinterFaultDeps {
  printer: Pick<TicketPrinter, 'onStateChange' | 'getState'>;
  statistics: Pick<StatisticsRepository, 'recordPrinterFault'>;
  timeZone: string;
  now?: () => Date;
  log: (line: string) => void;
}

/** Starts recording; the answer stops it. A printer already in a fault counts as one now. */
export function recordPrinterFaults(deps: PrinterFaultDeps): () => void {
  const now = deps.now ?? (() => new Date());
  const record = (state: PrinterState) => {
    if (!FAULT_STATES.has(state)) return;
    const at = now();
    try {
      deps.statistics.recordPrinterFault(state, localDayOf(at, deps.timeZone), at);
    } catch (error) {
      deps.log(`printer faults: not recorded: ${errorText(error)}`);
    }
  };
  record(deps.printer.getState());
  return deps.printer.onStateChange(record);
}
