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
import { HttpError } from '../http-util';
import { parseBody } from './tickets';

function pathKiosk(context: ApiContext): string {
  const parsed = KioskIdSchema.safeParse(context.params.kioskId);
  if (!parsed.success) throw new HttpError(400, 'bad-request', 'kioskId: invalid kiosk identifier');
  requireKiosk(context, parsed.data);
  return parsed.data;
}

async function enrol(context: ApiContext): Promise<Reply> {
  const request = await parseBody(context, EnrolmentRequestSchema);
  const credential = context.state.store.devices.enrol(
    context.siteId,
    request,
    context.state.now(),
  );
  if (!credential) {
    throw new HttpError(
      401,
      'unauthorized',
      'the enrolment code is not valid here (unknown, already used, or for another site)',
    );
  }
  const body: EnrolmentResponse = { siteId: context.siteId, kioskId: request.kioskId, credential };
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
