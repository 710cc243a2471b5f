/**
 * What the server's hooks leave on a Fastify request for the later ones: the fault decision
 * drawn for it and, on an API route, its `ApiContext`. Declared once here so every module reads
 * them typed.
 */
import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context';
import type { FaultDecision } from '../faults';

declare module 'fastify' {
  interface FastifyRequest {
    /** Drawn for a site endpoint (`/api/v1/sites/**`) when faults are on; null otherwise. */
    faultDecision: FaultDecision | null;
    /** Filled in by the API routes' first hook; null on pages and unknown paths. */
    apiContext: ApiContext | null;
  }
  interface FastifyContextConfig {
    /** An SSE route: it answers on the raw socket, so a drop-after fault never applies. */
    stream?: boolean;
    /** The 415 message of the route's body reader (the API's JSON, the staff form). */
    unsupportedMediaType?: string;
  }
}

export function decorateRequests(app: FastifyInstance): void {
  app.decorateRequest('faultDecision', null);
  app.decorateRequest('apiContext', null);
}
