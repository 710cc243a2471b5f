/**
 * Staff sessions on the whole server: `@fastify/cookie`, `@fastify/session` (stored in the
 * database: session-store.ts) and `@fastify/csrf-protection` (its secret in the session). The
 * cookie `turnero_staff` is HttpOnly, SameSite=Strict, path `/`, and Secure when the public
 * origin is https (then the connection must be https as the server sees it: a TLS proxy's
 * X-Forwarded-Proto, believed only with `trustProxy`). No cookie is set before something is put
 * in the session (a CSRF token, a sign-in), so the kiosks' API never gets one.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifySession from '@fastify/session';
import type { FastifyInstance } from 'fastify';
import type { ServerState } from '../context';
import type { OfficeSettings } from './office-settings';
import { databaseSessionStore } from './session-store';
import { randomBytes } from 'node:crypto';

export const STAFF_COOKIE = 'turnero_staff';

/** The cookie signing secret: kept in the database so sessions survive a restart. */
async function sessionSecret(state: ServerState): Promise<string> {
  const existing = await state.store.staffSessions.secret();
  if (existing) return existing;
  const created = randomBytes(32).toString('base64url');
  return state.store.staffSessions.saveSecret(created);
}

export async function registerStaffSessions(
  app: FastifyInstance,
  state: ServerState,
  settings: OfficeSettings,
): Promise<void> {
  app.decorate('turneroOffice', { state, settings });
  app.decorateRequest('staff', null);
  const secure = settings.publicOrigin?.startsWith('https://') === true;
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: await sessionSecret(state),
    cookieName: STAFF_COOKIE,
    cookie: { httpOnly: true, sameSite: 'strict', secure, path: '/' },
    saveUninitialized: false,
    rolling: true,
    store: databaseSessionStore(state.store.staffSessions, state.now, settings.sessionIdleMs),
  });
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/session' });
}
