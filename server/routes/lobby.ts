/**
 * The lobby screen on the server (docs/lobby-screen.md): the Town Hall API's lobby feed for
 * kiosks (device credential, like the called-turn stream), and for a smart-TV browser the BUILT
 * lobby page (`dist/renderer/lobby.html` and its assets) with the same feed on the page's own
 * origin, without a credential: it carries only what the screen shows anyway.
 *
 * `GET /lobby[?site=ID]` sends the TV to `/lobby/lobby.html?feed=/lobby/feed/<site>`; the page
 * then reads `<feed>/snapshot` and `<feed>/events`. `GET /lobby?screen=ID` (a screen the
 * administrator keeps, with its own options: screen-feed.ts) sends it to the feed
 * `/lobby/screen/<id>` instead.
 */
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LobbySnapshot } from '../../src-shared/contract/lobby';
import type { ApiRoute } from '../context';
import { HttpError } from '../http-util';
import { resolveSite } from '../http/api-routes';
import {
  LOBBY_OPTION_PARAMETERS,
  lobbyOptionsFromQuery,
  lobbySnapshot,
  openLobbyStream,
} from '../lobby-feed';
import { openScreenStream, screenSnapshot } from '../screen-feed';
import { pageSite, type PageHandler } from './page-kit';

export const lobbyApiRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/sites/:siteId/lobby/snapshot',
    auth: 'device',
    handle: async ({ state, siteId, url }) => ({
      status: 200,
      body: await lobbySnapshot(state, siteId, lobbyOptionsFromQuery(url)),
    }),
  },
  {
    method: 'GET',
    path: '/sites/:siteId/lobby/events',
    auth: 'device',
    stream: ({ state, siteId, request, url }, response) =>
      openLobbyStream(state, siteId, request, url, response),
  },
];

/** Where `npm run build` writes the renderer, lobby.html among it. */
export const DEFAULT_LOBBY_PAGE_DIR = fileURLToPath(
  new URL('../../dist/renderer', import.meta.url),
);

/** The page's own assets and its feed on this origin: nothing else, nothing inline. */
export const LOBBY_PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; " +
  "frame-ancestors 'none'";

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** A file name vite writes into assets/: no path, no dot-dot (other built pages use it too). */
export const ASSET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

/** A file of the built renderer, under `csp` (the lobby's by default). */
export async function sendBuiltFile(
  dir: string,
  relative: string,
  reply: Parameters<PageHandler>[2],
  csp: string = LOBBY_PAGE_CSP,
): Promise<void> {
  const contentType = CONTENT_TYPES[extname(relative)];
  if (!contentType) throw new HttpError(404, 'not-found', 'no such file');
  let body: Buffer;
  try {
    body = await readFile(join(dir, relative));
  } catch {
    throw new HttpError(404, 'not-found', `${relative} is not built (npm run build)`);
  }
  reply
    .code(200)
    .header('content-type', contentType)
    // Assets carry a content hash; the page itself must be looked at again.
    .header(
      'cache-control',
      relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    )
    .header('content-security-policy', csp)
    .send(body);
}

const redirectToLobbyPage: PageHandler = async (state, _request, reply, url) => {
  const screenId = url.searchParams.get('screen');
  // Any screen id is sent on: an unknown one is told so on the screen, in its language.
  if (screenId !== null) {
    const feed = `/lobby/screen/${encodeURIComponent(screenId.slice(0, 64))}`;
    reply.redirect(`/lobby/lobby.html?feed=${encodeURIComponent(feed)}`, 302);
    return;
  }
  // A TV without a screen id keeps its options in its own address: the feed carries them.
  const options = new URLSearchParams();
  for (const name of LOBBY_OPTION_PARAMETERS) {
    const value = url.searchParams.get(name);
    if (value !== null) options.set(name, value);
  }
  const query = options.size > 0 ? `?${options.toString()}` : '';
  const feed = `/lobby/feed/${encodeURIComponent(await pageSite(state, url))}${query}`;
  reply.redirect(`/lobby/lobby.html?feed=${encodeURIComponent(feed)}`, 302);
};

const serveLobbyHtml: PageHandler = (state, _request, reply) =>
  sendBuiltFile(state.lobbyPageDir, 'lobby.html', reply);

const serveLobbyAsset: PageHandler = async (state, request, reply) => {
  const { file } = request.params as { file?: string };
  if (!file || !ASSET_NAME.test(file)) throw new HttpError(404, 'not-found', 'no such file');
  await sendBuiltFile(state.lobbyPageDir, `assets/${file}`, reply);
};

const siteOfFeed = (state: Parameters<PageHandler>[0], request: Parameters<PageHandler>[1]) =>
  resolveSite(state, (request.params as { siteId?: string }).siteId ?? '');

const sendSnapshot = (reply: Parameters<PageHandler>[2], snapshot: LobbySnapshot): void => {
  reply
    .code(200)
    .header('content-type', 'application/json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(JSON.stringify(snapshot));
};

const serveFeedSnapshot: PageHandler = async (state, request, reply, url) =>
  sendSnapshot(
    reply,
    await lobbySnapshot(state, await siteOfFeed(state, request), lobbyOptionsFromQuery(url)),
  );

const screenIdOf = (request: Parameters<PageHandler>[1]): string =>
  (request.params as { screenId?: string }).screenId ?? '';

const serveScreenSnapshot: PageHandler = async (state, request, reply) =>
  sendSnapshot(reply, await screenSnapshot(state, screenIdOf(request)));

const openScreenEvents: PageHandler = async (state, request, reply, url) => {
  await openScreenStream(state, screenIdOf(request), request.raw, url, reply.raw);
  reply.hijack();
};

const openFeedEvents: PageHandler = async (state, request, reply, url) => {
  await openLobbyStream(state, await siteOfFeed(state, request), request.raw, url, reply.raw);
  reply.hijack();
};

export const lobbyPageRoutes = [
  { path: '/lobby', method: 'GET', handle: redirectToLobbyPage },
  { path: '/lobby/', method: 'GET', handle: redirectToLobbyPage },
  { path: '/lobby/lobby.html', method: 'GET', handle: serveLobbyHtml },
  { path: '/lobby/assets/:file', method: 'GET', handle: serveLobbyAsset },
  { path: '/lobby/feed/:siteId/snapshot', method: 'GET', handle: serveFeedSnapshot },
  { path: '/lobby/feed/:siteId/events', method: 'GET', handle: openFeedEvents, stream: true },
  { path: '/lobby/screen/:screenId/snapshot', method: 'GET', handle: serveScreenSnapshot },
  { path: '/lobby/screen/:screenId/events', method: 'GET', handle: openScreenEvents, stream: true },
] as const;
