/** The site an office request is about: its `site` (query or body), or the server's first. */
import { z } from 'zod';
import type { ServerState } from '../context';
import { resolveSite } from '../http/api-routes';
import { OfficeHttpError } from './office-errors';

/** `?site=` (or the body's `site`), validated; the server's first site when none is named. */
export async function officeSiteOf(
  state: ServerState,
  requested: string | undefined,
): Promise<string> {
  if (requested) return resolveSite(state, requested);
  const [first] = await state.store.sites.listSiteIds();
  if (!first) throw new OfficeHttpError(404, 'not-found', 'this server has no site');
  return first;
}

/** An office request's optional `site` (query or body), which officeSiteOf resolves. */
export const SiteQuerySchema = z.object({ site: z.string().max(64).optional() });
