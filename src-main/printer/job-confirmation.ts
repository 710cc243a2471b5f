/**
 * Did the ticket come out? After a job's bytes went out, the printer is asked, as far as it can
 * tell:
 *
 * - `GS ( H` fn 48 (process ID response), where the profile has it (EPSON TM): the printer sends
 *   the ID back once everything before it is printed. That is the one definite "printed".
 * - `DLE EOT` status, on every printer that answers it: a real-time command, answered as soon as
 *   the printer has read everything before it, so a reply means every byte arrived; and it says
 *   whether a fault (cover opened, paper ran out) appeared meanwhile. Where there is no process
 *   ID response, that is the confirmation.
 *
 * Anything short of that leaves the job `unconfirmed`, never `failed`: bytes went out, and part
 * or all of the ticket may be in the tray, or come out once a fault is cleared. A reprint then
 * needs the citizen to say the ticket is not there.
 */
import type { PrinterState } from '../../src-shared/contract/ipc';
import type { StatusReading } from './status/status-reader';
import type { PrintOutcome } from './ticket-printer';
import type { PrinterTransport, ProcessIdWait } from './transports/transport';

type Unconfirmed = Extract<PrintOutcome, { status: 'unconfirmed' }>;

/** States that, read right after a job, mean the ticket may not have come out whole. */
type JobFault = 'paper-out' | 'cover-open' | 'error' | 'disconnected';
const JOB_FAULTS: readonly PrinterState[] = ['paper-out', 'cover-open', 'error', 'disconnected'];
const isJobFault = (state: PrinterState): state is JobFault => JOB_FAULTS.includes(state);

/** Unanswered probes (with the status answering) after which a printer has no process ID response. */
const UNANSWERED_PROBES_BEFORE_NO = 2;

/**
 * Whether this printer answers `GS ( H`: the profile says it may; the printer, asked once while
 * idle (the answer is immediate then), says whether it does. A TM too old for it is noticed and
 * confirmed by status only, instead of waiting out every job's deadline for an answer.
 */
export class ProcessIdSupport {
  private support: 'untested' | 'yes' | 'no';
  private unanswered = 0;
  private counter = Math.floor(Math.random() * 10_000);

  constructor(
    profileHasIt: boolean,
    private readonly log: (line: string) => void,
  ) {
    this.support = profileHasIt ? 'untested' : 'no';
  }

  /** Jobs are confirmed by process ID. */
  get confirmsJobs(): boolean {
    return this.support === 'yes';
  }

  /** A fresh ID: four digits, so a late answer to an old request never matches a new one. */
  nextId(): string {
    this.counter = (this.counter + 1) % 10_000;
    return String(this.counter).padStart(4, '0');
  }

  /**
   * Asks an idle printer whose status just read fine, until it is known whether it answers.
   * Never throws: a link that drops leaves the question open.
   */
  async probe(transport: PrinterTransport, timeoutMs: number): Promise<void> {
    if (this.support !== 'untested' || !transport.requestProcessId) return;
    let answered: boolean;
    try {
      answered = await (await transport.requestProcessId(this.nextId(), timeoutMs)).answered;
    } catch {
      return;
    }
    if (answered) {
      this.support = 'yes';
      return;
    }
    this.unanswered += 1;
    if (this.unanswered >= UNANSWERED_PROBES_BEFORE_NO) {
      this.support = 'no';
      this.log(
        'printer: no answer to GS ( H (process ID response); tickets are confirmed by status (DLE EOT) only',
      );
    }
  }
}

export interface JobConfirmationDeps {
  readonly transport: PrinterTransport;
  readonly processIds: ProcessIdSupport;
  /** The shortest wait for one status reply. */
  readonly statusTimeoutMs: number;
  /** One status read over the link the job went down, folded into the printer's state. */
  readStatus(timeoutMs: number): Promise<StatusReading>;
}

/** What the reading says against the ticket having come out whole; null when nothing. */
function doubtFrom(reading: StatusReading): Unconfirmed | null {
  switch (reading.kind) {
    case 'status':
      if (!isJobFault(reading.state)) return null;
      return {
        status: 'unconfirmed',
        failure: reading.state,
        detail: `printer ${reading.state} during the job: ${reading.detail}; the ticket may be incomplete, or come out once that is cleared`,
      };
    case 'down':
      return {
        status: 'unconfirmed',
        failure: reading.failure,
        detail: `the link dropped after the ticket was sent: ${reading.detail}; it may have printed`,
      };
    case 'silent':
      return {
        status: 'unconfirmed',
        failure: 'timeout',
        detail: `the printer stopped answering after the ticket was sent (${reading.detail}); it may have printed`,
      };
    case 'unreadable':
      return null;
  }
}

/** Asks for the process ID response; null when the link will not take the request. */
async function requestProcessId(
  deps: JobConfirmationDeps,
  timeoutMs: number,
): Promise<ProcessIdWait | null> {
  const { transport, processIds } = deps;
  if (!processIds.confirmsJobs || !transport.requestProcessId) return null;
  try {
    return await transport.requestProcessId(processIds.nextId(), timeoutMs);
  } catch {
    // The status read that follows finds the link down and says so.
    return null;
  }
}

/**
 * After a job's bytes went out: `printed` once the printer confirmed it, `unconfirmed` otherwise.
 * Waits until `deadlineAt` at most (and at least one status timeout per read).
 */
export async function confirmJob(
  deps: JobConfirmationDeps,
  deadlineAt: number,
): Promise<PrintOutcome> {
  const left = (): number => Math.max(deps.statusTimeoutMs, deadlineAt - Date.now());
  // Asked first: it waits its turn behind the ticket, and the status reply overtakes it.
  const processed = await requestProcessId(deps, left());
  try {
    const delivered = await deps.readStatus(left());
    const doubt = doubtFrom(delivered);
    if (doubt) return doubt;
    if (!processed) return { status: 'printed' };
    if (await processed.answered) return { status: 'printed' };
    // Every byte arrived, and nothing said "printed" by the deadline: why not?
    const after = await deps.readStatus(deps.statusTimeoutMs);
    return (
      doubtFrom(after) ?? {
        status: 'unconfirmed',
        failure: 'timeout',
        detail: `the printer took the ticket but did not confirm it printed by the job's deadline`,
      }
    );
  } finally {
    processed?.cancel();
  }
}
