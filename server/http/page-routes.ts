/**
 * The server's pages on Fastify (`routes/pages.ts`), in a scope of their own: helmet's security
 * headers on every page answer (each page adds its own hashed CSP). No page reads a body: any
 * posted one is refused (415) or bounded (413, 4 KiB) before it is looked at.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { ServerState } from '../context';
import { pageRoutes } from '../routes/pages';
import { acceptFormBodies, FORM_ONLY } from './bodies';
import type { Endpoints } from './endpoints';

const MAX_FORM_BYTES = 4096;

export function pages(state: ServerState, endpoints: Endpoints) {
  return async (app: FastifyInstance): Promise<void> => {
    await app.register(helmet, {
      // Every page sends its own policy (styles allowed by hash).
      contentSecurityPolicy: false,
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      // HTTPS is the reverse proxy's business (docs/server.md), and so is its HSTS.
      strictTransportSecurity: false,
    });
    acceptFormBodies(app, MAX_FORM_BYTES);
    for (const page of pageRoutes) {
      endpoints.add(page.method, page.path);
      app.route({
        method: page.method,
        url: page.path,
        config: { stream: page.stream === true, unsupportedMediaType: FORM_ONLY },
        onRequest: async (request) => page.beforeBody?.(state, request),
        handler: async (request, reply) => {
          const url = new URL(request.raw.url ?? '/', 'http://townhall.invalid');
          await page.handle(state, request, reply, url);
          // Returned: an async onSend hook (the staff session's) must be waited for.
          return reply;
        },
      });
    }
  };
}
