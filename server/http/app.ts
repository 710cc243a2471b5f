/**
 * The server's HTTP side on Fastify. Every request first passes the Host check (421: DNS
 * rebinding), then, on a site endpoint (`/api/v1/sites/**`), the fault injector (delay, 503,
 * dropped connection), then its route: the pages (`page-routes.ts`), the office's pages and API
 * (`staff/office-app.ts`, with the staff sessions of `staff/sessions.ts` on every scope, and the
 * booking back office), the public booking API (`booking/public-routes.ts`) or the API
 * (`api-routes.ts`). A request no route takes is 404, or 405 for a known path.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { API_BASE_PATH } from '../../src-shared/contract/townhall-api';
import type { ServerState } from '../context';
import type { FaultInjector } from '../faults';
import { HttpError } from '../http-util';
import { deviceRoutes } from '../routes/devices';
import { healthRoutes } from '../routes/health';
import { numberLeaseRoutes } from '../routes/number-leases';
import { siteRoutes } from '../routes/sites';
import { ticketRoutes } from '../routes/tickets';
import { lobbyApiRoutes } from '../routes/lobby';
import { turnRoutes } from '../routes/turns';
import { apiRoutes } from './api-routes';
import { dropConnection } from './drop';
import { Endpoints } from './endpoints';
import { handleError, pathnameOf, sendApiError } from './errors';
import { pages } from './page-routes';
import { followRoutes } from './follow-routes';
import { decorateRequests } from './request-state';
import { officeApp } from '../staff/office-app';
import type { OfficeSettings } from '../staff/office-settings';
import { registerStaffSessions } from '../staff/sessions';
import { requireStaff } from '../staff/guards';
import { sendOfficeError } from '../staff/office-errors';
import { statisticsRoutes } from '../statistics/statistics-routes';
import { bookingPages } from '../booking/booking-page-routes';
import type { BookingContext } from '../booking/booking-context';
import { publicBookingRoutes } from '../booking/public-routes';
import { staffBookingRoutes } from '../booking/staff-booking-routes';

const API_ROUTES = [
  ...healthRoutes,
  ...siteRoutes,
  ...ticketRoutes,
  ...numberLeaseRoutes,
  ...deviceRoutes,
  ...turnRoutes,
  ...lobbyApiRoutes,
];

const SITES_PREFIX = `${API_BASE_PATH}/sites/`;

/** Keep-alive sockets would otherwise hold close() open for their idle timeout. */
const KEEP_ALIVE_TIMEOUT_MS = 2000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Before anything else: a page of another name (DNS rebinding) gets nothing of this server. */
function checkHost(state: ServerState, request: FastifyRequest): void {
  const host = request.headers.host;
  if (!state.hosts.allows(host)) {
    throw new HttpError(
      421,
      'bad-request',
      `Host ${(host ?? '(none)').slice(0, 100)} is not a name of this server; ` +
        'a server reached under another name is started with --public-host NAME',
    );
  }
}

/**
 * Faults first, as a network or an overloaded server would: before anything else is looked at.
 * True when the connection was dropped.
 */
async function injectFaults(
  faults: FaultInjector,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<boolean> {
  if (!pathnameOf(request).startsWith(SITES_PREFIX)) return false;
  const decision = faults.decide(request.method === 'POST');
  request.faultDecision = decision;
  if (decision.delayMs > 0) await sleep(decision.delayMs);
  if (decision.error) {
    throw new HttpError(503, 'internal', 'service unavailable (injected fault)', {
      'retry-after': '1',
    });
  }
  if (decision.drop === 'before') {
    dropConnection(reply);
    return true;
  }
  return false;
}

export async function buildHttpApp(
  state: ServerState,
  faults: FaultInjector,
  office: OfficeSettings,
  booking: BookingContext,
): Promise<FastifyInstance> {
  const endpoints = new Endpoints();
  const app = Fastify({
    logger: false,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    // close() ends idle and streaming connections instead of waiting for them.
    forceCloseConnections: true,
    // HEAD is not part of the API: asked, it is 405 like any other method a path does not take.
    exposeHeadRoutes: false,
    // A path parameter is checked by the route (400), whatever its length.
    routerOptions: { maxParamLength: 65_535 },
    // X-Forwarded-* are believed only from a proxy the operator named (docs/server.md).
    trustProxy: office.trustProxy,
    // Called while node is still parsing the request: answered once it is read (a bodiless
    // request is then complete, and its connection kept alive).
    frameworkErrors: (error, request, reply) => {
      queueMicrotask(() => {
        try {
          checkHost(state, request);
          handleError(error, request, reply);
        } catch (refusal) {
          handleError(refusal as HttpError, request, reply);
        }
      });
    },
  });
  decorateRequests(app);
  app.setErrorHandler(handleError);
  app.addHook('onRequest', async (request, reply) => {
    checkHost(state, request);
    if (await injectFaults(faults, request, reply)) return reply;
    // No route took it: refused here, before any body is read.
    if (request.is404) throw endpoints.refusal(pathnameOf(request));
    return undefined;
  });
  app.setNotFoundHandler((request, reply) => {
    sendApiError(reply, endpoints.refusal(pathnameOf(request)));
  });
  // Staff sessions on every scope, so any route can stand behind requireStaff (staff/guards.ts).
  await registerStaffSessions(app, state, office);
  await app.register(pages(state, endpoints));
  await app.register(followRoutes(state, endpoints, state.followRequestsPerMinute));
  await app.register(bookingPages(state, endpoints));
  await app.register(
    officeApp({ state, settings: office }, endpoints, [staffBookingRoutes(booking)]),
  );
  // Never without the guard in front: the figures are the office's, for supervisors only. In a
  // scope of its own, refused like the rest of the office (codes the pages translate).
  await app.register(async (scope) => {
    scope.setErrorHandler(sendOfficeError);
    statisticsRoutes(scope, state, { authorize: requireStaff('supervisor') });
  });
  await app.register(publicBookingRoutes(booking, endpoints));
  await app.register(apiRoutes(state, API_ROUTES, endpoints));
  return app;
}
