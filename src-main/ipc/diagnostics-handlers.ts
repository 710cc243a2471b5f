/**
 * The technician-mode channels of the diagnostics, statistics and logs (the `tech:*` block of
 * the IPC contract), answered by the technician tools. The dispatcher has already checked that a
 * technician session is open and that the request is valid.
 */
import type { TechnicianTools } from '../diagnostics/technician-tools';
import type { IpcHandlers } from './dispatcher';

export type DiagnosticsChannel =
  | 'tech:diagnostics'
  | 'tech:paper-changed'
  | 'tech:test-print'
  | 'tech:sync-now'
  | 'tech:reprint-last'
  | 'tech:restart'
  | 'tech:export-logs'
  | 'tech:download-logs'
  | 'tech:statistics';

export function diagnosticsHandlers(
  tools: Omit<TechnicianTools, 'takeDownload'>,
): Pick<IpcHandlers, DiagnosticsChannel> {
  return {
    'tech:diagnostics': async () => ({ ok: true, value: await tools.snapshot() }),
    'tech:paper-changed': async () => ({ ok: true, value: tools.paperChanged() }),
    'tech:test-print': async () => ({ ok: true, value: await tools.testPrint() }),
    'tech:sync-now': async () => ({ ok: true, value: await tools.syncNow() }),
    'tech:reprint-last': async (request) => {
      const ticket = await tools.reprintLast(request.language);
      return {
        ok: true,
        value: {
          ticket: ticket
            ? {
                number: ticket.number,
                printStatus: ticket.printStatus,
                printFailure: ticket.printFailure,
              }
            : null,
        },
      };
    },
    'tech:restart': async () => ({ ok: true, value: { restarting: tools.restart() } }),
    'tech:export-logs': async () => ({ ok: true, value: await tools.exportLogs() }),
    'tech:download-logs': async () => ({ ok: true, value: { path: await tools.downloadLogs() } }),
    'tech:statistics': async () => ({ ok: true, value: tools.statistics() }),
  };
}
