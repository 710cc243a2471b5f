/**
 * Called turns: staff call the next waiting ticket to a desk; information screens read the last
 * turns or follow them live as Server-Sent Events.
 */
import type { IncomingMessage } from 'node:http';
import {
  CallNextRequestSchema,
  type CalledTurnsResponse,
} from '../../src-shared/contract/townhall-api';
import { apiRoute, siteToday, type ApiRoute, type ServerState } from '../context';
import { clientAddress, HttpError } from '../http-util';
import { publishFollowMove } from '../follow-feed';
import { publishLobbyCall } from '../lobby-feed';
import type { CalledTicket, SequencedTurn } from '../store/called-turns-repository';
import { formatTurnEvent, lastEventId, MAX_REPLAY } from '../turns-hub';

/** How many turns GET called-turns returns (newest first). */
export const RECENT_TURNS = 20;

/**
 * Calls the next ticket of today to a desk in the site's call order (`sites.call_order`:
 * check-ins whose appointment time has come first, then the rest by issue time; or all by issue
 * time), records the turn and tells every open stream. Null when nobody is waiting.
 */
export async function callNext(
  state: ServerState,
  siteId: string,
  desk: string,
  serviceIds?: readonly string[],
): Promise<CalledTicket | null> {
  const called = await state.store.calledTurns.callNext(
    siteId,
    await siteToday(state, siteId),
    desk,
    serviceIds,
    state.now(),
    await state.store.desks.callOrder(siteId),
  );
  if (called) announceTurn(state, siteId, called);
  return called;
}

/** Tells the API's called-turn streams and the lobby screens of a turn (first call or repeat). */
export function announceTurn(state: ServerState, siteId: string, called: SequencedTurn): void {
  state.hub.publish(siteId, called);
  publishLobbyCall(state, siteId, called);
  // The follow pages of the site read their state again: their people ahead changed.
  publishFollowMove(state, siteId, called.seq);
}

/** Opens an SSE stream of a site's called turns, replaying those after Last-Event-ID. */
export async function openTurnStream(
  state: ServerState,
  siteId: string,
  request: IncomingMessage,
  url: URL,
  response: Parameters<ServerState['hub']['open']>[1],
): Promise<void> {
  const after = lastEventId(request, url);
  const missed =
    after === null ? [] : await state.store.calledTurns.after(siteId, after, MAX_REPLAY);
  state.hub.open(siteId, response, missed.map(formatTurnEvent), clientAddress(request));
}

export const turnRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/sites/:siteId/called-turns',
    auth: 'device',
    handle: async ({ state, siteId }) => {
      const recent = await state.store.calledTurns.recent(siteId, RECENT_TURNS);
      const body: CalledTurnsResponse = { calledTurns: recent.map(({ turn }) => turn) };
      return { status: 200, body };
    },
  },
  {
    method: 'GET',
    path: '/sites/:siteId/called-turns/stream',
    auth: 'device',
    stream: ({ state, siteId, request, url }, response) =>
      openTurnStream(state, siteId, request, url, response),
  },
  apiRoute({
    method: 'POST',
    path: '/sites/:siteId/call-next',
    auth: 'device',
    body: CallNextRequestSchema,
    handle: async (context, request) => {
      // The waiting-room screen shows and speaks the desk: only the site's own desks, never
      // free text (which could carry a name).
      if (!(await context.state.store.sites.listDesks(context.siteId)).includes(request.desk)) {
        throw new HttpError(
          400,
          'bad-request',
          `desk "${request.desk}" is not a desk of this site`,
        );
      }
      const called = await callNext(
        context.state,
        context.siteId,
        request.desk,
        request.serviceIds,
      );
      if (!called) throw new HttpError(404, 'not-found', 'no ticket is waiting for these services');
      return { status: 200, body: called.turn };
    },
  }),
];
