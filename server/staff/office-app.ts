/**
 * The office side on Fastify, in a scope of its own: helmet's headers (Referrer-Policy
 * `same-origin`: a `no-referrer` page makes Chromium post `Origin: null`), the per-client rate
 * limit plugin (used by sign-in), JSON bodies validated by zod, refusals as `OfficeError`s, the
 * pages (office-pages.ts) and the API (office-routes.ts). Each route is also listed in the
 * server's endpoint table for its 404/405 answers.
 */
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { acceptJsonBodies } from '../http/bodies';
import type { Endpoints } from '../http/endpoints';
import { sendOfficeError } from './office-errors';
import { checkSameOrigin } from './origin-check';
import { officePages } from './office-pages';
import { officeApiRoutes } from './office-routes';
import type { OfficeContext } from './office-settings';

const MAX_OFFICE_BODY_BYTES = 16 * 1024;

/**
 * `more`: route plugins of other parts of the server that belong to the office (the booking back
 * office), registered in this scope so they get its checks, bodies and refusals.
 */
export function officeApp(
  office: OfficeContext,
  endpoints: Endpoints,
  more: readonly ((app: FastifyInstance) => Promise<void>)[] = [],
) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) endpoints.add(method, route.url);
    });
    await app.register(helmet, {
      contentSecurityPolicy: false,
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'same-origin' },
      // HTTPS and its HSTS are the reverse proxy's business (docs/server.md).
      strictTransportSecurity: false,
    });
    // A cross-site write is refused before its body is read (guards.ts checks it again, with
    // the CSRF token, for routes of any scope).
    app.addHook('onRequest', async (request) => {
      if (request.method !== 'GET') checkSameOrigin(office, request);
    });
    await app.register(rateLimit, { global: false });
    acceptJsonBodies(app, MAX_OFFICE_BODY_BYTES);
    app.setValidatorCompiler(validatorCompiler);
    app.setErrorHandler(sendOfficeError);
    await app.register(officePages(office.state));
    await app.register(officeApiRoutes(office));
    for (const routes of more) await app.register(routes);
  };
}
