/** Devices: enrolment (one-time code → credential), heartbeats and remote configuration. */
import {
  EnrolmentRequestSchema,
  HeartbeatSchema,
  KioskIdSchema,
  type EnrolmentResponse,
  type HeartbeatResponse,
} from '../../src-shared/contract/townhall-api';
import { requireKiosk } from '../authentication';
import type { ApiContext, ApiRoute, Reply } from '../context';
import { clientAddress, HttpError, retryLater } from '../http-util';
import { parseBody } from '../router';

function pathKiosk(context: ApiContext): string {
  const parsed = KioskIdSchema.safeParse(context.params.kioskId);
  if (!parsed.success) throw new HttpError(400, 'bad-request', 'kioskId: invalid kiosk identifier');
  requireKiosk(context, parsed.data);
  return parsed.data;
}

/**
 * Exchanges a code for a credential. A client whose codes failed too often in the last minute
 * is not even looked at (429), so codes cannot be guessed at network speed.
 */
async function enrol(context: ApiContext): Promise<Reply> {
  const { state, siteId } = context;
  const client = clientAddress(context.request);
  const waitMs = state.enrolmentThrottle.waitMs(client);
  if (waitMs > 0) {
    throw retryLater(429, 'rate-limited', 'too many failed enrolment attempts; wait', waitMs);
  }
  const request = await parseBody(context, EnrolmentRequestSchema);
  const result = state.store.devices.enrol(siteId, request, state.now());
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

async function heartbeat(context: ApiContext): Promise<Reply> {
  const kioskId = pathKiosk(context);
  const beat = await parseBody(context, HeartbeatSchema);
  if (beat.kioskId !== kioskId) {
    throw new HttpError(400, 'bad-request', 'body.kioskId must equal the kiosk of the path');
  }
  const now = context.state.now();
  context.state.store.devices.recordHeartbeat(context.siteId, beat, now);
  const body: HeartbeatResponse = {
    serverTime: now.toISOString(),
    configVersion: context.state.store.remoteConfig.of(context.siteId, kioskId).version,
  };
  return { status: 200, body };
}

function remoteConfig(context: ApiContext): Reply {
  const kioskId = pathKiosk(context);
  return { status: 200, body: context.state.store.remoteConfig.of(context.siteId, kioskId) };
}

export const deviceRoutes: ApiRoute[] = [
  { method: 'POST', path: '/sites/:siteId/devices', auth: 'none', handle: enrol },
  {
    method: 'POST',
    path: '/sites/:siteId/devices/:kioskId/heartbeat',
    auth: 'device',
    handle: heartbeat,
  },
  {
    method: 'GET',
    path: '/sites/:siteId/devices/:kioskId/config',
    auth: 'device',
    handle: remoteConfig,
  },
];
