/**
 * Whether a network printer answers at `host:port` (raw TCP, port 9100 on most): a connection
 * is opened and closed again, nothing is sent. For the wizard, before the technician picks it.
 */
import { connect } from 'node:net';

export interface NetworkPrinterCheck {
  reachable: boolean;
  /** Why not, in a technician's words; null when it answered. */
  detail: string | null;
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'the address answers, but nothing listens on that port',
  EHOSTUNREACH: 'no route to that address',
  ENETUNREACH: 'no route to that network',
  ENOTFOUND: 'unknown host name',
  EAI_AGAIN: 'the host name could not be looked up',
};

export function checkNetworkPrinter(
  host: string,
  port: number,
  timeoutMs = 2000,
): Promise<NetworkPrinterCheck> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (check: NetworkPrinterCheck) => {
      socket.destroy();
      resolve(check);
    };
    socket.setTimeout(timeoutMs, () =>
      finish({ reachable: false, detail: `no answer within ${timeoutMs} ms` }),
    );
    socket.once('connect', () => finish({ reachable: true, detail: null }));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? '';
      finish({
        reachable: false,
        detail: `${REASONS[code] ?? error.message}${code ? ` (${code})` : ''}`,
      });
    });
  });
}
