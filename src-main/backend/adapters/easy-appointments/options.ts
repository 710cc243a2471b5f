/**
 * Settings of the Easy!Appointments adapter, validated once at start-up. The kiosk config keeps
 * them under `api.easyAppointments` (docs/townhall-adapters.md).
 */
import { z } from 'zod';
import { SiteIdSchema } from '../../../../src-shared/domain/site-id';
import { AppointmentStatusSchema } from '../../../../src-shared/domain/appointment-status';
import { isValidTimeZone } from '../../../../src-shared/domain/site-time';
import { SERVICE_PREFIX_PATTERN } from '../../../../src-shared/domain/ticket-number';
import { isSecureOrLoopbackUrl, SECURE_URL_MESSAGE } from '../../secure-url';

/** An Easy!Appointments record id, as our string ids carry it ("7"). */
export const EaIdStringSchema = z.string().regex(/^[1-9]\d{0,17}$/, 'expected an EA numeric id');

const httpUrlSchema = z.string().refine(isSecureOrLoopbackUrl, { message: SECURE_URL_MESSAGE });

export const EasyAppointmentsOptionsSchema = z
  .object({
    /**
     * The installation's API root, e.g. `https://citas.ayto.example.es/index.php/api/v1`
     * (without `index.php` when URL rewriting is on). A URL not ending in `/api/v1` gets it added.
     */
    baseUrl: httpUrlSchema,
    /** The API token of EA's Settings → Integrations → API (sent as `Authorization: Bearer`). */
    apiToken: z.string().min(1).max(512),
    /** Our site id: EA has no such thing, the kiosk's config names it. */
    siteId: SiteIdSchema,
    /** Shown when EA's `company_name` setting is empty or unreadable. */
    siteName: z.string().min(1).max(120),
    /**
     * The office's zone. EA keeps appointment times in each provider's zone: the site's
     * providers must all be in this one (checked at every sync; refused otherwise). Used alone
     * when EA's providers name no zone (before EA 1.4).
     */
    timeZone: z.string().refine(isValidTimeZone, { message: 'unknown IANA time zone' }),
    /** Ticket prefix per EA service id (`{"7": "E"}`); others get one derived from the name. */
    servicePrefixes: z
      .record(EaIdStringSchema, z.string().regex(SERVICE_PREFIX_PATTERN, 'expected 1-3 A-Z'))
      .default({}),
    /** The EA status written at check-in; add it to EA's appointment status options. */
    checkedInStatus: z.string().trim().min(1).max(64).default('Checked-in'),
    /**
     * Extra EA statuses and what they mean to the kiosk (`{"Ausente": "no-show"}`), compared
     * without case. Built in: Cancelled/Canceled → cancelled, No-show → no-show,
     * `checkedInStatus` → checked-in, anything else → booked.
     */
    statusMap: z.record(z.string().min(1).max(64), AppointmentStatusSchema).default({}),
    /** EA service ids whose procedures admit walk-ins at the kiosk. */
    walkInServiceIds: z.array(EaIdStringSchema).max(200).default([]),
    /** Only appointments of these EA providers (an EA installation serving several offices). */
    providerIds: z.array(EaIdStringSchema).max(200).optional(),
    /** Records per EA request (`length`); EA's own default is 20. */
    pageLength: z.number().int().min(10).max(1000).default(200),
  })
  .strict();

export type EasyAppointmentsOptions = z.infer<typeof EasyAppointmentsOptionsSchema>;
export type EasyAppointmentsOptionsInput = z.input<typeof EasyAppointmentsOptionsSchema>;
