/**
 * The two pages of the reference server, server-rendered, in Spanish, without external assets:
 * the staff page (`staff-page.ts`) and the waiting room's screen (`screen-page.ts`).
 *
 * A strict CSP goes with every page: styles are allowed by hash, the only script is a file of
 * this server, forms may post only here and nothing may frame the pages. These pages have no
 * login: run the server on loopback, or behind the town hall's own staff authentication.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerState } from '../context';
import { HttpError } from '../http-util';
import { openScreenStream, serveScreenPage, serveScreenScript } from './screen-page';
import { postStaffCallNext, serveStaffPage } from './staff-page';

/** Handles a page request; false when the path is not a page. */
export async function handlePage(
  state: ServerState,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<boolean> {
  const method = request.method ?? 'GET';
  const only = (allowed: string) => {
    if (method !== allowed) {
      response.setHeader('allow', allowed);
      throw new HttpError(405, 'method-not-allowed', `use ${allowed}`);
    }
  };
  switch (url.pathname) {
    case '/staff':
    case '/staff/':
      only('GET');
      serveStaffPage(state, response, url);
      return true;
    case '/staff/call-next':
      only('POST');
      await postStaffCallNext(state, request, response, url);
      return true;
    case '/screen':
    case '/screen/':
      only('GET');
      serveScreenPage(state, response, url);
      return true;
    case '/screen.js':
      only('GET');
      serveScreenScript(response);
      return true;
    case '/screen/stream':
      only('GET');
      openScreenStream(state, request, response, url);
      return true;
    default:
      return false;
  }
}
