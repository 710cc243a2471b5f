/** What the statistics read of one ticket (store/statistics-repository.ts): no personal data. */
export interface TicketFacts {
  serviceId: string;
  kind: 'appointment' | 'walk-in';
  /** The site-local day the ticket belongs to (`tickets.local_day`). */
  localDay: string;
  /** Check-in (or walk-in issue) time at the kiosk. */
  issuedAtMs: number;
  /** The booked start of its appointment; null for a walk-in (or an appointment since erased). */
  appointmentStartsAtMs: number | null;
  /** Its first call to a desk, if it was called. */
  calledAtMs: number | null;
  desk: string | null;
  finishedAtMs: number | null;
  outcome: 'served' | 'no-show' | 'transferred' | null;
}
