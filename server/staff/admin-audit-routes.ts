/**
 * The administrator's view of the staff audit log (`GET /office/api/admin/audit`): newest first,
 * AUDIT_PAGE_SIZE entries a page, filtered by staff username, action and a range of days on the
 * site's wall clock (the office's days, whatever the server's zone). Reading the log is not
 * itself an action on the office, so it is not audited. The log holds no citizen data.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AUDIT_PAGE_SIZE,
  AuditQuerySchema,
  type AuditEntryView,
  type AuditPage,
} from '../../src-shared/contract/office-audit';
import { addDays, startOfLocalDay } from '../../src-shared/domain/site-time';
import type { ServerState } from '../context';
import type { AuditEntry } from '../store/staff-repository';
import { requireStaff } from './guards';
import { officeSiteOf } from './office-site';

const ADMIN_AUDIT = '/office/api/admin/audit';

/** A detail value as the page gets it (a copied list: the stored one is read-only). */
const copiedValue = (value: AuditEntry['detail'][string]): AuditEntryView['detail'][string] =>
  typeof value === 'object' ? [...value] : value;

export function adminAuditRoutes(state: ServerState) {
  return async (plain: FastifyInstance): Promise<void> => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    app.get(
      ADMIN_AUDIT,
      { preHandler: requireStaff('admin'), schema: { querystring: AuditQuerySchema } },
      async (request): Promise<AuditPage> => {
        const { site, staff, action, from, to, page } = request.query;
        const siteId = await officeSiteOf(state, site);
        const timeZone = await state.store.sites.timeZoneOf(siteId);
        const { entries, hasMore } = await state.store.staff.auditPage(
          {
            ...(staff !== undefined ? { username: staff } : {}),
            ...(action !== undefined ? { action } : {}),
            ...(from !== undefined ? { fromMs: startOfLocalDay(from, timeZone).getTime() } : {}),
            ...(to !== undefined
              ? { toMs: startOfLocalDay(addDays(to, 1), timeZone).getTime() }
              : {}),
          },
          AUDIT_PAGE_SIZE,
          page * AUDIT_PAGE_SIZE,
        );
        return {
          siteId,
          timeZone,
          page,
          hasMore,
          entries: entries.map((entry) => ({
            seq: entry.seq,
            at: new Date(entry.atMs).toISOString(),
            username: entry.username,
            siteId: entry.siteId,
            action: entry.action,
            detail: Object.fromEntries(
              Object.entries(entry.detail).map(([key, value]) => [key, copiedValue(value)]),
            ),
          })),
          ...(await state.store.staff.auditFacets()),
        };
      },
    );
  };
}
