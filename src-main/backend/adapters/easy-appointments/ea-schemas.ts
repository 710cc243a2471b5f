/**
 * The parts of Easy!Appointments' REST API v1 resources this adapter reads (its openapi.yml:
 * AppointmentRecord, ServiceRecord, SettingRecord). Only the fields used are checked; the rest
 * passes through untouched, so a newer EA with more fields still validates.
 */
import { z } from 'zod';

/** EA's local date-time, in the installation's zone: `2026-02-10 09:30:00`. */
export const EA_LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2}) ([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

const eaId = z.number().int().positive();

export const EaAppointmentSchema = z
  .object({
    id: eaId,
    start: z.string().regex(EA_LOCAL_DATE_TIME, 'expected "YYYY-MM-DD HH:MM:SS"'),
    end: z.string().regex(EA_LOCAL_DATE_TIME, 'expected "YYYY-MM-DD HH:MM:SS"').nullish(),
    /** The booking hash of EA's confirmation and manage links: our booking code. */
    hash: z.string().regex(/^[A-Za-z0-9]{1,64}$/, 'expected an alphanumeric hash'),
    /** EA 1.5+; absent in older versions (then: booked). */
    status: z.string().max(64).nullish(),
    serviceId: eaId,
    providerId: eaId.nullish(),
  })
  .loose();
export type EaAppointment = z.infer<typeof EaAppointmentSchema>;

export const EaAppointmentListSchema = z.array(EaAppointmentSchema);

export const EaServiceSchema = z
  .object({
    id: eaId,
    name: z.string().min(1).max(200),
  })
  .loose();
export type EaService = z.infer<typeof EaServiceSchema>;

export const EaServiceListSchema = z.array(EaServiceSchema);

/**
 * A provider as asked for with `fields=id,timezone`: EA keeps the times of a provider's
 * appointments in the provider's zone (EA 1.4+; `UTC` unless set). Nothing personal is asked.
 */
export const EaProviderSchema = z
  .object({
    id: eaId,
    timezone: z.string().max(64).nullish(),
  })
  .loose();
export type EaProvider = z.infer<typeof EaProviderSchema>;

export const EaProviderListSchema = z.array(EaProviderSchema);

/** Any collection asked for `fields=id` (a cheap authenticated request). */
export const EaIdListSchema = z.array(z.object({ id: eaId }).loose());

/** `GET /settings/{name}`: the value is null (or an empty string) when the setting is unset. */
export const EaSettingSchema = z
  .object({
    name: z.string(),
    value: z.string().nullable(),
  })
  .loose();
export type EaSetting = z.infer<typeof EaSettingSchema>;
