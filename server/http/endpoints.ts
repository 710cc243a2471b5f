/**
 * Which methods a path answers, over every route of the server (API and pages): what turns a
 * request Fastify found no route for into 404 (no such path) or 405 with an `Allow` header (a
 * known path asked with another method, HEAD and OPTIONS included).
 */
import { HttpError } from '../http-util';

/** 405: the answer names the allowed methods in an `Allow` header. */
export class MethodNotAllowedError extends HttpError {
  constructor(readonly allowed: string) {
    super(405, 'method-not-allowed', `use ${allowed}`, { allow: allowed });
  }
}

interface Endpoint {
  method: string;
  pattern: RegExp;
}

/** `/sites/:siteId/walk-ins` as a regular expression over a raw (encoded) path. */
const compile = (path: string): RegExp =>
  new RegExp(`^${path.replace(/:[A-Za-z]+/g, '[^/]+').replace(/\./g, '\\.')}$`);

export class Endpoints {
  private readonly table: Endpoint[] = [];

  /** A full path (`/api/v1/sites/:siteId`, `/staff`) and the one method it answers. */
  add(method: string, path: string): void {
    this.table.push({ method, pattern: compile(path) });
  }

  /** The error for a request no route took: 405 for a known path, else 404. */
  refusal(pathname: string): HttpError {
    const methods = this.table
      .filter((endpoint) => endpoint.pattern.test(pathname))
      .map((endpoint) => endpoint.method);
    if (methods.length === 0) {
      return new HttpError(404, 'not-found', `no such endpoint: ${pathname}`);
    }
    return new MethodNotAllowedError([...new Set(methods)].join(', '));
  }
}
