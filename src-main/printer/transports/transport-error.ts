/**
 * Transport failures in the kiosk's vocabulary (PrintFailure), so the screen can tell the
 * citizen and the technician what happened without knowing about errno codes.
 */
import type { PrintFailure } from '../../../src-shared/contract/ipc';
import { errorText } from '../../logging/error-text';

export interface PrinterTransportErrorOptions {
  cause?: unknown;
  /** The job failed before a byte of it went out: the printer cannot have printed any of it. */
  nothingSent?: boolean;
}

export class PrinterTransportError extends Error {
  readonly nothingSent: boolean;

  constructor(
    readonly failure: PrintFailure,
    message: string,
    options: PrinterTransportErrorOptions = {},
  ) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.name = 'PrinterTransportError';
    this.nothingSent = options.nothingSent ?? false;
  }
}

/**
 * True when `error` says the job failed before any of its bytes went out. Anything else (a
 * timeout while sending, a link that dropped mid-job, an error we cannot place) may have left
 * part or all of the ticket in the printer.
 */
export function nothingWasSent(error: unknown): boolean {
  return error instanceof PrinterTransportError && error.nothingSent;
}

/** `error` as a PrinterTransportError that says the job failed before a byte went out. */
export function beforeAnyByte(error: unknown): PrinterTransportError {
  if (error instanceof PrinterTransportError) {
    if (error.nothingSent) return error;
    return new PrinterTransportError(error.failure, error.message, {
      cause: error.cause,
      nothingSent: true,
    });
  }
  const { failure, detail } = toPrintFailure(error);
  return new PrinterTransportError(failure, detail, { cause: error, nothingSent: true });
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
