/**
 * How long a turn of a service takes to come, from what the office did lately (docs/server.md,
 * "Estimated wait"). Pure: the SQL that gathers the inputs is in `wait-estimate-source.ts`.
 *
 * - Service time: the mean of the last `sampleSize` call → finish durations of turns served
 *   (outcome 'served'). With fewer samples the missing ones count as the service's cold-start
 *   minutes, so the first served turns move the figure gradually instead of replacing it.
 * - Desks: how many distinct desks called a turn of the service in the last `deskWindowMinutes`
 *   (at least 1): two desks on one service halve the minutes per turn.
 * - Minutes per turn = service time ÷ desks; a ticket's wait = people ahead × minutes per turn.
 */

export interface WaitEstimateSettings {
  /** How many finished turns the average looks at. */
  sampleSize: number;
  /** Minutes before now a desk must have called a turn of the service to count as serving it. */
  deskWindowMinutes: number;
  /** Minutes a turn is taken to last while a service has fewer than `sampleSize` samples. */
  coldStartMinutes: number;
  /** Cold-start minutes of particular services (by service id), over `coldStartMinutes`. */
  coldStartMinutesByService: Readonly<Record<string, number>>;
}

export const DEFAULT_WAIT_ESTIMATE_SETTINGS: WaitEstimateSettings = {
  sampleSize: 20,
  deskWindowMinutes: 30,
  coldStartMinutes: 8,
  coldStartMinutesByService: {},
};

/** What the store says of one service, for its estimate. */
export interface ServiceActivity {
  serviceId: string;
  /** Call → finish durations (ms) of the newest served turns, at most `sampleSize` of them. */
  recentServiceMs: readonly number[];
  /** Distinct desks that called a turn of the service within the desk window. */
  recentDesks: number;
}

export interface ServiceEstimate {
  serviceId: string;
  /** Tickets of the service waiting now (not called yet), appointments and walk-ins. */
  waiting: number;
  /** Of those, appointment check-ins: they are called before every walk-in. */
  waitingAppointments: number;
  /** Minutes one turn of the queue takes to move, rounded to a tenth. */
  minutesPerTurn: number;
}

const MS_PER_MINUTE = 60_000;

/** The cold-start minutes of a service. */
export const coldStartOf = (settings: WaitEstimateSettings, serviceId: string): number =>
  settings.coldStartMinutesByService[serviceId] ?? settings.coldStartMinutes;

/** Minutes one turn of a service takes to move, by the rule above. */
export function minutesPerTurn(activity: ServiceActivity, settings: WaitEstimateSettings): number {
  const samples = activity.recentServiceMs
    .filter((ms) => Number.isFinite(ms) && ms >= 0)
    .slice(0, settings.sampleSize);
  const missing = Math.max(0, settings.sampleSize - samples.length);
  const totalMinutes =
    samples.reduce((sum, ms) => sum + ms / MS_PER_MINUTE, 0) +
    missing * coldStartOf(settings, activity.serviceId);
  const meanMinutes = totalMinutes / Math.max(1, samples.length + missing);
  const desks = Math.max(1, Math.floor(activity.recentDesks));
  return Math.round((meanMinutes / desks) * 10) / 10;
}

/** Waiting tickets in call order: what the queue holds per service. */
export interface WaitingTicket {
  serviceId: string;
  kind: 'appointment' | 'walk-in';
}

/** Every service's estimate, in the order of `services` (services with no one waiting included). */
export function estimateServices(
  services: readonly string[],
  waitingInCallOrder: readonly WaitingTicket[],
  activity: ReadonlyMap<string, ServiceActivity>,
  settings: WaitEstimateSettings,
): ServiceEstimate[] {
  return services.map((serviceId) => {
    const waiting = waitingInCallOrder.filter((ticket) => ticket.serviceId === serviceId);
    return {
      serviceId,
      waiting: waiting.length,
      waitingAppointments: waiting.filter((ticket) => ticket.kind === 'appointment').length,
      minutesPerTurn: minutesPerTurn(
        activity.get(serviceId) ?? { serviceId, recentServiceMs: [], recentDesks: 0 },
        settings,
      ),
    };
  });
}

/** One ticket's place: people before it in its service's queue, and the minutes that makes. */
export interface TicketWait {
  peopleAhead: number;
  estimatedWaitMinutes: number;
}

/**
 * A waiting ticket's wait: the tickets of its service before it in call order. Null when the
 * ticket is not waiting (called already, or not in the list).
 */
export function ticketWait(
  ticketId: string,
  serviceQueueInCallOrder: readonly { ticketId: string }[],
  perTurnMinutes: number,
): TicketWait | null {
  const position = serviceQueueInCallOrder.findIndex((ticket) => ticket.ticketId === ticketId);
  if (position < 0) return null;
  return waitFor(position, perTurnMinutes);
}

/** The wait of someone with `peopleAhead` before them: whole minutes, never below zero. */
export const waitFor = (peopleAhead: number, perTurnMinutes: number): TicketWait => ({
  peopleAhead,
  estimatedWaitMinutes: Math.max(0, Math.round(peopleAhead * perTurnMinutes)),
});
