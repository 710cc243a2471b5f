/**
 * Transport failures in the kiosk's vocabulary (PrintFailure), so the screen can tell the
 * citizen and the technician what happened without knowing about errno codes.
 */
import type { PrintFailure } from '../../../src-shared/contract/ipc';
import { errorText } from '../../logging/error-text';

export class PrinterTransportError extends Error {
  constructor(
    readonly failure: PrintFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PrinterTransportError';
  }
}

/** errno codes that mean "nothing is there to print on": unplugged, switched off, wrong address. */
const DISCONNECTED_CODES = new Set([
  'ENOENT',
  'ENODEV',
  'ENXIO',
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ENOTCONN',
]);

function errnoCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Maps any error from a transport to a PrintFailure. serialport reports errors as bare messages
 * ("Error: No such file or directory, cannot open /dev/ttyUSB0"), so messages are read too.
 */
export function toPrintFailure(error: unknown): { failure: PrintFailure; detail: string } {
  const detail = errorText(error);
  if (error instanceof PrinterTransportError) return { failure: error.failure, detail };
  const code = errnoCode(error);
  if (code && DISCONNECTED_CODES.has(code)) return { failure: 'disconnected', detail };
  if (code === 'ETIMEDOUT') return { failure: 'timeout', detail };
  // The usblp driver answers ENOSPC when the printer reports paper out, EIO when it is off-line.
  if (code === 'ENOSPC') return { failure: 'paper-out', detail };
  if (code === 'EIO') return { failure: 'offline', detail };
  if (/No such file or directory|No such device|not found/i.test(detail)) {
    return { failure: 'disconnected', detail };
  }
  return { failure: 'error', detail };
}
