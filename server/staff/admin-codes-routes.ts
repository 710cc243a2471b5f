/**
 * The administrator's kiosk enrolment codes (`/office/api/admin/enrolment-codes`): make one for
 * one kiosk id, living so many hours, single use (the codes the server already has:
 * enrolment-codes.ts, DevicesRepository); list the open ones; revoke one. The code is answered
 * once, to the request that made it: the server keeps only its hash, and the list and the audit
 * log name a code by `ref` (the first 16 hex digits of that hash), never by the code.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateEnrolmentCodeRequestSchema,
  type CreatedEnrolmentCode,
  type EnrolmentCodesView,
} from '../../src-shared/contract/office-admin';
import type { ServerState } from '../context';
import { hashSecret, newEnrolmentCode } from '../device-secrets';
import { codeRules, EnrolmentCodeSpecSchema } from '../enrolment-codes';
import { enrolmentCodeRef } from '../store/devices-repository';
import { audit } from './desk-service';
import { requireStaff } from './guards';
import { officeSiteOf, SiteQuerySchema } from './office-site';
import { OfficeHttpError } from './office-errors';

const ADMIN_CODES = '/office/api/admin/enrolment-codes';

export function adminCodesRoutes(state: ServerState) {
  return async (plain: FastifyInstance): Promise<void> => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const siteOf = (requested: string | undefined) => officeSiteOf(state, requested);
    const view = async (siteId: string): Promise<EnrolmentCodesView> => ({
      siteId,
      codes: await state.store.devices.openEnrolmentCodes(siteId, state.now()),
    });

    app.get(
      ADMIN_CODES,
      {
        preHandler: requireStaff('admin'),
        schema: { querystring: SiteQuerySchema },
      },
      async (request) => view(await siteOf(request.query.site)),
    );
    app.post(
      ADMIN_CODES,
      { preHandler: requireStaff('admin'), schema: { body: CreateEnrolmentCodeRequestSchema } },
      async (request): Promise<CreatedEnrolmentCode> => {
        const siteId = await siteOf(request.body.site);
        const { kioskId, ttlHours } = request.body;
        const spec = EnrolmentCodeSpecSchema.parse({
          code: newEnrolmentCode(),
          kioskId,
          ttlMinutes: ttlHours * 60,
        });
        const made = state.now();
        const rules = codeRules(spec, made);
        if (!(await state.store.devices.addEnrolmentCode(siteId, spec.code, rules, made))) {
          throw new OfficeHttpError(409, 'conflict', 'try again');
        }
        const ref = enrolmentCodeRef(hashSecret(spec.code));
        const expiresAt = rules.expiresAt.toISOString();
        await audit(state, request.staff, siteId, 'enrolment-code-create', {
          kioskId,
          ref,
          expiresAt,
        });
        return {
          ...(await view(siteId)),
          code: spec.code,
          created: { ref, kioskId, createdAt: made.toISOString(), expiresAt },
        };
      },
    );
    app.post(
      `${ADMIN_CODES}/:ref/revoke`,
      {
        preHandler: requireStaff('admin'),
        schema: {
          body: SiteQuerySchema,
          params: z.object({ ref: z.string().regex(/^[0-9a-f]{16}$/) }),
        },
      },
      async (request) => {
        const siteId = await siteOf(request.body.site);
        const revoked = await state.store.devices.revokeEnrolmentCode(siteId, request.params.ref);
        if (!revoked) throw new OfficeHttpError(404, 'not-found', 'no such open code');
        await audit(state, request.staff, siteId, 'enrolment-code-revoke', {
          kioskId: revoked.kioskId ?? '',
          ref: request.params.ref,
        });
        return view(siteId);
      },
    );
  };
}
