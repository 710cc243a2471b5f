/**
 * A ticket report refused for good, and its record for the supervisor: the refusal carries the
 * conflict's kind and the numbers involved, and `recordingRefusals` writes it (after the refused
 * transaction rolled back) before the kiosk gets its answer, then tells the office pages.
 */
import type { KioskConflictKind } from '../../src-shared/contract/office-conflicts';
import type { ApiErrorCode } from '../../src-shared/contract/townhall-api';
import type { ApiContext } from '../context';
import { HttpError } from '../http-util';
import { notifyQueueChanged } from '../staff/office-events';

/** What the refusal adds to its HTTP answer: what the supervisor is shown. */
export interface RefusalDetails {
  kind: KioskConflictKind;
  serviceId: string | null;
  otherTicketNumber?: string | null;
}

export class TicketRefusal extends HttpError {
  constructor(
    status: number,
    code: ApiErrorCode,
    message: string,
    readonly details: RefusalDetails,
  ) {
    super(status, code, message);
  }
}

/** The refused report's own fields that go in the record. */
interface RefusedReport {
  ticketId: string;
  kioskId: string;
  ticketNumber: string;
  issuedAt: string;
}

/**
 * Runs a report's handling; a TicketRefusal is recorded as the site's conflict of `day` (once per
 * ticket: a replay adds nothing) and then thrown on to the kiosk.
 */
export async function recordingRefusals<T>(
  context: ApiContext,
  report: RefusedReport,
  day: string,
  handle: () => Promise<T>,
): Promise<T> {
  try {
    return await handle();
  } catch (error) {
    if (!(error instanceof TicketRefusal)) throw error;
    const { state, siteId } = context;
    const recorded = await state.store.kioskConflicts.record({
      ticketId: report.ticketId,
      siteId,
      day,
      kioskId: report.kioskId,
      kind: error.details.kind,
      ticketNumber: report.ticketNumber,
      otherTicketNumber: error.details.otherTicketNumber ?? null,
      serviceId: error.details.serviceId,
      issuedAtMs: new Date(report.issuedAt).getTime(),
      refusedAtMs: state.now().getTime(),
    });
    if (recorded) notifyQueueChanged(state, siteId);
    throw error;
  }
}
