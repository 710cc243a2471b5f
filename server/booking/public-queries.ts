/**
 * What the booking page reads (no writes): the site with its bookable services and privacy
 * facts, the days of a service with a free slot, and a day's free slots, by the free-slot rule
 * (free-slots.ts) on the server's clock.
 */
import type { BookingSite, FreeDays, FreeSlots } from '../../src-shared/contract/booking';
import type { ServerState } from '../context';
import { BookingHttpError } from './booking-errors';
import { bookingWindow, freeDays, freeSlotsOfDay, type SlotRules } from './free-slots';

export async function bookingSite(state: ServerState, siteId: string): Promise<BookingSite> {
  const { store } = state;
  const site = await store.sites.getSite(siteId);
  if (!site) throw new BookingHttpError(404, 'not-found', `site ${siteId} is not known`);
  const schedules = new Map(
    (await store.bookingSettings.listSchedules(siteId)).map((schedule) => [
      schedule.serviceId,
      schedule,
    ]),
  );
  const policy = await store.bookingSettings.getPolicy(siteId, site.name);
  const services = (await store.sites.listServices(siteId)).flatMap((service) => {
    const schedule = schedules.get(service.id);
    if (!schedule?.online) return [];
    return [
      {
        id: service.id,
        names: service.names,
        slotMinutes: schedule.slotMinutes,
        requiresCitizenId: schedule.requiresCitizenId,
      },
    ];
  });
  return {
    siteId,
    name: site.name,
    timeZone: site.timeZone,
    services,
    privacy: {
      purgeAfterDays: policy.purgeAfterDays,
      controllerName: policy.controllerName,
      rightsContact: policy.rightsContact,
    },
  };
}

/** The rules of a service bookable online now; 404 for one that is not. */
export async function onlineSlotRules(
  state: ServerState,
  siteId: string,
  serviceId: string,
): Promise<SlotRules> {
  const { store } = state;
  const schedule = await store.bookingSettings.getSchedule(siteId, serviceId);
  if (!schedule?.online || !(await store.sites.getService(siteId, serviceId))) {
    throw new BookingHttpError(404, 'not-found', `service ${serviceId} is not bookable online`);
  }
  const timeZone = await store.sites.timeZoneOf(siteId);
  const now = state.now();
  const rules: SlotRules = { schedule, holidays: [], timeZone, now };
  return {
    ...rules,
    holidays: await store.bookingSettings.listHolidays(siteId, bookingWindow(rules).firstDay),
  };
}

export async function freeDaysOf(
  state: ServerState,
  siteId: string,
  serviceId: string,
): Promise<FreeDays> {
  const rules = await onlineSlotRules(state, siteId, serviceId);
  const window = bookingWindow(rules);
  const taken = await state.store.bookings.takenStarts(
    siteId,
    serviceId,
    window.firstDay,
    window.lastDay,
  );
  return { days: freeDays(rules, taken) };
}

export async function freeSlotsOf(
  state: ServerState,
  siteId: string,
  serviceId: string,
  day: string,
): Promise<FreeSlots> {
  return freeSlotsByRules(state, siteId, await onlineSlotRules(state, siteId, serviceId), day);
}

/** A day's free slots of the rules' service: what the booking page and the back office offer. */
export async function freeSlotsByRules(
  state: ServerState,
  siteId: string,
  rules: SlotRules,
  day: string,
): Promise<FreeSlots> {
  const { serviceId } = rules.schedule;
  const taken = await state.store.bookings.takenStarts(siteId, serviceId, day, day);
  return {
    day,
    slots: freeSlotsOfDay(rules, day, taken).map((slot) => ({
      startsAt: slot.startsAt.toISOString(),
      localTime: slot.localTime,
      free: slot.free,
    })),
  };
}
