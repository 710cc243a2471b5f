/**
 * The Town Hall API v1 on Fastify: every `ApiRoute` of `routes/` under /api/v1, each with the
 * same steps in the same order as ever: (faults and the Host check ran before, in app.ts) the
 * site of the path (400/404), the device credential (401), the route's own early checks, then
 * the body (415/413/400, read by `bodies.ts`), its schema (400, zod through the type provider),
 * and the route. A fault decision may process a request twice or drop its answer.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { API_BASE_PATH } from '../../src-shared/contract/townhall-api';
import { SiteIdSchema } from '../../src-shared/domain/site-id';
import { authenticate } from '../authentication';
import type { ApiContext, ApiRoute, Reply, ServerState } from '../context';
import { errorBody, HttpError } from '../http-util';
import { acceptJsonBodies, JSON_ONLY, RejectedBody } from './bodies';
import { dropConnection } from './drop';
import { schemaError } from './errors';
import type { Endpoints } from './endpoints';

/** The site of a path: a valid identifier (400) of a site this server has (404). */
export async function resolveSite(state: ServerState, rawSiteId: string): Promise<string> {
  const parsed = SiteIdSchema.safeParse(rawSiteId);
  if (!parsed.success) throw new HttpError(400, 'bad-request', 'siteId: invalid site identifier');
  if (!(await state.store.sites.hasSite(parsed.data))) {
    throw new HttpError(404, 'not-found', `site ${parsed.data} is not known`);
  }
  return parsed.data;
}

function newContext(state: ServerState, request: FastifyRequest): ApiContext {
  return {
    state,
    request: request.raw,
    headers: request.headers,
    url: new URL(request.raw.url ?? '/', 'http://townhall.invalid'),
    params: { ...(request.params as Record<string, string>) },
    siteId: '',
    device: null,
    enrolledDevice: null,
  };
}

const contextOf = (request: FastifyRequest): ApiContext => {
  if (!request.apiContext) throw new Error('an API route ran without its context');
  return request.apiContext;
};

const errorReply = (error: HttpError): Reply => ({
  status: error.status,
  body: errorBody(error),
  headers: error.headers,
});

function sendReply(reply: FastifyReply, answer: Reply): void {
  if (!reply.request.raw.complete) reply.header('connection', 'close');
  reply
    .code(answer.status)
    .headers(answer.headers ?? {})
    .header('content-type', 'application/json; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(JSON.stringify(answer.body));
}

/** Runs a route's handler, once or (injected duplicate) twice, and answers or drops. */
async function answer(route: ApiRoute, request: FastifyRequest, reply: FastifyReply) {
  const context = contextOf(request);
  const handle = route.handle?.bind(route);
  if (!handle) throw new Error(`${route.path} has no handler`);
  const run = async (): Promise<Reply> => {
    try {
      return await handle(context, request.body);
    } catch (error) {
      if (error instanceof HttpError) return errorReply(error);
      throw error;
    }
  };
  const decision = request.faultDecision;
  let result = await run();
  if (decision?.duplicate) result = await run();
  if (decision?.drop === 'after') return dropConnection(reply);
  sendReply(reply, result);
}

/** Opens an SSE stream on the raw socket; a refusal (503) is still an ordinary answer. */
async function openStream(
  route: ApiRoute,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  // A refusal thrown before the stream writes anything is answered by Fastify as any other.
  await route.stream?.(contextOf(request), reply.raw);
  reply.hijack();
}

function register(app: FastifyInstance, state: ServerState, route: ApiRoute): void {
  const zodApp = app.withTypeProvider<ZodTypeProvider>();
  zodApp.route({
    method: route.method,
    url: `${API_BASE_PATH}${route.path}`,
    ...(route.body ? { schema: { body: route.body } } : {}),
    config: { stream: route.stream !== undefined, unsupportedMediaType: JSON_ONLY },
    // Everything that needs no body, before the body is read.
    onRequest: async (request) => {
      const context = newContext(state, request);
      request.apiContext = context;
      if (context.params.siteId !== undefined) {
        context.siteId = await resolveSite(state, context.params.siteId);
      }
      await authenticate(context, route);
      route.beforeBody?.(context);
    },
    // A POST without Content-Type and body has nothing to read: the type is still wrong.
    preValidation: async (request) => {
      if (request.body instanceof RejectedBody) throw request.body.error;
      if (route.body && request.body === undefined) {
        throw new HttpError(415, 'unsupported-media-type', JSON_ONLY);
      }
    },
    // The reply is returned: an async onSend hook (the staff session's) must be waited for.
    handler: async (request, reply) => {
      if (route.stream) await openStream(route, request, reply);
      else await answer(route, request, reply);
      return reply;
    },
  });
}

/** The API's routes, each also listed in `endpoints` for the 404/405 answers. */
export function apiRoutes(state: ServerState, routes: readonly ApiRoute[], endpoints: Endpoints) {
  return async (app: FastifyInstance): Promise<void> => {
    acceptJsonBodies(app, state.maxBodyBytes);
    app.setValidatorCompiler(validatorCompiler);
    app.setSchemaErrorFormatter((errors, dataVar) => schemaError(errors, dataVar));
    for (const route of routes) {
      endpoints.add(route.method, `${API_BASE_PATH}${route.path}`);
      register(app, state, route);
    }
  };
}
