/**
 * The wait estimate of a site, read from the store: today's waiting tickets in call order, each
 * service's recent service times and desks, put through the rules of `wait-estimate.ts`.
 */
import type { WaitEstimates } from '../../src-shared/contract/townhall-api';
import { siteToday, type ServerState } from '../context';
import type { IssuedTicket } from '../store/tickets-repository';
import {
  estimateServices,
  ticketWait,
  type ServiceActivity,
  type ServiceEstimate,
  type TicketWait,
} from './wait-estimate';

async function activityOf(
  state: ServerState,
  siteId: string,
  serviceIds: readonly string[],
): Promise<Map<string, ServiceActivity>> {
  const { sampleSize, deskWindowMinutes } = state.waitEstimate;
  const since = new Date(state.now().getTime() - deskWindowMinutes * 60_000);
  const desks = await state.store.follow.recentDesks(siteId, since);
  const activity = new Map<string, ServiceActivity>();
  for (const serviceId of serviceIds) {
    activity.set(serviceId, {
      serviceId,
      recentServiceMs: await state.store.follow.recentServiceMs(siteId, serviceId, sampleSize),
      recentDesks: desks.get(serviceId) ?? 0,
    });
  }
  return activity;
}

/** Today's queue of the site, in call order. */
const waitingToday = async (state: ServerState, siteId: string): Promise<IssuedTicket[]> =>
  state.store.tickets.waiting(siteId, await siteToday(state, siteId));

/** Every service's estimate (for the site info the kiosks sync). */
export async function siteWaitEstimates(
  state: ServerState,
  siteId: string,
): Promise<WaitEstimates> {
  const serviceIds = (await state.store.sites.listServices(siteId)).map((service) => service.id);
  const waiting = await waitingToday(state, siteId);
  const activity = await activityOf(state, siteId, serviceIds);
  return {
    computedAt: state.now().toISOString(),
    services: estimateServices(serviceIds, waiting, activity, state.waitEstimate),
  };
}

/** One service's estimate and its queue in call order. */
export async function serviceQueue(
  state: ServerState,
  siteId: string,
  serviceId: string,
): Promise<{ estimate: ServiceEstimate; queue: IssuedTicket[] }> {
  const queue = (await waitingToday(state, siteId)).filter(
    (ticket) => ticket.serviceId === serviceId,
  );
  const activity = await activityOf(state, siteId, [serviceId]);
  const [estimate] = estimateServices([serviceId], queue, activity, state.waitEstimate);
  return { estimate: estimate as ServiceEstimate, queue };
}

/** Where one ticket stands now; null once it is called (or not of today). */
export async function waitOfTicket(
  state: ServerState,
  siteId: string,
  ticket: { ticketId: string; serviceId: string },
): Promise<TicketWait | null> {
  const { estimate, queue } = await serviceQueue(state, siteId, ticket.serviceId);
  return ticketWait(ticket.ticketId, queue, estimate.minutesPerTurn);
}
