/**
 * The administrator's lobby screens (`/office/api/admin/screens`): list a site's screens, add
 * one (its id is then fixed: it is typed into the TV), change its name and options, remove it.
 * Each change is audited old → new, field by field (names and options only: nothing of a
 * citizen), and ends that screen's streams (screen-feed.ts): the TV reconnects and reads its
 * snapshot again with the new options, untouched. Adding a screen ends the streams of a TV that
 * already asked for that id, so it starts at once.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LobbyOptions } from '../../src-shared/contract/lobby';
import {
  CreateScreenRequestSchema,
  RemoveScreenRequestSchema,
  ScreenIdSchema,
  UpdateScreenRequestSchema,
  type ScreensView,
} from '../../src-shared/contract/office-screens';
import type { ServerState } from '../context';
import { screenStreamKey } from '../screen-feed';
import type { ScreenRecord } from '../store/screens-repository';
import { audit } from './desk-service';
import { requireStaff } from './guards';
import { OfficeHttpError } from './office-errors';
import { officeSiteOf, SiteQuerySchema } from './office-site';

const ADMIN_SCREENS = '/office/api/admin/screens';

type Audited = Pick<ScreenRecord, 'name'> & { options: LobbyOptions };

/** One "field: old → new" line per field that changed (all of them for a new screen). */
function changes(before: Audited | null, after: Audited): string[] {
  const fields = (screen: Audited): [string, string][] => [
    ['name', screen.name],
    ...Object.entries(screen.options).map(([field, value]): [string, string] => [
      field,
      JSON.stringify(value),
    ]),
  ];
  const old = new Map(before ? fields(before) : []);
  return fields(after)
    .filter(([field, value]) => old.get(field) !== value)
    .map(([field, value]) => `${field}: ${old.get(field) ?? '—'} → ${value}`);
}

const IdParamsSchema = z.object({ id: ScreenIdSchema });

export function adminScreensRoutes(state: ServerState) {
  return async (plain: FastifyInstance): Promise<void> => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const siteOf = (requested: string | undefined) => officeSiteOf(state, requested);
    const view = async (siteId: string): Promise<ScreensView> => ({
      siteId,
      screens: (await state.store.screens.ofSite(siteId)).map((screen) => ({
        id: screen.id,
        name: screen.name,
        options: screen.options,
        lastSeenAt: screen.lastSeenMs === null ? null : new Date(screen.lastSeenMs).toISOString(),
      })),
    });
    const screenOf = async (siteId: string, id: string): Promise<ScreenRecord> => {
      const screen = await state.store.screens.byId(id);
      if (!screen || screen.siteId !== siteId) {
        throw new OfficeHttpError(404, 'not-found', 'no such screen');
      }
      return screen;
    };

    app.get(
      ADMIN_SCREENS,
      { preHandler: requireStaff('admin'), schema: { querystring: SiteQuerySchema } },
      async (request) => view(await siteOf(request.query.site)),
    );

    app.post(
      ADMIN_SCREENS,
      { preHandler: requireStaff('admin'), schema: { body: CreateScreenRequestSchema } },
      async (request) => {
        const siteId = await siteOf(request.body.site);
        const { id, name, options } = request.body;
        const created = await state.store.screens.insert(
          { id, siteId, name, options },
          state.now(),
        );
        if (!created) throw new OfficeHttpError(409, 'conflict', `screen ${id} exists already`);
        await audit(state, request.staff, siteId, 'screen-create', {
          screen: id,
          changes: changes(null, { name, options }),
        });
        state.hub.closeStreams(screenStreamKey(id));
        return view(siteId);
      },
    );

    app.post(
      `${ADMIN_SCREENS}/:id`,
      {
        preHandler: requireStaff('admin'),
        schema: { body: UpdateScreenRequestSchema, params: IdParamsSchema },
      },
      async (request) => {
        const siteId = await siteOf(request.body.site);
        const before = await screenOf(siteId, request.params.id);
        const { name, options } = request.body;
        const changed = changes(before, { name, options });
        if (changed.length > 0) {
          await state.store.screens.update(siteId, before.id, name, options);
          await audit(state, request.staff, siteId, 'screen-update', {
            screen: before.id,
            changes: changed,
          });
          state.hub.closeStreams(screenStreamKey(before.id));
        }
        return view(siteId);
      },
    );

    app.post(
      `${ADMIN_SCREENS}/:id/remove`,
      {
        preHandler: requireStaff('admin'),
        schema: { body: RemoveScreenRequestSchema, params: IdParamsSchema },
      },
      async (request) => {
        const siteId = await siteOf(request.body.site);
        const screen = await screenOf(siteId, request.params.id);
        await state.store.screens.remove(siteId, screen.id);
        await audit(state, request.staff, siteId, 'screen-remove', {
          screen: screen.id,
          name: screen.name,
        });
        state.hub.closeStreams(screenStreamKey(screen.id));
        return view(siteId);
      },
    );
  };
}
