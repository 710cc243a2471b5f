/**
 * The supervisor's picture of a site: every desk (who, serving what, paused, its called
 * ticket), people waiting per service with the longest wait, and the kiosks' and screens' last
 * heartbeats (printer, outbox), and the day's conflicts from kiosks (refused ticket reports).
 */
import type { SupervisorView } from '../../src-shared/contract/office';
import { siteToday, type ServerState } from '../context';
import { deskStates } from './desk-service';
import { OfficeHttpError } from './office-errors';

export async function supervisorView(state: ServerState, siteId: string): Promise<SupervisorView> {
  const site = await state.store.sites.getSite(siteId);
  if (!site) throw new OfficeHttpError(404, 'not-found', `site ${siteId} is not known`);
  const nowMs = state.now().getTime();
  const today = await siteToday(state, siteId);
  const waiting = await state.store.tickets.waiting(siteId, today);
  const services = await state.store.sites.listServices(siteId);
  return {
    siteId,
    siteName: site.name,
    desks: await deskStates(state, siteId),
    waitingPerService: services.map((service) => {
      const ofService = waiting.filter((ticket) => ticket.serviceId === service.id);
      const oldest = Math.min(...ofService.map((ticket) => new Date(ticket.issuedAt).getTime()));
      return {
        serviceId: service.id,
        names: service.names,
        waiting: ofService.length,
        longestWaitMs: ofService.length > 0 ? Math.max(0, nowMs - oldest) : null,
      };
    }),
    devices: (await state.store.devices.list(siteId)).map((device) => ({
      kioskId: device.kioskId,
      deviceName: device.deviceName,
      lastSeenAt: device.lastSeenAt,
      printerState: device.printerState,
      outboxPending: device.outboxPending,
      connectivity: device.heartbeat?.connectivity ?? null,
    })),
    screens: (await state.store.screens.ofSite(siteId)).map((screen) => ({
      screenId: screen.id,
      name: screen.name,
      lastSeenAt: screen.lastSeenMs === null ? null : new Date(screen.lastSeenMs).toISOString(),
    })),
    conflicts: await state.store.kioskConflicts.ofDay(siteId, today),
    serverTimeMs: nowMs,
  };
}
