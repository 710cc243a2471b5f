/** Answers of the office API that have no schema of their own in the shared contract. */
import { z } from 'zod';

export const SignedOutSchema = z.object({ signedOut: z.literal(true) });
