/**
 * How the statistics page asks its server for the figures: same origin (the staff session's
 * cookie goes along by itself), the answer checked against the contract. A 401 or 403 is the
 * supervisor sign-in the page then asks for, not an error.
 */
import {
  OfficeStatisticsSchema,
  type OfficeStatistics,
  type StatisticsQuery,
} from '../../../src-shared/contract/office-statistics';

export const STATISTICS_API = '/office/api/statistics';
export const STATISTICS_CSV = '/office/api/statistics.csv';

export type StatisticsAnswer =
  | { kind: 'figures'; statistics: OfficeStatistics }
  | { kind: 'sign-in' }
  | { kind: 'failed'; reason: string };

export const statisticsSearch = (query: StatisticsQuery): string =>
  `?${new URLSearchParams({ site: query.site, from: query.from, to: query.to }).toString()}`;

/** The server's message of a refusal (`{ error: { message } }`), else the HTTP status. */
async function refusalReason(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: unknown } };
    if (typeof body.error?.message === 'string') return body.error.message;
  } catch {
    // Not the API's JSON: the status says enough.
  }
  return `HTTP ${response.status}`;
}

export async function fetchStatistics(
  query: StatisticsQuery,
  fetcher: typeof fetch = fetch,
): Promise<StatisticsAnswer> {
  let response: Response;
  try {
    response = await fetcher(`${STATISTICS_API}${statisticsSearch(query)}`, {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
  } catch (error) {
    return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
  if (response.status === 401 || response.status === 403) return { kind: 'sign-in' };
  if (!response.ok) return { kind: 'failed', reason: await refusalReason(response) };
  const parsed = OfficeStatisticsSchema.safeParse(await response.json());
  return parsed.success
    ? { kind: 'figures', statistics: parsed.data }
    : { kind: 'failed', reason: 'unexpected answer' };
}
