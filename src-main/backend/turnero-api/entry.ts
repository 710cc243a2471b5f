/**
 * The Town Hall API v1 as a registered back end (`api.adapter: "turnero"`): `api.baseUrl`,
 * `api.timeoutMs` and the device credential.
 */
import { z } from 'zod';
import { SiteIdSchema } from '../../../src-shared/domain/site-id';
import { defineBackend } from '../backend-entry';
import { isSecureOrLoopbackUrl, SECURE_URL_MESSAGE } from '../secure-url';
import { createTurneroApiClient } from './api-client';

const TurneroBackendOptionsSchema = z
  .object({
    baseUrl: z.string().refine(isSecureOrLoopbackUrl, { message: SECURE_URL_MESSAGE }),
    siteId: SiteIdSchema,
    timeoutMs: z.number().int().positive(),
  })
  .strict();

export const turneroBackend = defineBackend({
  options: TurneroBackendOptionsSchema,
  // A missing baseUrl fails the URL check; the kiosk refuses such a file before it gets here.
  optionsFrom: ({ baseUrl, siteId, timeoutMs }) => ({ baseUrl: baseUrl ?? '', siteId, timeoutMs }),
  create: (options, deps) =>
    createTurneroApiClient({
      ...options,
      credential: deps.credential,
      log: deps.log,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      ...(deps.now ? { now: deps.now } : {}),
    }),
});
