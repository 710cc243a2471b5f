/**
 * The administrator's booking settings (`/office/api/admin/booking`, docs/booking.md): per
 * service the schedule, the holidays and closures, the office's policy. Behind
 * `requireStaff('admin')`; every change audited old → new (settings only: no citizen's data).
 * A change applies at once: the free days and slots are computed from the stored settings.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AddHolidayRequestSchema,
  PutPolicyRequestSchema,
  PutScheduleRequestSchema,
  RemoveHolidayRequestSchema,
  type BookingAdminView,
} from '../../src-shared/contract/booking-admin';
import type { ServerState } from '../context';
import { audit } from '../staff/desk-service';
import { requireStaff } from '../staff/guards';
import { OfficeHttpError } from '../staff/office-errors';
import { officeSiteOf, SiteQuerySchema } from '../staff/office-site';

const ADMIN_BOOKING = '/office/api/admin/booking';

const described = (value: unknown): string => (value === undefined ? '' : JSON.stringify(value));

export function adminBookingRoutes(state: ServerState) {
  return async (plain: FastifyInstance): Promise<void> => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const { store } = state;
    const guard = { preHandler: requireStaff('admin') };

    const view = async (siteId: string): Promise<BookingAdminView> => {
      const site = await store.sites.getSite(siteId);
      return {
        siteId,
        services: (await store.sites.listServices(siteId)).map((service) => ({
          id: service.id,
          name: service.names.es,
        })),
        schedules: await store.bookingSettings.listSchedules(siteId),
        holidays: await store.bookingSettings.listHolidays(siteId),
        policy: await store.bookingSettings.getPolicy(siteId, site?.name ?? siteId),
      };
    };

    app.get(
      ADMIN_BOOKING,
      { ...guard, schema: { querystring: SiteQuerySchema } },
      async (request) => view(await officeSiteOf(state, request.query.site)),
    );

    app.post(
      `${ADMIN_BOOKING}/schedule`,
      { ...guard, schema: { body: PutScheduleRequestSchema } },
      async (request) => {
        const siteId = await officeSiteOf(state, request.body.site);
        const { schedule } = request.body;
        if (!(await store.sites.getService(siteId, schedule.serviceId))) {
          throw new OfficeHttpError(404, 'not-found', `service ${schedule.serviceId} is not known`);
        }
        const before = await store.bookingSettings.getSchedule(siteId, schedule.serviceId);
        await store.bookingSettings.putSchedule(siteId, schedule);
        await audit(state, request.staff, siteId, 'booking-schedule', {
          serviceId: schedule.serviceId,
          old: described(before),
          new: described(schedule),
        });
        return view(siteId);
      },
    );

    app.post(
      `${ADMIN_BOOKING}/holidays`,
      { ...guard, schema: { body: AddHolidayRequestSchema } },
      async (request) => {
        const siteId = await officeSiteOf(state, request.body.site);
        const { holiday } = request.body;
        if (holiday.serviceId && !(await store.sites.getService(siteId, holiday.serviceId))) {
          throw new OfficeHttpError(404, 'not-found', `service ${holiday.serviceId} is not known`);
        }
        const added = await store.bookingSettings.addHoliday(siteId, holiday);
        await audit(state, request.staff, siteId, 'booking-holiday-add', {
          old: '',
          new: described(added),
        });
        return view(siteId);
      },
    );

    app.post(
      `${ADMIN_BOOKING}/holidays/remove`,
      { ...guard, schema: { body: RemoveHolidayRequestSchema } },
      async (request) => {
        const siteId = await officeSiteOf(state, request.body.site);
        const removed = await store.bookingSettings.removeHoliday(siteId, request.body.id);
        if (!removed) throw new OfficeHttpError(404, 'not-found', 'no such holiday');
        await audit(state, request.staff, siteId, 'booking-holiday-remove', {
          old: described(removed),
          new: '',
        });
        return view(siteId);
      },
    );

    app.post(
      `${ADMIN_BOOKING}/policy`,
      { ...guard, schema: { body: PutPolicyRequestSchema } },
      async (request) => {
        const siteId = await officeSiteOf(state, request.body.site);
        const site = await store.sites.getSite(siteId);
        const before = await store.bookingSettings.getPolicy(siteId, site?.name ?? siteId);
        await store.bookingSettings.putPolicy(siteId, request.body.policy);
        await audit(state, request.staff, siteId, 'booking-policy', {
          old: described(before),
          new: described(request.body.policy),
        });
        return view(siteId);
      },
    );
  };
}
