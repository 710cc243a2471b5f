/**
 * The lobby feed of one administered screen (`/lobby?screen=<id>`, docs/lobby-screen.md): the
 * site's snapshot and events with THAT screen's options from the store, instead of a URL query.
 * Each read records when the screen was last seen, and so does an open event stream, once a
 * minute while it stays open. A change to the screen (options, removal, or a screen made under
 * an id a TV already asks for) ends that screen's streams: the TV reconnects and reads its
 * snapshot again, with the new options.
 *
 * An unknown id gets a 404 snapshot, which the page shows as a translated message. Its event
 * stream is still opened (on the screen's own key, carrying nothing), so the page keeps asking
 * and starts working as soon as an administrator adds the screen.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LobbySnapshot } from '../src-shared/contract/lobby';
import { SCREEN_ID_PATTERN } from '../src-shared/contract/office-screens';
import type { ServerState } from './context';
import { clientAddress, HttpError } from './http-util';
import { lobbySnapshot, openLobbyStream } from './lobby-feed';
import type { ScreenRecord } from './store/screens-repository';

/** How often an open screen stream records that its screen is still there. */
export const SCREEN_SEEN_EVERY_MS = 60_000;

/** The hub's key that ends one screen's streams (never a site id: those hold no colon). */
export const screenStreamKey = (screenId: string): string => `screen:${screenId}`;

/** Streams of ids that cannot exist share one key: nothing will ever need to end them. */
const MALFORMED_SCREEN_KEY = 'screen:?';

async function knownScreen(state: ServerState, screenId: string): Promise<ScreenRecord | null> {
  if (!SCREEN_ID_PATTERN.test(screenId)) return null;
  return (await state.store.screens.byId(screenId)) ?? null;
}

export async function screenSnapshot(state: ServerState, screenId: string): Promise<LobbySnapshot> {
  const screen = await knownScreen(state, screenId);
  if (!screen) throw new HttpError(404, 'not-found', 'this screen is not known to the server');
  await state.store.screens.markSeen(screen.id, state.now());
  return lobbySnapshot(state, screen.siteId, screen.options);
}

export async function openScreenStream(
  state: ServerState,
  screenId: string,
  request: IncomingMessage,
  url: URL,
  response: ServerResponse,
): Promise<void> {
  const screen = await knownScreen(state, screenId);
  if (!screen) {
    const key = SCREEN_ID_PATTERN.test(screenId) ? screenStreamKey(screenId) : MALFORMED_SCREEN_KEY;
    state.hub.open(key, response, [], clientAddress(request));
    return;
  }
  await openLobbyStream(state, screen.siteId, request, url, response, [screenStreamKey(screen.id)]);
  if (response.writableEnded || response.destroyed) return;
  const markSeen = () =>
    state.store.screens
      .markSeen(screen.id, state.now())
      .catch((error: unknown) => state.log(`lobby: screen ${screen.id} not marked seen: ${error}`));
  const timer = setInterval(() => void markSeen(), SCREEN_SEEN_EVERY_MS);
  timer.unref();
  response.once('close', () => clearInterval(timer));
  await markSeen();
}
