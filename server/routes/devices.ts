/** Devices: enrolment (one-time code → credential), heartbeats and remote configuration. */
import {
  EnrolmentRequestSchema,
  HeartbeatSchema,
  KioskIdSchema,
  type EnrolmentRequest,
  type EnrolmentResponse,
  type Heartbeat,
  type HeartbeatResponse,
} from '../../src-shared/contract/townhall-api';
import { requireKiosk } from '../authentication';
import { apiRoute, type ApiContext, type ApiRoute, type Reply } from '../context';
import { clientAddress, HttpError, retryLater } from '../http-util';

function pathKiosk(context: ApiContext): string {
  const parsed = KioskIdSchema.safeParse(context.params.kioskId);
  if (!parsed.success) throw new HttpError(400, 'bad-request', 'kioskId: invalid kiosk identifier');
  requireKiosk(context, parsed.data);
  return parsed.data;
}

/**
 * A client whose codes failed too often in the last minute is not even looked at (429), so
 * codes cannot be guessed at network speed.
 */
function throttleEnrolment(context: ApiContext): void {
  const waitMs = context.state.enrolmentThrottle.waitMs(clientAddress(context.request));
  if (waitMs > 0) {
    throw retryLater(429, 'rate-limited', 'too many failed enrolment attempts; wait', waitMs);
  }
}

/** Exchanges a code for a credential; a code that does not work counts against the client. */
async function enrol(context: ApiContext, request: EnrolmentRequest): Promise<Reply> {
  const { state, siteId } = context;
  const client = clientAddress(context.request);
  const result = await state.store.devices.enrol(siteId, request, state.now());
  if (result.outcome === 'invalid-code') {
    state.enrolmentThrottle.recordFailure(client);
    throw new HttpError(
      401,
      'unauthorized',
      'the enrolment code is not valid here (unknown, used, expired, or for another site or kiosk)',
    );
  }
  if (result.outcome === 'already-enrolled') {
    throw new HttpError(
      409,
      'conflict',
      `${request.kioskId} is already enrolled; to replace it (its credential stops working), ` +
        `ask town hall IT for an enrolment code made to replace ${request.kioskId}`,
    );
  }
  const body: EnrolmentResponse = {
    siteId,
    kioskId: request.kioskId,
    credential: result.credential,
  };
  return { status: 201, body };
}

async function heartbeat(context: ApiContext, beat: Heartbeat): Promise<Reply> {
  const kioskId = pathKiosk(context);
  if (beat.kioskId !== kioskId) {
    throw new HttpError(400, 'bad-request', 'body.kioskId must equal the kiosk of the path');
  }
  const now = context.state.now();
  await context.state.store.devices.recordHeartbeat(context.siteId, beat, now);
  const body: HeartbeatResponse = {
    serverTime: now.toISOString(),
    configVersion: (await context.state.store.remoteConfig.of(context.siteId, kioskId)).version,
  };
  return { status: 200, body };
}

async function remoteConfig(context: ApiContext): Promise<Reply> {
  const kioskId = pathKiosk(context);
  return { status: 200, body: await context.state.store.remoteConfig.of(context.siteId, kioskId) };
}

export const deviceRoutes: ApiRoute[] = [
  apiRoute({
    method: 'POST',
    path: '/sites/:siteId/devices',
    auth: 'none',
    body: EnrolmentRequestSchema,
    beforeBody: throttleEnrolment,
    handle: enrol,
  }),
  apiRoute({
    method: 'POST',
    path: '/sites/:siteId/devices/:kioskId/heartbeat',
    auth: 'device',
    body: HeartbeatSchema,
    // The path's kiosk before the body, as a refusal should not depend on what was sent.
    beforeBody: pathKiosk,
    handle: heartbeat,
  }),
  {
    method: 'GET',
    path: '/sites/:siteId/devices/:kioskId/config',
    auth: 'device',
    handle: remoteConfig,
  },
];
