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

/** The WebSocket address of the web host that served this page. */
export function webSocketUrl(location: Pick<Location, 'host' | 'search'>): string {
  const token = new URLSearchParams(location.search).get('token');
  // Without a token the browser sends the session cookie with the upgrade request.
  if (token === null) return `ws://${location.host}/ws`;
  return `ws://${location.host}/ws?token=${encodeURIComponent(token)}`;
}

export function getBridge(): TurneroBridge {
  if (cached) return cached;
  cached = window.turnero ?? createWebBridge({ url: webSocketUrl(window.location) });
  // `window.turnero` whichever the transport, as the contract says: over the web host's socket a
  // script in the page could open that socket itself, so this exposes nothing new.
  window.turnero ??= cached;
  return cached;
}
