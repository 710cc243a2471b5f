/**
 * The follow-your-turn page's data (docs/follow.md): one ticket's state by its follow token, and
 * a "the queue moved" event on the site's follow streams after every call, a "finished" one
 * after a desk finishes a turn. Unknown, malformed
 * and expired tokens (a ticket of another day, or finished more than FINISHED_VISIBLE_MS ago)
 * all read as null: the page answers them alike and tells nothing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FollowEvent, FollowState } from '../src-shared/contract/follow';
import { FollowTokenSchema } from '../src-shared/contract/townhall-api';
import { siteToday, type ServerState } from './context';
import { clientAddress } from './http-util';
import { waitOfTicket } from './queue/site-wait';
import type { FollowedTicket } from './store/follow-repository';

/** A finished ticket's page still says so for half an hour, then it is gone like any other. */
export const FINISHED_VISIBLE_MS = 30 * 60_000;

/** The hub's key for a site's follow streams (a site id cannot hold a colon). */
export const followStreamKey = (siteId: string): string => `follow:${siteId}`;

/** The ticket a token still opens, or null. */
export async function followedTicket(
  state: ServerState,
  token: string,
): Promise<FollowedTicket | null> {
  if (!FollowTokenSchema.safeParse(token).success) return null;
  const ticket = await state.store.follow.byToken(token);
  if (!ticket) return null;
  if (ticket.day !== (await siteToday(state, ticket.siteId))) return null;
  if (
    ticket.finishedAtMs !== null &&
    state.now().getTime() - ticket.finishedAtMs > FINISHED_VISIBLE_MS
  ) {
    return null;
  }
  return ticket;
}

export async function followState(state: ServerState, token: string): Promise<FollowState | null> {
  const ticket = await followedTicket(state, token);
  if (!ticket) return null;
  const service = await state.store.sites.getService(ticket.siteId, ticket.serviceId);
  const common = {
    ticketNumber: ticket.ticketNumber,
    serviceNames: service?.names ?? { es: ticket.serviceId },
    serverTime: state.now().toISOString(),
  };
  if (ticket.finishedAtMs !== null) return { ...common, status: 'finished' };
  if (ticket.calledSeq !== null) {
    return {
      ...common,
      status: 'called',
      ...(ticket.calledDesk ? { desk: ticket.calledDesk } : {}),
    };
  }
  const wait = await waitOfTicket(state, ticket.siteId, ticket);
  return { ...common, status: 'waiting', ...wait };
}

/** Tells the site's follow pages that the queue moved (after a call), tagged with its turn. */
export function publishFollowMove(state: ServerState, siteId: string, seq: number): void {
  const key = followStreamKey(siteId);
  if (state.followHub.count(key) === 0) return;
  const event: FollowEvent = { type: 'moved' };
  state.followHub.publishText(key, `id: ${seq}\ndata: ${JSON.stringify(event)}\n\n`);
}

/**
 * Tells the site's follow pages that a desk finished a turn (served, no-show, transferred): the
 * page of that ticket reads its state at once and says so, as a call is pushed. Without an id:
 * it is no turn of the called-turn sequence.
 */
export function publishFollowFinish(state: ServerState, siteId: string): void {
  const key = followStreamKey(siteId);
  if (state.followHub.count(key) === 0) return;
  const event: FollowEvent = { type: 'finished' };
  state.followHub.publishText(key, `data: ${JSON.stringify(event)}\n\n`);
}

/** Opens a follow stream for the site of a ticket (the caller checked its token). */
export function openFollowStream(
  state: ServerState,
  ticket: FollowedTicket,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  state.followHub.open(followStreamKey(ticket.siteId), response, [], clientAddress(request));
}
