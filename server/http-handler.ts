/**
 * What node:http calls for every request: the Host check, then a page, else an API route, with
 * injected faults on the site endpoints. Any error becomes an `ApiError` answer; one that is not an HttpError is a
 * bug, logged here and answered 500 without details.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_BASE_PATH } from '../src-shared/contract/townhall-api';
import { authenticate } from './authentication';
import type { ApiRoute, Reply, ServerState } from './context';
import type { FaultInjector } from './faults';
import { errorBody, HttpError, sendError, sendJson } from './http-util';
import { apiContext, MethodNotAllowedError, resolveSite, Router } from './router';
import { deviceRoutes } from './routes/devices';
import { healthRoutes } from './routes/health';
import { numberLeaseRoutes } from './routes/number-leases';
import { handlePage } from './routes/pages';
import { siteRoutes } from './routes/sites';
import { ticketRoutes } from './routes/tickets';
import { turnRoutes } from './routes/turns';

const router = new Router([
  ...healthRoutes,
  ...siteRoutes,
  ...ticketRoutes,
  ...numberLeaseRoutes,
  ...deviceRoutes,
  ...turnRoutes,
]);

const SITES_PREFIX = `${API_BASE_PATH}/sites/`;

const errorReply = (error: HttpError): Reply => ({
  status: error.status,
  body: errorBody(error),
  headers: error.headers,
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Destroys the connection without an answer: what a dropped network looks like to the client. */
const dropConnection = (request: IncomingMessage, response: ServerResponse): void => {
  response.socket?.destroy();
  request.socket.destroy();
};

async function handleApi(
  state: ServerState,
  faults: FaultInjector,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const method = request.method ?? 'GET';
  // Faults first, as a network or an overloaded server would: before anything is looked at.
  const decision = url.pathname.startsWith(SITES_PREFIX) ? faults.decide(method === 'POST') : null;
  if (decision && decision.delayMs > 0) await sleep(decision.delayMs);
  if (decision?.error) {
    response.setHeader('retry-after', '1');
    throw new HttpError(503, 'internal', 'service unavailable (injected fault)');
  }
  if (decision?.drop === 'before') return dropConnection(request, response);

  const { route, params } = router.match(method, url.pathname);
  const context = apiContext(state, request, url, params);
  const prepare = () => {
    if (params.siteId !== undefined) context.siteId = resolveSite(state, params.siteId);
    authenticate(context, route, response);
  };
  if (route.stream) {
    prepare();
    return route.stream(context, response);
  }
  const handle = route.handle as NonNullable<ApiRoute['handle']>;
  const process = async (): Promise<Reply> => {
    try {
      prepare();
      return await handle(context);
    } catch (error) {
      if (error instanceof HttpError) return errorReply(error);
      throw error;
    }
  };
  let reply = await process();
  if (decision?.duplicate) reply = await process();
  if (decision?.drop === 'after') return dropConnection(request, response);
  // An unread request body is not worth draining: answer and close the connection.
  if (!request.complete) response.setHeader('connection', 'close');
  sendJson(response, reply.status, reply.body, reply.headers);
}

/** The node:http request listener of a server with this state and fault injector. */
export function createRequestHandler(
  state: ServerState,
  faults: FaultInjector,
): (request: IncomingMessage, response: ServerResponse) => void {
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    // Before anything else: a page of another name (DNS rebinding) gets nothing of this server.
    const host = request.headers.host;
    if (!state.hosts.allows(host)) {
      throw new HttpError(
        421,
        'bad-request',
        `Host ${(host ?? '(none)').slice(0, 100)} is not a name of this server; ` +
          'a server reached under another name is started with --public-host NAME',
      );
    }
    const url = new URL(request.url ?? '/', 'http://townhall.invalid');
    if (await handlePage(state, request, response, url)) return;
    await handleApi(state, faults, request, response, url);
  };
  return (request, response) => {
    handle(request, response).catch((error: unknown) => {
      const httpError =
        error instanceof HttpError
          ? error
          : new HttpError(500, 'internal', 'internal error; see the server log');
      if (!(error instanceof HttpError)) console.error('townhall-api:', error);
      if (error instanceof MethodNotAllowedError) response.setHeader('allow', error.allowed);
      // An unread request body is not worth draining: answer and close the connection.
      if (!request.complete) response.setHeader('connection', 'close');
      if (!response.headersSent) sendError(response, httpError);
      else response.destroy();
    });
  };
}
