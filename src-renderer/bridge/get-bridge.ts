/**
 * Finds the bridge to the main process: Electron's preload puts it on `window.turnero`; in a plain
 * browser (the web host) the renderer builds one over a WebSocket. The browser the web host opens
 * proves the installation's secret with a session cookie it got from a one-time launch address;
 * a page opened at the address the CLI prints (`http://127.0.0.1:PORT/?token=…`) passes the token.
 */
import type { TurneroBridge } from '../../src-shared/contract/ipc';
// The `window.turnero` declaration, also for programs (the tests') that do not include it.
import type {} from '../env';
import { createWebBridge } from './web-bridge';

let cached: TurneroBridge | null = null;

/**
 * `path` on the web host that served this page, with the page's `?token=` when it has one;
 * without a token the browser sends the session cookie with the request.
 */
export function webHostAddress(
  path: string,
  location: Pick<Location, 'host' | 'search'>,
  scheme: 'http' | 'ws' = 'http',
): string {
  const token = new URLSearchParams(location.search).get('token');
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  return `${scheme}://${location.host}${path}${query}`;
}

/** The WebSocket address of the web host that served this page. */
export function webSocketUrl(location: Pick<Location, 'host' | 'search'>): string {
  return webHostAddress('/ws', location, 'ws');
}

export function getBridge(): TurneroBridge {
  if (cached) return cached;
  cached = window.turnero ?? createWebBridge({ url: webSocketUrl(window.location) });
  // `window.turnero` whichever the transport, as the contract says: over the web host's socket a
  // script in the page could open that socket itself, so this exposes nothing new.
  window.turnero ??= cached;
  return cached;
}
