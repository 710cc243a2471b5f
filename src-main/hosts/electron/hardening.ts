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
export interface PermissionPolicy {
  /** The technician enabled camera QR scanning: video (never audio) for the kiosk page only. */
  camera: boolean;
  /** The origin of the kiosk page, e.g. `app://turnero`. */
  appOrigin: string;
}

interface MediaDetails {
  mediaTypes?: readonly string[];
  mediaType?: string;
  requestingUrl?: string;
}

function isCameraForKiosk(
  permission: string,
  origin: string,
  details: MediaDetails,
  policy: PermissionPolicy,
): boolean {
  if (!policy.camera || permission !== 'media') return false;
  // A custom scheme's origin is not parsed by WHATWG URL: compare the text (origin or full URL).
  if (origin !== policy.appOrigin && !origin.startsWith(`${policy.appOrigin}/`)) return false;
  const types = details.mediaTypes ?? (details.mediaType ? [details.mediaType] : []);
  return types.length > 0 && types.every((type) => type === 'video');
}

/**
 * Every permission is refused, except — when the technician enabled the camera — video capture
 * for the kiosk page itself, so the QR decoder can see.
 */
export function denyAllPermissions(
  session: Session,
  log: HostLog = () => {},
  policy: PermissionPolicy = { camera: false, appOrigin: 'app://turnero' },
): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const facts = (details ?? {}) as MediaDetails;
    if (isCameraForKiosk(permission, facts.requestingUrl ?? '', facts, policy)) {
      return callback(true);
    }
    log(`denied permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isCameraForKiosk(permission, requestingOrigin, (details ?? {}) as MediaDetails, policy),
  );
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
