/** The statistics of a site's range of days, from the store (docs/statistics.md). */
import type {
  OfficeStatistics,
  StatisticsQuery,
} from '../../src-shared/contract/office-statistics';
import type { ServerStore } from '../store/store';
import { HttpError } from '../http-util';
import { aggregateStatistics } from './aggregate';

/** 404 for a site the server does not have. */
export async function officeStatistics(
  store: ServerStore,
  query: StatisticsQuery,
): Promise<OfficeStatistics> {
  const site = await store.sites.getSite(query.site);
  if (!site) throw new HttpError(404, 'not-found', `site ${query.site} is not known`);
  const services = await store.sites.listServices(query.site);
  return aggregateStatistics({
    site: query.site,
    from: query.from,
    to: query.to,
    timeZone: site.timeZone,
    services: services.map((service) => ({ id: service.id, names: service.names })),
    tickets: await store.statistics.ticketFacts(query.site, query.from, query.to),
  });
}
