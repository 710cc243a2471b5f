/**
 * The administrator's office API beyond accounts and settings (`/office/api/admin/services`):
 * the site's services as the kiosks get them in their site info, and the change of one.
 */
import { z } from 'zod';
import { LocalizedTextSchema } from '../domain/language';
import { SERVICE_PREFIX_PATTERN } from '../domain/ticket-number';
import { CheckInWindowSchema, ServiceSchema } from './townhall-api';

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
