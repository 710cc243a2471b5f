/**
 * ESC/POS real-time status, `DLE EOT n` (10 04 n; the request is built in ../escpos/commands.ts):
 * a pure parser of the one-byte replies. Every reply has the fixed pattern `0xx1xx10` (bit 7 = 0, bit 4 = 1, bit 1 = 1,
 * bit 0 = 0); a byte that does not match is not a reply (automatic status back, XON 0x11 /
 * XOFF 0x13 from a printer on software flow control, line noise) and is ignored.
 */
import type { PrinterState } from '../../../src-shared/contract/ipc';

const REPLY_MASK = 0x93;
const REPLY_PATTERN = 0x12;

/** True when `byte` has the `0xx1xx10` shape of a DLE EOT reply. */
export function isStatusReply(byte: number): boolean {
  return (byte & REPLY_MASK) === REPLY_PATTERN;
}

/** The first byte of `chunk` that is a status reply, or null when every byte is unsolicited. */
export function firstStatusReply(chunk: Uint8Array): number | null {
  for (const byte of chunk) if (isStatusReply(byte)) return byte;
  return null;
}

/** n = 1. Bit 3: the printer is off-line. (Bit 2 is the drawer kick-out connector, pin 3.) */
export interface PrinterStatusReply {
  offline: boolean;
}
export function parsePrinterStatus(byte: number): PrinterStatusReply {
  return { offline: (byte & 0x08) !== 0 };
}

/** n = 2. Why the printer is off-line. */
export interface OfflineCauseReply {
  /** Bit 2. */
  coverOpen: boolean;
  /** Bit 3: paper is being fed with the FEED button. */
  feedButton: boolean;
  /** Bit 5: printing stopped because the paper ran out. */
  paperEndStop: boolean;
  /** Bit 6: an error occurred (details with n = 3). */
  error: boolean;
}
export function parseOfflineCause(byte: number): OfflineCauseReply {
  return {
    coverOpen: (byte & 0x04) !== 0,
    feedButton: (byte & 0x08) !== 0,
    paperEndStop: (byte & 0x20) !== 0,
    error: (byte & 0x40) !== 0,
  };
}

/** n = 3. Which error (EPSON TM; other printers may leave these bits at 0). */
export interface ErrorCauseReply {
  /** Bit 2 (model dependent). */
  recoverable: boolean;
  /** Bit 3: the auto-cutter jammed or failed. */
  autocutter: boolean;
  /** Bit 5: head or board failure; needs a technician. */
  unrecoverable: boolean;
  /** Bit 6: e.g. the head overheated; clears by itself. */
  autoRecoverable: boolean;
}
export function parseErrorCause(byte: number): ErrorCauseReply {
  return {
    recoverable: (byte & 0x04) !== 0,
    autocutter: (byte & 0x08) !== 0,
    unrecoverable: (byte & 0x20) !== 0,
    autoRecoverable: (byte & 0x40) !== 0,
  };
}

/** n = 4. The roll paper sensors. */
export interface PaperSensorReply {
  /** Bits 2-3 (0x0C): the near-end sensor sees little paper left. */
  nearEnd: boolean;
  /** Bits 5-6 (0x60): no paper. */
  paperEnd: boolean;
}
export function parsePaperSensor(byte: number): PaperSensorReply {
  return { nearEnd: (byte & 0x0c) !== 0, paperEnd: (byte & 0x60) !== 0 };
}

/** Everything one status read learned; `errorCause` only when n = 2 reported an error. */
export interface PrinterStatus {
  printer: PrinterStatusReply;
  offlineCause: OfflineCauseReply;
  paper: PaperSensorReply;
  errorCause?: ErrorCauseReply;
}

/** The replies to n = 1, 2, 4 (and 3 when present), parsed. */
export function parseStatusReplies(replies: {
  1: number;
  2: number;
  4: number;
  3?: number;
}): PrinterStatus {
  const status: PrinterStatus = {
    printer: parsePrinterStatus(replies[1]),
    offlineCause: parseOfflineCause(replies[2]),
    paper: parsePaperSensor(replies[4]),
  };
  if (replies[3] !== undefined) status.errorCause = parseErrorCause(replies[3]);
  return status;
}

/**
 * The state the kiosk shows, by precedence: cover-open > paper-out > error > offline >
 * paper-near-end > ready ("disconnected" comes from the link, not from a reply, and beats all).
 */
export function statusToState(status: PrinterStatus): PrinterState {
  if (status.offlineCause.coverOpen) return 'cover-open';
  if (status.paper.paperEnd || status.offlineCause.paperEndStop) return 'paper-out';
  if (status.offlineCause.error) return 'error';
  if (status.printer.offline || status.offlineCause.feedButton) return 'offline';
  if (status.paper.nearEnd) return 'paper-near-end';
  return 'ready';
}

/** A short technician-facing description of a status, e.g. for a failure's detail. */
export function describeStatus(status: PrinterStatus): string {
  const parts: string[] = [];
  if (status.printer.offline) parts.push('off-line');
  if (status.offlineCause.coverOpen) parts.push('cover open');
  if (status.offlineCause.feedButton) parts.push('paper being fed by the button');
  if (status.offlineCause.paperEndStop) parts.push('printing stopped at paper end');
  if (status.paper.paperEnd) parts.push('paper end');
  else if (status.paper.nearEnd) parts.push('paper near end');
  if (status.offlineCause.error) {
    const cause = status.errorCause;
    const causes = cause
      ? [
          cause.autocutter && 'auto-cutter',
          cause.unrecoverable && 'unrecoverable',
          cause.autoRecoverable && 'auto-recoverable',
          cause.recoverable && 'recoverable',
        ].filter((part): part is string => typeof part === 'string')
      : [];
    parts.push(causes.length > 0 ? `error (${causes.join(', ')})` : 'error');
  }
  return parts.length > 0 ? parts.join(', ') : 'ready';
}
