/**
 * The public follow-your-turn page (docs/follow.md): `GET /t/{token}` is the BUILT follow page
 * (`dist/renderer/follow.html`, whatever the token: the page itself asks for the state), its
 * assets under `/t/assets/`, the ticket's state as JSON and its event stream. An unknown,
 * malformed or expired token gets the same 404 from the state and the stream, so nothing tells
 * them apart. The whole group is rate-limited per client (http/follow-routes.ts).
 */
import { HttpError } from '../http-util';
import { followState, followedTicket, openFollowStream } from '../follow-feed';
import { ASSET_NAME, sendBuiltFile } from './lobby';
import type { PageHandler } from './page-kit';

const notFollowable = () => new HttpError(404, 'not-found', 'no ticket to follow here');

const tokenOf = (request: Parameters<PageHandler>[1]): string =>
  (request.params as { token?: string }).token ?? '';

const serveFollowHtml: PageHandler = async (state, _request, reply) => {
  // Search engines and link previews must not keep a ticket's page.
  reply.header('x-robots-tag', 'noindex, nofollow');
  await sendBuiltFile(state.lobbyPageDir, 'follow.html', reply);
};

const serveFollowAsset: PageHandler = async (state, request, reply) => {
  const { file } = request.params as { file?: string };
  if (!file || !ASSET_NAME.test(file)) throw new HttpError(404, 'not-found', 'no such file');
  await sendBuiltFile(state.lobbyPageDir, `assets/${file}`, reply);
};

const serveFollowState: PageHandler = async (state, request, reply) => {
  const followed = await followState(state, tokenOf(request));
  if (!followed) throw notFollowable();
  reply
    .code(200)
    .header('content-type', 'application/json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(JSON.stringify(followed));
};

const openFollowEvents: PageHandler = async (state, request, reply) => {
  const ticket = await followedTicket(state, tokenOf(request));
  if (!ticket) throw notFollowable();
  openFollowStream(state, ticket, request.raw, reply.raw);
  reply.hijack();
};

export const followPageRoutes = [
  { path: '/t/assets/:file', method: 'GET', handle: serveFollowAsset },
  { path: '/t/:token', method: 'GET', handle: serveFollowHtml },
  { path: '/t/:token/state', method: 'GET', handle: serveFollowState },
  { path: '/t/:token/events', method: 'GET', handle: openFollowEvents, stream: true },
] as const;
