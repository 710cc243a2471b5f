/**
 * Easy!Appointments as a registered back end (`api.adapter: "easy-appointments"`): its settings
 * under `api.easyAppointments`, with the site id and time zone from the top of the
 * configuration and the request timeout from `api.timeoutMs`.
 */
import { z } from 'zod';
import { defineBackend } from '../../backend-entry';
import { createEasyAppointmentsBackend } from './adapter';
import { EasyAppointmentsOptionsSchema } from './options';

/** `api.easyAppointments`: the adapter's options but those the configuration has elsewhere. */
const EasyAppointmentsSectionSchema = EasyAppointmentsOptionsSchema.omit({
  siteId: true,
  timeZone: true,
});

export const easyAppointmentsBackend = defineBackend({
  section: { key: 'easyAppointments', schema: EasyAppointmentsSectionSchema },
  options: z
    .object({
      easyAppointments: EasyAppointmentsOptionsSchema,
      timeoutMs: z.number().int().positive(),
    })
    .strict(),
  optionsFrom: ({ siteId, timeZone, timeoutMs }, section) => ({
    easyAppointments: { ...section, siteId, timeZone },
    timeoutMs,
  }),
  create: ({ easyAppointments, timeoutMs }, deps) =>
    createEasyAppointmentsBackend(easyAppointments, {
      timeoutMs,
      log: deps.log,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.now ? { now: deps.now } : {}),
    }),
});
