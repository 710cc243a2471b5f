/**
 * The API's routing table: method + path pattern → route. An unknown path is 404; a known path
 * asked with another method is 405 with the methods it does allow. Also what a matched route
 * gets from the request: its site, checked, and a body read at most `maxBodyBytes` and
 * validated.
 */
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { API_BASE_PATH } from '../src-shared/contract/townhall-api';
import { SiteIdSchema } from '../src-shared/domain/site-id';
import type { ApiContext, ApiRoute, ServerState } from './context';
import { describeIssues, HttpError, readJsonBody } from './http-util';

/** 405: the answer names the allowed methods in an `Allow` header. */
export class MethodNotAllowedError extends HttpError {
  constructor(readonly allowed: string) {
    super(405, 'method-not-allowed', `use ${allowed}`);
  }
}

export interface RouteMatch {
  route: ApiRoute;
  params: Record<string, string>;
}

interface CompiledRoute {
  route: ApiRoute;
  pattern: RegExp;
  names: string[];
}

function compile(route: ApiRoute): CompiledRoute {
  const names: string[] = [];
  const source = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${API_BASE_PATH}${source}$`), names };
}

export class Router {
  private readonly table: readonly CompiledRoute[];

  constructor(routes: readonly ApiRoute[]) {
    this.table = routes.map(compile);
  }

  /** The route of a request and its decoded path parameters; throws 404 or 405. */
  match(method: string, pathname: string): RouteMatch {
    const matching = this.table.filter((entry) => entry.pattern.test(pathname));
    if (matching.length === 0) {
      throw new HttpError(404, 'not-found', `no such endpoint: ${pathname}`);
    }
    const entry = matching.find((candidate) => candidate.route.method === method);
    if (!entry) {
      throw new MethodNotAllowedError(
        [...new Set(matching.map((candidate) => candidate.route.method))].join(', '),
      );
    }
    const values = entry.pattern.exec(pathname)?.slice(1) ?? [];
    const params: Record<string, string> = {};
    entry.names.forEach((name, index) => {
      try {
        params[name] = decodeURIComponent(values[index] ?? '');
      } catch {
        throw new HttpError(404, 'not-found', `no such endpoint: ${pathname}`);
      }
    });
    return { route: entry.route, params };
  }
}

/** The site of a path: a valid identifier (400) of a site this server has (404). */
export function resolveSite(state: ServerState, rawSiteId: string): string {
  const parsed = SiteIdSchema.safeParse(rawSiteId);
  if (!parsed.success) throw new HttpError(400, 'bad-request', 'siteId: invalid site identifier');
  if (!state.store.sites.hasSite(parsed.data)) {
    throw new HttpError(404, 'not-found', `site ${parsed.data} is not known`);
  }
  return parsed.data;
}

/** A matched request's context; its site and device are filled in once they are checked. */
export function apiContext(
  state: ServerState,
  request: IncomingMessage,
  url: URL,
  params: Record<string, string>,
): ApiContext {
  let bodyPromise: Promise<unknown> | undefined;
  return {
    state,
    request,
    headers: request.headers,
    url,
    params,
    siteId: '',
    device: null,
    enrolledDevice: null,
    body: () => (bodyPromise ??= readJsonBody(request, state.maxBodyBytes)),
  };
}

/** The body, validated; a refusal names the field (`body.ticketId: …`). */
export async function parseBody<T>(context: ApiContext, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await context.body());
  if (!parsed.success) {
    throw new HttpError(400, 'bad-request', describeIssues(parsed.error, 'body.'));
  }
  return parsed.data;
}
