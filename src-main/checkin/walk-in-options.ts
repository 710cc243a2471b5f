/**
 * What the walk-in screen offers: every service the kiosk has cached (the ones that take only
 * appointments too, so the screen can point to the booking web), with the tickets left today
 * under its daily cap, and whether priority tickets are given.
 */
import type { WalkInOptions } from '../../src-shared/contract/ipc';
import { localDayOf } from '../../src-shared/domain/site-time';
import type { CheckInContext, WalkInSettings } from './check-in-context';
import { ticketsLeft } from './daily-cap';

export function walkInOptions(context: CheckInContext, settings: WalkInSettings): WalkInOptions {
  const today = localDayOf(context.now(), context.timeZone);
  const hidden = new Set(settings.hiddenServices ?? []);
  return {
    services: context.store.catalog
      .listServices()
      .filter((service) => !hidden.has(service.id))
      .map((service) => ({
        id: service.id,
        names: service.names,
        walkInsAllowed: service.walkInsAllowed,
        remainingToday: ticketsLeft(context, service, today),
      })),
    priorityEnabled: settings.priorityEnabled,
    showRemainingBelow: settings.showRemainingBelow,
  };
}
