/**
 * The public pages of the server, without external assets: the waiting room's simple screen
 * (`screen-page.ts`, server-rendered) and the lobby screen (`lobby.ts`, the renderer's built
 * lobby.html with its feed). They show numbers, services and desks only. The staff's pages
 * (`/staff`, `/office/**`) are the office app, behind sign-in: `staff/office-app.ts`.
 *
 * A strict CSP goes with every page: styles are allowed by hash, the only script is a file of
 * this server and nothing may frame the pages.
 */
import type { FastifyRequest } from 'fastify';
import type { ServerState } from '../context';
import type { PageHandler } from './page-kit';
import { lobbyPageRoutes } from './lobby';
import { openScreenStream, serveScreenPage, serveScreenScript } from './screen-page';

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
  { path: '/screen', method: 'GET', handle: serveScreenPage },
  { path: '/screen/', method: 'GET', handle: serveScreenPage },
  { path: '/screen.js', method: 'GET', handle: serveScreenScript },
  { path: '/screen/stream', method: 'GET', handle: openScreenStream, stream: true },
  ...lobbyPageRoutes,
];
