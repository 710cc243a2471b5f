/**
 * Reads a printer's real-time status through its transport (DLE EOT 1, 2, 4; and 3 when an error
 * is reported) and turns the readings, over time, into the PrinterState the kiosk shows.
 */
import type { PrintFailure, PrinterState } from '../../../src-shared/contract/ipc';
import type { PrinterTransport } from '../transports/transport';
import { toPrintFailure } from '../transports/transport-error';
import { describeStatus, parseStatusReplies, statusToState, type PrinterStatus } from './dle-eot';
import type { StatusQuery } from '../escpos/commands';

export type StatusReading =
  /** The printer answered every query. */
  | { kind: 'status'; status: PrinterStatus; state: PrinterState; detail: string }
  /** The link is up but the printer did not answer within the timeout. */
  | { kind: 'silent'; detail: string }
  /** The link could not be opened or dropped (unplugged, refused, permission denied). */
  | { kind: 'down'; failure: PrintFailure; detail: string }
  /** The link is up, and the transport cannot read status at all (USB printer class). */
  | { kind: 'unreadable'; detail: string };

export interface ReadStatusOptions {
  /** Only check the link, ask the printer nothing (for a box that has never answered). */
  probeOnly?: boolean;
  /** Read over the link that is open now, never a new one (confirming a job just sent). */
  sameLink?: boolean;
}

/** One status read. Never throws. */
export async function readPrinterStatus(
  transport: PrinterTransport,
  timeoutMs: number,
  options: ReadStatusOptions = {},
): Promise<StatusReading> {
  const queryOptions = { reopen: !options.sameLink };
  try {
    if (!transport.queryStatus || options.probeOnly) {
      await transport.probe(timeoutMs);
      return {
        kind: 'unreadable',
        detail: transport.queryStatus
          ? 'the printer does not answer status queries'
          : `a ${transport.kind} printer cannot report its status`,
      };
    }
    const replies: Partial<Record<StatusQuery, number>> = {};
    for (const n of [1, 2, 4] as const) {
      const byte = await transport.queryStatus(n, timeoutMs, queryOptions);
      if (byte === null) {
        return {
          kind: 'silent',
          detail: `the printer did not answer a status query (DLE EOT ${n}) within ${timeoutMs} ms`,
        };
      }
      replies[n] = byte;
    }
    const first = { 1: replies[1] as number, 2: replies[2] as number, 4: replies[4] as number };
    let status = parseStatusReplies(first);
    if (status.offlineCause.error) {
      const cause = await transport.queryStatus(3, timeoutMs, queryOptions);
      if (cause !== null) status = parseStatusReplies({ ...first, 3: cause });
    }
    return { kind: 'status', status, state: statusToState(status), detail: describeStatus(status) };
  } catch (error) {
    const { failure, detail } = toPrintFailure(error);
    return { kind: 'down', failure, detail };
  }
}

/**
 * What the readings mean over time. A printer that has answered before and then stays silent for
 * `silentReadsBeforeOffline` reads in a row is off-line (switched off, hung, cable half out). A
 * TCP box that has never answered is one that cannot (a print server that swallows replies): its
 * state is "unknown", never "ready". A serial printer is expected to answer from the start: every
 * ESC/POS printer does on its serial port, so silence there is "offline" (or a cable without the
 * printer-to-host wire, which the technician sees at installation).
 */
export class StatusInterpreter {
  private answered = false;
  private silentReads = 0;

  constructor(
    private readonly transportKind: PrinterTransport['kind'],
    private readonly silentReadsBeforeOffline: number,
  ) {}

  /** The printer has answered a status query at least once. */
  get answersStatus(): boolean {
    return this.answered;
  }

  /** A box that has never answered and has been silent long enough to stop asking before jobs. */
  get knownMute(): boolean {
    return (
      !this.answered &&
      this.transportKind !== 'serial' &&
      this.silentReads >= this.silentReadsBeforeOffline
    );
  }

  /** The state after `reading`, given the state before it. */
  next(reading: StatusReading, previous: PrinterState): PrinterState {
    switch (reading.kind) {
      case 'status':
        this.answered = true;
        this.silentReads = 0;
        return reading.state;
      case 'down':
        return reading.failure === 'disconnected' || reading.failure === 'timeout'
          ? 'disconnected'
          : 'error';
      case 'unreadable':
        return 'unknown';
      case 'silent': {
        this.silentReads += 1;
        const expectsAnswers = this.answered || this.transportKind === 'serial';
        if (!expectsAnswers) return 'unknown';
        if (this.silentReads >= this.silentReadsBeforeOffline) return 'offline';
        // One missed reply is not yet a fault; but a link that just came back is not "ready".
        return previous === 'disconnected' || previous === 'printing' ? 'unknown' : previous;
      }
    }
  }

  /** Why the state is "offline" when silence made it so. */
  silenceDetail(): string {
    return `the printer has not answered ${this.silentReads} status queries in a row`;
  }

  get silentStreak(): number {
    return this.silentReads;
  }
}
