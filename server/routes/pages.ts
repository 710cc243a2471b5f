/**
 * The pages of the reference server, in Spanish, without external assets: the staff page
 * (`staff-page.ts`), the waiting room's simple screen (`screen-page.ts`, server-rendered) and the
 * lobby screen (`lobby.ts`, the renderer's built lobby.html with its feed).
 *
 * A strict CSP goes with every page: styles are allowed by hash, the only script is a file of
 * this server, forms may post only here and nothing may frame the pages. These pages have no
 * login: run the server on loopback, or behind the town hall's own staff authentication.
 */
import type { FastifyRequest } from 'fastify';
import type { ServerState } from '../context';
import type { PageHandler } from './page-kit';
import { lobbyPageRoutes } from './lobby';
import { openScreenStream, serveScreenPage, serveScreenScript } from './screen-page';
import { checkSameOrigin, postStaffCallNext, serveStaffPage } from './staff-page';

export interface PageRoute {
  path: string;
  /** The one method it answers. */
  method: 'GET' | 'POST';
  /** Checks made before a posted form is read. */
  beforeBody?: (state: ServerState, request: FastifyRequest) => void;
  handle: PageHandler;
  /** Streams its answer on the raw socket (SSE). */
  stream?: boolean;
}

export const pageRoutes: readonly PageRoute[] = [
  { path: '/staff', method: 'GET', handle: serveStaffPage },
  { path: '/staff/', method: 'GET', handle: serveStaffPage },
  {
    path: '/staff/call-next',
    method: 'POST',
    beforeBody: checkSameOrigin,
    handle: postStaffCallNext,
  },
  { path: '/screen', method: 'GET', handle: serveScreenPage },
  { path: '/screen/', method: 'GET', handle: serveScreenPage },
  { path: '/screen.js', method: 'GET', handle: serveScreenScript },
  { path: '/screen/stream', method: 'GET', handle: openScreenStream, stream: true },
  ...lobbyPageRoutes,
];
