/**
 * The public follow page's routes (routes/follow-page.ts) in a scope of their own, behind a
 * per-client rate limit (`@fastify/rate-limit`): anyone on the Internet may reach them, and
 * although a token cannot be guessed (≥128 random bits), nobody gets to try many. Past the
 * limit a request is answered 429 `rate-limited` with Retry-After. Behind a reverse proxy every
 * client has the proxy's address (docs/server.md), so the limit is for all of them together.
 */
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { ServerState } from '../context';
import { HttpError } from '../http-util';
import { followPageRoutes } from '../routes/follow-page';
import type { Endpoints } from './endpoints';

/**
 * Requests per minute one client address may make to the follow routes: a phone makes about six
 * to open the page and one or two a minute after, so this leaves room for the phones of a
 * waiting room behind one public Wi-Fi address, and none for trying tokens at volume.
 */
export const DEFAULT_FOLLOW_REQUESTS_PER_MINUTE = 300;

export function followRoutes(state: ServerState, endpoints: Endpoints, perMinute: number) {
  return async (app: FastifyInstance): Promise<void> => {
    await app.register(helmet, {
      contentSecurityPolicy: false,
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: false,
    });
    await app.register(rateLimit, {
      max: perMinute,
      timeWindow: 60_000,
      errorResponseBuilder: (_request, context) =>
        new HttpError(429, 'rate-limited', 'too many requests to the follow pages', {
          'retry-after': String(Math.ceil(context.ttl / 1000)),
        }),
    });
    for (const route of followPageRoutes) {
      endpoints.add(route.method, route.path);
      app.route({
        method: route.method,
        url: route.path,
        config: { stream: 'stream' in route && route.stream },
        handler: async (request, reply) => {
          const url = new URL(request.raw.url ?? '/', 'http://townhall.invalid');
          await route.handle(state, request, reply, url);
          // Returned: an async onSend hook (the staff session's) must be waited for.
          return reply;
        },
      });
    }
  };
}
