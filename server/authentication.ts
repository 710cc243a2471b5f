/**
 * Device authentication: with auth required, a device route needs `Authorization: Bearer
 * <credential>` of a device of the path's site (401 otherwise), and a kiosk named in a path or
 * body must be the credential's own (403). With auth optional a valid credential only tells that
 * the client is an enrolled device (which alone gets the ID-hash salt); none is needed.
 */
import type { IncomingMessage } from 'node:http';
import type { ApiContext, ApiRoute, AuthenticatedDevice, ServerState } from './context';
import { HttpError } from './http-util';

/** The device of a request's bearer credential when it is one of the site's; else null. */
async function deviceOf(
  state: ServerState,
  request: IncomingMessage,
  siteId: string,
): Promise<AuthenticatedDevice | null> {
  const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(request.headers.authorization ?? '');
  const device = match ? await state.store.devices.authenticate(match[1] as string) : undefined;
  return device && device.siteId === siteId ? device : null;
}

/** The device of a bearer credential, which must belong to the site (401 otherwise). */
async function authenticateDevice(
  state: ServerState,
  request: IncomingMessage,
  siteId: string,
): Promise<AuthenticatedDevice> {
  const device = await deviceOf(state, request, siteId);
  if (!device) {
    const sent = /^Bearer\s/i.test(request.headers.authorization ?? '');
    throw new HttpError(
      401,
      'unauthorized',
      sent
        ? 'the credential is not valid for this site; enrol the device again'
        : 'Authorization: Bearer <device credential> is required',
      { 'www-authenticate': 'Bearer realm="turnero"' },
    );
  }
  return device;
}

/**
 * For a route that takes a device: with auth required, fills in `context.device` (401 without a
 * valid credential); in both modes, `context.enrolledDevice` when a valid credential came.
 */
export async function authenticate(context: ApiContext, route: ApiRoute): Promise<void> {
  if (route.auth !== 'device') return;
  const { state, request, siteId } = context;
  if (state.auth === 'required') {
    context.device = await authenticateDevice(state, request, siteId);
    context.enrolledDevice = context.device;
  } else {
    context.enrolledDevice = await deviceOf(state, request, siteId);
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
