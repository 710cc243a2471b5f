/**
 * The office API under `/office/api` (src-shared/contract/office.ts, docs/office.md): session,
 * sign-in and sign-out, the desk's actions, the supervisor's view, the administrator's staff
 * accounts, and the live stream. Every route but the session and sign-in stands behind
 * `requireStaff` (guards.ts); sign-in has a per-client rate limit besides the account lockout.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  DeskActionRequestSchema,
  OpenDeskRequestSchema,
  PauseRequestSchema,
  SignInRequestSchema,
  TransferRequestSchema,
  type SessionResponse,
  type StaffMember,
} from '../../src-shared/contract/office';
import { clientAddress } from '../http-util';
import { officeSiteOf, SiteQuerySchema } from './office-site';
import { adminCodesRoutes } from './admin-codes-routes';
import { adminAuditRoutes } from './admin-audit-routes';
import { adminNoticeRoutes } from './admin-notice-routes';
import { adminScreensRoutes } from './admin-screens-routes';
import { adminBookingRoutes } from '../booking/admin-booking-routes';
import { adminRoutes } from './admin-routes';
import { adminServicesRoutes } from './admin-services-routes';
import * as desk from './desk-service';
import { passesCsrf, requireStaff, signedInStaff } from './guards';
import { officeStreamKey } from './office-events';
import { OfficeHttpError } from './office-errors';
import type { OfficeContext } from './office-settings';
import { signIn, signOut } from './sign-in';
import { supervisorView } from './supervisor-view';

export const OFFICE_API = '/office/api';

const staffOf = (request: FastifyRequest): StaffMember => {
  if (!request.staff) throw new OfficeHttpError(401, 'signed-out', 'sign in first');
  return request.staff;
};

const siteOf = (office: OfficeContext, requested: string | undefined): Promise<string> =>
  officeSiteOf(office.state, requested);

export function officeApiRoutes(office: OfficeContext) {
  const { state, settings } = office;
  return async (plain: FastifyInstance): Promise<void> => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const view = async (request: FastifyRequest, site: string) =>
      desk.deskView(state, staffOf(request), await siteOf(office, site));

    app.get(`${OFFICE_API}/session`, async (request, reply): Promise<SessionResponse> => ({
      staff: await signedInStaff(request),
      csrfToken: reply.generateCsrf(),
    }));

    app.post(
      `${OFFICE_API}/sign-in`,
      {
        schema: { body: SignInRequestSchema },
        config: {
          rateLimit: {
            max: settings.signIn.perClientPerMinute,
            timeWindow: 60_000,
            keyGenerator: (request: FastifyRequest) =>
              settings.trustProxy ? request.ip : clientAddress(request.raw),
          },
        },
      },
      async (request, reply) => {
        if (!passesCsrf(request, reply)) return reply;
        return signIn(state, settings.signIn, request, reply, request.body);
      },
    );

    app.post(`${OFFICE_API}/sign-out`, { preHandler: requireStaff('desk') }, async (request) => {
      await desk.leaveDesk(state, staffOf(request));
      await signOut(state, staffOf(request), request);
      return { signedOut: true };
    });

    app.get(
      `${OFFICE_API}/desk`,
      { preHandler: requireStaff('desk'), schema: { querystring: SiteQuerySchema } },
      async (request) => view(request, request.query.site ?? ''),
    );

    app.post(
      `${OFFICE_API}/desk/open`,
      { preHandler: requireStaff('desk'), schema: { body: OpenDeskRequestSchema } },
      async (request) => {
        const site = await siteOf(office, request.body.site);
        await desk.openDesk(
          state,
          staffOf(request),
          site,
          request.body.desk,
          request.body.serviceIds,
        );
        return view(request, site);
      },
    );

    app.post(
      `${OFFICE_API}/desk/leave`,
      { preHandler: requireStaff('desk'), schema: { body: DeskActionRequestSchema } },
      async (request) => {
        await desk.leaveDesk(state, staffOf(request));
        return view(request, request.body.site);
      },
    );

    app.post(
      `${OFFICE_API}/desk/pause`,
      { preHandler: requireStaff('desk'), schema: { body: PauseRequestSchema } },
      async (request) => {
        const site = await siteOf(office, request.body.site);
        await desk.pauseDesk(state, staffOf(request), site, request.body.paused);
        return view(request, site);
      },
    );

    const actions = {
      'call-next': desk.callNext,
      'call-again': desk.callAgain,
      finish: (s: typeof state, staff: StaffMember, site: string) =>
        desk.finishTicket(s, staff, site, 'served'),
      'no-show': (s: typeof state, staff: StaffMember, site: string) =>
        desk.finishTicket(s, staff, site, 'no-show'),
    } as const;
    for (const [name, action] of Object.entries(actions)) {
      app.post(
        `${OFFICE_API}/desk/${name}`,
        { preHandler: requireStaff('desk'), schema: { body: DeskActionRequestSchema } },
        async (request) => {
          const site = await siteOf(office, request.body.site);
          await action(state, staffOf(request), site);
          return view(request, site);
        },
      );
    }

    app.post(
      `${OFFICE_API}/desk/transfer`,
      { preHandler: requireStaff('desk'), schema: { body: TransferRequestSchema } },
      async (request) => {
        const site = await siteOf(office, request.body.site);
        await desk.transferTicket(state, staffOf(request), site, request.body.serviceId);
        return view(request, site);
      },
    );

    app.get(
      `${OFFICE_API}/events`,
      { preHandler: requireStaff('desk'), schema: { querystring: SiteQuerySchema } },
      async (request, reply) => {
        const site = await siteOf(office, request.query.site);
        state.hub.open(officeStreamKey(site), reply.raw, [], clientAddress(request.raw));
        return reply.hijack();
      },
    );

    app.get(
      `${OFFICE_API}/supervisor`,
      { preHandler: requireStaff('supervisor'), schema: { querystring: SiteQuerySchema } },
      async (request) => supervisorView(state, await siteOf(office, request.query.site)),
    );

    await app.register(adminRoutes(state));
    await app.register(adminServicesRoutes(state));
    await app.register(adminCodesRoutes(state));
    await app.register(adminNoticeRoutes(state));
    await app.register(adminScreensRoutes(state));
    await app.register(adminAuditRoutes(state));
    await app.register(adminBookingRoutes(state));
  };
}
