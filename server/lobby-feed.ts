/**
 * The lobby screen's feed (docs/lobby-screen.md), built from what the server already holds: the
 * site's services (their names), the called turns, and the tickets still waiting. A snapshot is
 * the whole picture; each call is also sent as a LobbyEvent on the lobby's own event streams,
 * which the called-turns hub holds under a key of their own (same caps, same Last-Event-ID
 * replay as the API's called-turn streams). Public data only: numbers, services, desks.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  LobbyOptionsSchema,
  MAX_LOBBY_CALLS,
  type LobbyCall,
  type LobbyEvent,
  type LobbyOptions,
  type LobbySnapshot,
  type WaitingCount,
} from '../src-shared/contract/lobby';
import type { LocalizedText } from '../src-shared/domain/language';
import { siteToday, type ServerState } from './context';
import { clientAddress, HttpError } from './http-util';
import type { SequencedTurn } from './store/called-turns-repository';
import { lastEventId, MAX_REPLAY } from './turns-hub';

/** The hub's key for a site's lobby streams (never a site id: those cannot hold a colon). */
export const lobbyStreamKey = (siteId: string): string => `lobby:${siteId}`;

type ServiceNames = ReadonlyMap<string, LocalizedText>;

async function serviceNamesOf(state: ServerState, siteId: string): Promise<ServiceNames> {
  const services = await state.store.sites.listServices(siteId);
  return new Map(services.map((service) => [service.id, service.names]));
}

/** A called turn as the lobby shows it; its id is the turn's sequence (the SSE event id). */
export function toLobbyCall(
  { seq, turn, repeat, ticketLanguage }: SequencedTurn,
  names: ServiceNames,
): LobbyCall {
  return {
    ...turn,
    ...(ticketLanguage ? { ticketLanguage } : {}),
    id: `turn-${seq}`,
    serviceNames: names.get(turn.serviceId) ?? { es: turn.serviceId },
    // A desk's "call again" (called_turns.repeat): announced again and marked.
    repeat: repeat === true,
  };
}

const lobbyEventOf = (call: LobbyCall, waiting?: WaitingCount[]): LobbyEvent =>
  call.repeat
    ? { type: 'repeat', call, ...(waiting ? { waiting } : {}) }
    : { type: 'call', call, ...(waiting ? { waiting } : {}) };

/** People waiting today per service, every service listed (0 included), in the site's order. */
async function waitingCounts(
  state: ServerState,
  siteId: string,
  names: ServiceNames,
): Promise<WaitingCount[]> {
  const waiting = await state.store.tickets.waiting(siteId, await siteToday(state, siteId));
  const counts = new Map<string, number>();
  for (const ticket of waiting)
    counts.set(ticket.serviceId, (counts.get(ticket.serviceId) ?? 0) + 1);
  return [...names].map(([serviceId, serviceNames]) => ({
    serviceId,
    serviceNames,
    count: counts.get(serviceId) ?? 0,
  }));
}

const QUERY_FLAGS = ['highContrast', 'chime', 'speakTicketLanguage'] as const;
const QUERY_NUMBERS = ['volume', 'recentCount'] as const;

/** Every query parameter that sets a screen option (what `/lobby` passes on to the feed). */
export const LOBBY_OPTION_PARAMETERS: readonly string[] = [
  ...QUERY_FLAGS,
  ...QUERY_NUMBERS,
  'orientation',
];

/**
 * The screen's options from a request's query (`highContrast=1&volume=0.5`), the others their
 * defaults; the administrator's settings will take the defaults' place. 400 when one is invalid.
 */
export function lobbyOptionsFromQuery(url: URL): LobbyOptions {
  const query = url.searchParams;
  const given: Record<string, unknown> = {};
  for (const name of QUERY_FLAGS) {
    const value = query.get(name);
    if (value !== null)
      given[name] =
        value === '1' || value === 'true'
          ? true
          : value === '0' || value === 'false'
            ? false
            : value;
  }
  for (const name of QUERY_NUMBERS) {
    const value = query.get(name);
    if (value !== null) given[name] = value.trim() === '' ? value : Number(value);
  }
  const orientation = query.get('orientation');
  if (orientation !== null) given.orientation = orientation;
  const parsed = LobbyOptionsSchema.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(
      400,
      'bad-request',
      `lobby option ${String(issue?.path[0])}: ${issue?.message}`,
    );
  }
  return parsed.data;
}

export async function lobbySnapshot(
  state: ServerState,
  siteId: string,
  options: LobbyOptions,
): Promise<LobbySnapshot> {
  const site = await state.store.sites.getSite(siteId);
  if (!site) throw new HttpError(404, 'not-found', `site ${siteId} is not known`);
  const names = await serviceNamesOf(state, siteId);
  const recent = await state.store.calledTurns.recent(siteId, MAX_LOBBY_CALLS);
  return {
    siteName: site.name,
    timeZone: site.timeZone,
    serverTime: state.now().toISOString(),
    calls: recent.map((turn) => toLobbyCall(turn, names)),
    waiting: await waitingCounts(state, siteId, names),
    notice: await state.store.sites.getLobbyNotice(siteId),
    options,
  };
}

/** One LobbyEvent as an SSE `message` (what EventSource's onmessage receives), with its id. */
export const formatLobbyEvent = (seq: number, event: LobbyEvent): string =>
  `id: ${seq}\ndata: ${JSON.stringify(event)}\n\n`;

/** Each site's pending publication: events are sent in the order the turns were called. */
const publishing = new WeakMap<ServerState, Map<string, Promise<void>>>();

/**
 * Sends a call to the site's lobby streams with the waiting counts after it. Building it reads
 * the store, so publications are chained per site: a later call never overtakes an earlier one.
 */
export function publishLobbyCall(state: ServerState, siteId: string, called: SequencedTurn): void {
  const chains = publishing.get(state) ?? new Map<string, Promise<void>>();
  publishing.set(state, chains);
  const next = (chains.get(siteId) ?? Promise.resolve()).then(async () => {
    if (state.hub.count(lobbyStreamKey(siteId)) === 0) return;
    const names = await serviceNamesOf(state, siteId);
    const event = lobbyEventOf(
      toLobbyCall(called, names),
      await waitingCounts(state, siteId, names),
    );
    state.hub.publishText(lobbyStreamKey(siteId), formatLobbyEvent(called.seq, event));
  });
  const settled = next.catch((error: unknown) =>
    state.log(`lobby: call ${called.seq} not sent to the screens: ${String(error)}`),
  );
  chains.set(siteId, settled);
  void settled.finally(() => {
    if (chains.get(siteId) === settled) chains.delete(siteId);
  });
}

/**
 * Opens a lobby event stream, first replaying the calls after Last-Event-ID (hub caps);
 * `alsoClosedBy` as in the hub's `open`.
 */
export async function openLobbyStream(
  state: ServerState,
  siteId: string,
  request: IncomingMessage,
  url: URL,
  response: ServerResponse,
  alsoClosedBy: readonly string[] = [],
): Promise<void> {
  const after = lastEventId(request, url);
  const missed =
    after === null ? [] : await state.store.calledTurns.after(siteId, after, MAX_REPLAY);
  const names = missed.length > 0 ? await serviceNamesOf(state, siteId) : new Map();
  const texts = missed.map((turn) =>
    formatLobbyEvent(turn.seq, lobbyEventOf(toLobbyCall(turn, names))),
  );
  state.hub.open(lobbyStreamKey(siteId), response, texts, clientAddress(request), alsoClosedBy);
}
