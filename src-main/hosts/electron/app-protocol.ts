/**
 * The privileged `app://turnero/` protocol that serves the built renderer (dist/renderer). The
 * renderer is never loaded from `file://`: a custom standard, secure scheme gives it a real
 * origin, so CSP `'self'` means exactly the app's own files and nothing else on the disk.
 */
import path from 'node:path';
import type { CustomScheme } from 'electron';
import { SECURITY_HEADERS } from './content-security-policy';

export const APP_SCHEME = 'app';
export const APP_HOST = 'turnero';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Passed to `protocol.registerSchemesAsPrivileged` before the app is ready. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    codeCache: true,
    // Sounds (chime) stream from the same origin.
    stream: true,
  },
};

/** True when `url` is on the app's own origin (`app://turnero/...`). */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * Maps an `app://turnero/...` URL to a file under `rootDir`, or null when the URL is not on the
 * app origin or would leave `rootDir` (`..`, encoded `%2e%2e%2f`, backslashes, NUL bytes).
 */
export function resolveAppFilePath(url: string, rootDir: string): string | null {
  if (!isAppUrl(url)) return null;
  const { pathname } = new URL(url);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return null;
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const root = path.resolve(rootDir);
  const resolved = path.resolve(root, relative);
  const fromRoot = path.relative(root, resolved);
  if (fromRoot === '' || fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) return null;
  return resolved;
}

export interface AppProtocolDeps {
  /** dist/renderer. */
  rootDir: string;
  /** `net.fetch` in Electron: fetches a `file://` URL (asar-aware). */
  fetchFile: (fileUrl: string) => Promise<Response>;
  /** `url.pathToFileURL`. */
  toFileUrl: (filePath: string) => URL;
  log?: (line: string) => void;
}

function plainResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS },
  });
}

/** The handler given to `protocol.handle(APP_SCHEME, ...)`. Never throws; never leaves rootDir. */
export function createAppProtocolHandler(
  deps: AppProtocolDeps,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plainResponse(405, 'Method Not Allowed');
    }
    const filePath = resolveAppFilePath(request.url, deps.rootDir);
    if (filePath === null) {
      deps.log?.(`app protocol refused ${request.url}`);
      return plainResponse(404, 'Not Found');
    }
    let upstream: Response;
    try {
      upstream = await deps.fetchFile(deps.toFileUrl(filePath).toString());
    } catch {
      return plainResponse(404, 'Not Found');
    }
    if (!upstream.ok) return plainResponse(404, 'Not Found');
    const headers = new Headers(upstream.headers);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
    headers.set('Cache-Control', 'no-cache');
    return new Response(request.method === 'HEAD' ? null : upstream.body, {
      status: 200,
      headers,
    });
  };
}
