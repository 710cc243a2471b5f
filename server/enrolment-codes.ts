/**
 * What an enrolment code allows, as seeds and the back office state it: the kiosk it is for
 * (a code without one, the older form, enrols any kiosk id not enrolled yet), how long it
 * lives, and whether it may replace the credential of a kiosk already enrolled. A code without
 * `replace` never touches an enrolled kiosk: that is what stops a stray code from taking one
 * over.
 */
import { z } from 'zod';
import { EnrolmentRequestSchema, KioskIdSchema } from '../src-shared/contract/townhall-api';

export const DEFAULT_CODE_TTL_MINUTES = 24 * 60;
export const MAX_CODE_TTL_MINUTES = 366 * 24 * 60;

export const EnrolmentCodeSpecSchema = z
  .strictObject({
    code: EnrolmentRequestSchema.shape.enrolmentCode,
    kioskId: KioskIdSchema.optional().describe('The one kiosk id the code enrols'),
    ttlMinutes: z
      .number()
      .int()
      .min(1)
      .max(MAX_CODE_TTL_MINUTES)
      .optional()
      .describe(`Minutes the code works after it is made; default ${DEFAULT_CODE_TTL_MINUTES}`),
    replace: z
      .boolean()
      .optional()
      .describe('May replace the credential of that kiosk when it is already enrolled'),
  })
  .refine((spec) => !spec.replace || spec.kioskId !== undefined, {
    message: 'a code that replaces a kiosk must name that kioskId',
    path: ['replace'],
  });
export type EnrolmentCodeSpec = z.infer<typeof EnrolmentCodeSpecSchema>;

/** How a code is stored beside its hash. */
export interface EnrolmentCodeRules {
  /** Null: any kiosk id that is not enrolled yet (codes of the older, plain form). */
  kioskId: string | null;
  expiresAt: Date;
  replace: boolean;
}

export function codeRules(spec: EnrolmentCodeSpec, madeAt: Date): EnrolmentCodeRules {
  const ttlMinutes = spec.ttlMinutes ?? DEFAULT_CODE_TTL_MINUTES;
  return {
    kioskId: spec.kioskId ?? null,
    expiresAt: new Date(madeAt.getTime() + ttlMinutes * 60_000),
    replace: spec.replace ?? false,
  };
}
