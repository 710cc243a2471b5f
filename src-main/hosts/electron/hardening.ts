/**
 * Hardening applied to every webContents and to the renderer session: no navigation, no new
 * windows, no <webview>, no permissions, no network for the renderer.
 */
import type { Session, WebContents } from 'electron';

export type HostLog = (line: string) => void;

interface PreventableEvent {
  preventDefault(): void;
}

/** Denies navigation, redirects, new windows and <webview> for one webContents. */
export function hardenWebContents(contents: WebContents, log: HostLog = () => {}): void {
  const deny =
    (what: string) =>
    (event: PreventableEvent, url?: string): void => {
      event.preventDefault();
      log(`denied ${what}${typeof url === 'string' ? ` to ${url}` : ''}`);
    };
  // The renderer is a single page: it never navigates, so every navigation is refused.
  contents.on('will-navigate', deny('navigation'));
  contents.on('will-frame-navigate', (event) => {
    event.preventDefault();
    log(`denied frame navigation to ${event.url}`);
  });
  contents.on('will-redirect', deny('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('denied <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log(`denied new window to ${url}`);
    return { action: 'deny' };
  });
}

/** No permission is ever granted: camera, microphone, geolocation, notifications, HID, serial… */
export function denyAllPermissions(session: Session, log: HostLog = () => {}): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`denied permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => {
    log('denied display media request');
    callback(null);
  });
}

/** URL patterns of remote traffic the renderer session must never make. */
export const BLOCKED_RENDERER_URLS = [
  'http://*/*',
  'https://*/*',
  'ws://*/*',
  'wss://*/*',
  'ftp://*/*',
];

/**
 * The renderer talks to the main process through IPC only; its session has no business on the
 * network (the kiosk services use Node's own HTTP client, which this does not affect).
 */
export function blockRemoteRequests(session: Session, log: HostLog = () => {}): void {
  session.webRequest.onBeforeRequest({ urls: BLOCKED_RENDERER_URLS }, (details, callback) => {
    log(`blocked renderer request to ${details.url}`);
    callback({ cancel: true });
  });
}
