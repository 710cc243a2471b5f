/**
 * Device authentication: with auth required, a device route needs `Authorization: Bearer
 * <credential>` of a device of the path's site (401 otherwise), and a kiosk named in a path or
 * body must be the credential's own (403). With auth optional the header is not looked at.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiContext, ApiRoute, AuthenticatedDevice, ServerState } from './context';
import { HttpError } from './http-util';

/** The device of a bearer credential, which must belong to the site. */
function authenticateDevice(
  state: ServerState,
  request: IncomingMessage,
  response: ServerResponse,
  siteId: string,
): AuthenticatedDevice {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(header);
  const device = match ? state.store.devices.authenticate(match[1] as string) : undefined;
  if (!device || device.siteId !== siteId) {
    response.setHeader('www-authenticate', 'Bearer realm="turnero"');
    throw new HttpError(
      401,
      'unauthorized',
      match
        ? 'the credential is not valid for this site; enrol the device again'
        : 'Authorization: Bearer <device credential> is required',
    );
  }
  return device;
}

/** Fills in `context.device` when the route needs a device and the server requires auth. */
export function authenticate(context: ApiContext, route: ApiRoute, response: ServerResponse) {
  if (route.auth === 'device' && context.state.auth === 'required') {
    context.device = authenticateDevice(context.state, context.request, response, context.siteId);
  }
}

/**
 * With auth required, the kiosk named in a path or body must be the credential's own device:
 * a kiosk cannot report, lease or fetch configuration for another one.
 */
export function requireKiosk(context: ApiContext, kioskId: string): void {
  if (context.device && context.device.kioskId !== kioskId) {
    throw new HttpError(
      403,
      'unauthorized',
      `this credential belongs to kiosk ${context.device.kioskId}, not ${kioskId}`,
    );
  }
}
