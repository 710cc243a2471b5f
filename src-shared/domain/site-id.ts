/** A site's id (one Citizen Service Office): lower-case letters, digits and hyphens. */
import { z } from 'zod';

export const SiteIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);
