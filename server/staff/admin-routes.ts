/**
 * The administrator's staff accounts (`/office/api/admin/staff`): list, create, and change one
 * (role, disabled, a new password), and the office's settings (`/office/api/admin/site`: the
 * call order and the desks). Disabling an account or resetting its password ends its
 * sessions; an administrator cannot disable or demote themselves (the office would be left
 * without one). Every change goes to the audit log.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateStaffRequestSchema,
  UpdateOfficeSettingsRequestSchema,
  UpdateStaffRequestSchema,
  type OfficeSettingsView,
  type StaffAccount,
} from '../../src-shared/contract/office';
import type { ServerState } from '../context';
import type { StaffAccountRecord } from '../store/staff-repository';
import { audit } from './desk-service';
import { requireStaff } from './guards';
import { officeSiteOf, SiteQuerySchema } from './office-site';
import { OfficeHttpError } from './office-errors';
import { hashPassword } from './passwords';

const ADMIN_STAFF = '/office/api/admin/staff';
const ADMIN_SITE = '/office/api/admin/site';

const publicAccount = (account: StaffAccountRecord, nowMs: number): StaffAccount => ({
  id: account.id,
  username: account.username,
  displayName: account.displayName,
  role: account.role,
  disabled: account.disabled,
  locked: account.lockedUntilMs !== null && account.lockedUntilMs > nowMs,
});

export function adminRoutes(state: ServerState) {
  return async (plain: FastifyInstance): Promise<void> => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const list = async () => ({
      accounts: (await state.store.staff.list()).map((account) =>
        publicAccount(account, state.now().getTime()),
      ),
    });

    app.get(ADMIN_STAFF, { preHandler: requireStaff('admin') }, list);

    const siteOf = (requested: string | undefined) => officeSiteOf(state, requested);
    const settingsOf = async (siteId: string): Promise<OfficeSettingsView> => ({
      siteId,
      callOrder: await state.store.desks.callOrder(siteId),
      desks: await state.store.sites.listDesks(siteId),
    });
    app.get(
      ADMIN_SITE,
      {
        preHandler: requireStaff('admin'),
        schema: { querystring: SiteQuerySchema },
      },
      async (request) => settingsOf(await siteOf(request.query.site)),
    );
    app.post(
      ADMIN_SITE,
      { preHandler: requireStaff('admin'), schema: { body: UpdateOfficeSettingsRequestSchema } },
      async (request) => {
        const siteId = await siteOf(request.body.site);
        await state.store.desks.setCallOrder(siteId, request.body.callOrder);
        await state.store.desks.setDesks(siteId, request.body.desks);
        await audit(state, request.staff, siteId, 'office-settings', {
          callOrder: request.body.callOrder,
          desks: request.body.desks,
        });
        return settingsOf(siteId);
      },
    );

    app.post(
      ADMIN_STAFF,
      { preHandler: requireStaff('admin'), schema: { body: CreateStaffRequestSchema } },
      async (request) => {
        const { username, displayName, role, password } = request.body;
        const created = await state.store.staff.insert(
          {
            id: randomUUID(),
            username,
            displayName,
            role,
            passwordHash: await hashPassword(password),
          },
          state.now(),
        );
        if (!created) throw new OfficeHttpError(409, 'conflict', `${username} already exists`);
        await audit(state, request.staff, null, 'staff-create', { username, role });
        return list();
      },
    );

    app.post(
      `${ADMIN_STAFF}/:id`,
      {
        preHandler: requireStaff('admin'),
        schema: { body: UpdateStaffRequestSchema, params: z.object({ id: z.string().max(64) }) },
      },
      async (request) => {
        const account = await state.store.staff.byId(request.params.id);
        if (!account) throw new OfficeHttpError(404, 'not-found', 'no such account');
        const { role, disabled, password } = request.body;
        const self = account.id === request.staff?.id;
        if (self && (disabled === true || (role !== undefined && role !== 'admin'))) {
          throw new OfficeHttpError(409, 'conflict', 'an administrator cannot lock themselves out');
        }
        if (role !== undefined) await state.store.staff.setRole(account.id, role);
        if (disabled !== undefined) await state.store.staff.setDisabled(account.id, disabled);
        if (password !== undefined) {
          await state.store.staff.setPasswordHash(account.id, await hashPassword(password));
        }
        if (disabled === true || password !== undefined) {
          await state.store.staffSessions.destroyOfStaff(account.id);
        }
        await audit(state, request.staff, null, 'staff-update', {
          username: account.username,
          ...(role !== undefined ? { role } : {}),
          ...(disabled !== undefined ? { disabled } : {}),
          ...(password !== undefined ? { passwordReset: true } : {}),
        });
        return list();
      },
    );
  };
}
