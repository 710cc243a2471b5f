/**
 * The administrator's office API beyond accounts and settings (`/office/api/admin/services`):
 * the site's services as the kiosks get them in their site info, and the change of one; the
 * kiosk enrolment codes (`/office/api/admin/enrolment-codes`): make, list the open ones, revoke.
 */
import { z } from 'zod';
import { LocalizedTextSchema } from '../domain/language';
import { SERVICE_PREFIX_PATTERN } from '../domain/ticket-number';
import { CheckInWindowSchema, KioskIdSchema, ServiceSchema } from './townhall-api';

export const ServicesViewSchema = z.object({
  siteId: z.string().max(64),
  services: z.array(ServiceSchema).max(200),
});
export type ServicesView = z.infer<typeof ServicesViewSchema>;

/** Every editable field of a service at once (the page sends the whole form). */
export const UpdateServiceRequestSchema = z.object({
  site: z.string().max(64).optional(),
  names: LocalizedTextSchema,
  prefix: z.string().regex(SERVICE_PREFIX_PATTERN),
  dailyCap: z.number().int().min(1).max(999).nullable(),
  walkInsAllowed: z.boolean(),
  checkInWindow: CheckInWindowSchema.nullable(),
});
export type UpdateServiceRequest = z.infer<typeof UpdateServiceRequestSchema>;

/** A kiosk enrolment code still open (unused, unexpired); `ref` names it, never the code. */
export const OpenEnrolmentCodeSchema = z.object({
  ref: z.string().regex(/^[0-9a-f]{16}$/),
  kioskId: z.string().max(64).nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type OpenEnrolmentCode = z.infer<typeof OpenEnrolmentCodeSchema>;

export const EnrolmentCodesViewSchema = z.object({
  siteId: z.string().max(64),
  codes: z.array(OpenEnrolmentCodeSchema).max(1000),
});
export type EnrolmentCodesView = z.infer<typeof EnrolmentCodesViewSchema>;

/** Most hours a code may live: 366 days, as the server's own limit. */
export const MAX_CODE_TTL_HOURS = 366 * 24;

export const CreateEnrolmentCodeRequestSchema = z.object({
  site: z.string().max(64).optional(),
  kioskId: KioskIdSchema,
  ttlHours: z.number().int().min(1).max(MAX_CODE_TTL_HOURS),
});
export type CreateEnrolmentCodeRequest = z.infer<typeof CreateEnrolmentCodeRequestSchema>;

/** The new code, shown once: the server keeps only its hash. */
export const CreatedEnrolmentCodeSchema = EnrolmentCodesViewSchema.extend({
  code: z.string().max(64),
  created: OpenEnrolmentCodeSchema,
});
export type CreatedEnrolmentCode = z.infer<typeof CreatedEnrolmentCodeSchema>;

/** The lobby screens' notice (ticker) as the administrator sets it; null: none. */
export const LobbyNoticeSchema = z.string().trim().min(1).max(500).nullable();

export const LobbyNoticeViewSchema = z.object({
  siteId: z.string().max(64),
  notice: LobbyNoticeSchema,
});
export type LobbyNoticeView = z.infer<typeof LobbyNoticeViewSchema>;

export const SetLobbyNoticeRequestSchema = z.object({
  site: z.string().max(64).optional(),
  notice: LobbyNoticeSchema,
});
export type SetLobbyNoticeRequest = z.infer<typeof SetLobbyNoticeRequestSchema>;
