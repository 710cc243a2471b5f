/**
 * The administrator's notice for the lobby screens (`/office/api/admin/lobby-notice`): read it,
 * set it, or clear it (null). Audited old → new. A change ends the site's lobby streams: the
 * screens reconnect and read their snapshot again, now with the notice, each with its own options
 * (a snapshot event would carry one set of options to every screen), and a kiosk of any version
 * does the same after a reconnect.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  SetLobbyNoticeRequestSchema,
  type LobbyNoticeView,
} from '../../src-shared/contract/office-admin';
import type { ServerState } from '../context';
import { lobbyStreamKey } from '../lobby-feed';
import { audit } from './desk-service';
import { requireStaff } from './guards';
import { officeSiteOf, SiteQuerySchema } from './office-site';

const ADMIN_NOTICE = '/office/api/admin/lobby-notice';

export function adminNoticeRoutes(state: ServerState) {
  return async (plain: FastifyInstance): Promise<void> => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const siteOf = (requested: string | undefined) => officeSiteOf(state, requested);
    const view = async (siteId: string): Promise<LobbyNoticeView> => ({
      siteId,
      notice: await state.store.sites.getLobbyNotice(siteId),
    });

    app.get(
      ADMIN_NOTICE,
      {
        preHandler: requireStaff('admin'),
        schema: { querystring: SiteQuerySchema },
      },
      async (request) => view(await siteOf(request.query.site)),
    );
    app.post(
      ADMIN_NOTICE,
      { preHandler: requireStaff('admin'), schema: { body: SetLobbyNoticeRequestSchema } },
      async (request): Promise<LobbyNoticeView> => {
        const siteId = await siteOf(request.body.site);
        const before = await state.store.sites.getLobbyNotice(siteId);
        const notice = request.body.notice;
        if (before !== notice) {
          await state.store.sites.setLobbyNotice(siteId, notice);
          await audit(state, request.staff, siteId, 'lobby-notice', {
            old: before ?? '',
            new: notice ?? '',
          });
          state.hub.closeStreams(lobbyStreamKey(siteId));
        }
        return view(siteId);
      },
    );
  };
}
