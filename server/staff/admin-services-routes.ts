/**
 * The administrator's services (`/office/api/admin/services`): list a site's services and change
 * one (names, prefix, daily cap, walk-ins, check-in window). The kiosks read the services from
 * the site info they sync (routes/sites.ts), so a change reaches them at their next sync; no
 * field of the Town Hall API changes. A prefix another service of the site has is refused (two
 * services would print the same numbers). Each change is audited field by field, old → new.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  UpdateServiceRequestSchema,
  type ServicesView,
  type UpdateServiceRequest,
} from '../../src-shared/contract/office-admin';
import type { Service } from '../../src-shared/contract/townhall-api';
import type { ServerState } from '../context';
import { audit } from './desk-service';
import { requireStaff } from './guards';
import { officeSiteOf, SiteQuerySchema } from './office-site';
import { OfficeHttpError } from './office-errors';

const ADMIN_SERVICES = '/office/api/admin/services';

const shown = (value: unknown): string =>
  value === null || value === undefined ? '—' : JSON.stringify(value);

/** One "field: old → new" line per field that changed. */
function changes(before: Service, after: Service): string[] {
  const fields = ['names', 'prefix', 'dailyCap', 'walkInsAllowed', 'checkInWindow'] as const;
  return fields
    .map((field) => [field, shown(before[field]), shown(after[field])] as const)
    .filter(([, from, to]) => from !== to)
    .map(([field, from, to]) => `${field}: ${from} → ${to}`);
}

const edited = (service: Service, request: UpdateServiceRequest): Service => ({
  id: service.id,
  names: request.names,
  prefix: request.prefix,
  dailyCap: request.dailyCap,
  walkInsAllowed: request.walkInsAllowed,
  checkInWindow: request.checkInWindow,
});

export function adminServicesRoutes(state: ServerState) {
  return async (plain: FastifyInstance): Promise<void> => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const siteOf = (requested: string | undefined) => officeSiteOf(state, requested);
    const view = async (siteId: string): Promise<ServicesView> => ({
      siteId,
      services: await state.store.sites.listServices(siteId),
    });

    app.get(
      ADMIN_SERVICES,
      {
        preHandler: requireStaff('admin'),
        schema: { querystring: SiteQuerySchema },
      },
      async (request) => view(await siteOf(request.query.site)),
    );
    app.post(
      `${ADMIN_SERVICES}/:id`,
      {
        preHandler: requireStaff('admin'),
        schema: { body: UpdateServiceRequestSchema, params: z.object({ id: z.string().max(64) }) },
      },
      async (request) => {
        const siteId = await siteOf(request.body.site);
        const services = await state.store.sites.listServices(siteId);
        const before = services.find((service) => service.id === request.params.id);
        if (!before) throw new OfficeHttpError(404, 'not-found', 'no such service');
        const after = edited(before, request.body);
        if (services.some((other) => other.id !== before.id && other.prefix === after.prefix)) {
          throw new OfficeHttpError(409, 'conflict', `prefix ${after.prefix} is taken`);
        }
        const changed = changes(before, after);
        if (changed.length > 0) {
          await state.store.sites.updateService(siteId, after);
          await audit(state, request.staff, siteId, 'service-update', {
            service: before.id,
            changes: changed,
          });
        }
        return view(siteId);
      },
    );
  };
}
