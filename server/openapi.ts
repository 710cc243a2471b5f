/**
 * The OpenAPI 3.1 document of the Town Hall API, generated from the contract's zod schemas
 * (`openapi-schemas.ts`): the schemas are the single source, nothing is copied by hand. Most of
 * this file is the paths table, one entry per endpoint, kept whole so it reads as the API does.
 * `npm run openapi` writes it to docs/openapi.json; a test keeps that file in step.
 */
import {
  API_BASE_PATH,
  IDEMPOTENCY_KEY_HEADER,
  KioskIdSchema,
} from '../src-shared/contract/townhall-api';
import { SiteIdSchema } from '../src-shared/domain/site-id';
import { lobbyPaths } from './openapi-lobby';
import {
  componentRef,
  componentSchemas,
  errorResponse,
  inlineSchema,
  json,
  queryParameters,
  type JsonObject,
} from './openapi-schemas';

export function buildOpenApiDocument(): JsonObject {
  const siteIdParameter = {
    name: 'siteId',
    in: 'path',
    required: true,
    description: 'The site (office) identifier, e.g. demo-sac',
    schema: inlineSchema(SiteIdSchema),
  };
  const kioskIdParameter = {
    name: 'kioskId',
    in: 'path',
    required: true,
    description: 'The kiosk (device) identifier; with auth, the credential’s own kiosk',
    schema: inlineSchema(KioskIdSchema),
  };
  const idempotencyHeader = {
    name: IDEMPOTENCY_KEY_HEADER,
    in: 'header',
    required: true,
    description: 'The ticket id; must equal ticketId in the body',
    schema: { type: 'string', format: 'uuid' },
  };
  const commonErrors = {
    '400': errorResponse('Invalid request; the message says which field and why'),
    '401': errorResponse(
      'unauthorized: no valid device credential of this site (servers running with auth required)',
    ),
    '404': errorResponse('Unknown site (or appointment, service)'),
    '421': errorResponse(
      'bad-request: the Host header is not a name of this server (loopback names, its ' +
        'configured public names, an IP address); every path, pages included',
    ),
    '503': errorResponse('Unavailable; retry later with backoff (Retry-After)'),
  };
  const forbidden = {
    '403': errorResponse(
      'unauthorized: the credential belongs to another kiosk than the one named',
    ),
  };
  const bodyErrors = {
    '413': errorResponse('Body too large'),
    '415': errorResponse('Body is not application/json'),
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Turnero Town Hall API',
      version: '1.0.0',
      description:
        'What a Turnero check-in kiosk needs from the town hall: device enrolment, site and ' +
        'services, a delta feed of appointments, number-block leases, idempotent check-in and ' +
        'walk-in reports, heartbeats, remote configuration and called turns (also as ' +
        'Server-Sent Events). See docs/townhall-api.md.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    security: [{ deviceCredential: [] }],
    paths: {
      [`${API_BASE_PATH}/health`]: {
        get: {
          operationId: 'getHealth',
          security: [],
          summary: 'Liveness, server clock and open event streams',
          responses: {
            '200': { description: 'Up', content: json(componentRef('HealthResponse')) },
          },
        },
      },
      [`${API_BASE_PATH}/openapi.json`]: {
        get: {
          operationId: 'getOpenApi',
          security: [],
          summary: 'This document',
          responses: { '200': { description: 'OpenAPI 3.1 document' } },
        },
      },
      [`${API_BASE_PATH}/sites/{siteId}`]: {
        get: {
          operationId: 'getSiteInfo',
          summary: 'The site and its services, and the tickets each service gave today',
          description:
            'Site.idHashSalt only to an enrolled device (a valid credential of the site, whatever ' +
            'the auth mode); an anonymous client gets the site without it. issuedToday counts the ' +
            'tickets recorded per service on the site-local day (every kiosk), so kiosks keep ' +
            'dailyCap between them; services without a ticket that day are left out.',
          parameters: [siteIdParameter],
          responses: {
            '200': { description: 'Site info', content: json(componentRef('SiteInfoResponse')) },
            ...commonErrors,
          },
        },
      },
      [`${API_BASE_PATH}/sites/{siteId}/appointments`]: {
        get: {
          operationId: 'getAppointments',
          summary: 'Appointments of a window of site-local days, as a delta feed',
          description:
            'Without a cursor: every appointment of the window. With the cursor of the previous ' +
            'page: only appointments changed since (including ones that left the window). Follow ' +
            'pages while hasMore is true; keep the last cursor for the next pull. A cursor is ' +
            'valid only for the same siteId, from and days; otherwise 400 invalid-cursor. ' +
            'Appointment.citizenIdHash only to an enrolled device.',
          parameters: [siteIdParameter, ...queryParameters()],
          responses: {
            '200': { description: 'One page', content: json(componentRef('AppointmentsPage')) },
            ...commonErrors,
          },
        },
      },
      [`${API_BASE_PATH}/sites/{siteId}/appointments/{appointmentId}/token`]: {
        get: {
          operationId: 'getBookingToken',
          summary: 'A signed booking token (QR payload) for one appointment; back-office use',
          description:
            'Compact JWS (EdDSA / Ed25519) a kiosk verifies offline with the keys of ' +
            'Site.bookingKeys; it expires at the end of the appointment day. See ' +
            'docs/booking-token.md. A real town hall issues it with the confirmation and keeps ' +
            'this endpoint behind its staff authentication.',
          parameters: [
            siteIdParameter,
            {
              name: 'appointmentId',
              in: 'path',
              required: true,
              schema: { type: 'string', minLength: 1, maxLength: 64 },
            },
          ],
          responses: {
            '200': { description: 'Token', content: json(componentRef('BookingTokenResponse')) },
            ...commonErrors,
            '409': errorResponse('conflict: the appointment is cancelled'),
          },
        },
      },
      [`${API_BASE_PATH}/sites/{siteId}/check-ins`]: {
        post: {
          operationId: 'postCheckIn',
          summary: 'Report a check-in (a ticket issued for an appointment); idempotent',
          description:
            'The ticket number must not be held by another ticket of the same service and ' +
            'site-local day (of issuedAt), and the service’s dailyCap counts check-ins and ' +
            'walk-ins of that day. issuedAt may be at most a day ahead of the server’s clock and ' +
            'not on a day its retention has erased (400). A replay must repeat every field, ' +
            'identifiedBy and bookingToken included.',
          parameters: [siteIdParameter, idempotencyHeader],
          requestBody: { required: true, content: json(componentRef('CheckInRequest')) },
          responses: {
            '201': { description: 'Recorded', content: json(componentRef('CheckInRecord')) },
            '200': {
              description: 'Replay of a recorded check-in: the original record',
              content: json(componentRef('CheckInRecord')),
            },
            ...commonErrors,
            ...forbidden,
            '409': errorResponse(
              'idempotency-key-mismatch: the key was used with another body (any field); conflict: the ' +
                'appointment is cancelled or checked in with another ticket, or the number was ' +
                'issued that day to another ticket; daily-cap-reached: the service’s cap is reached',
            ),
            ...bodyErrors,
            '422': errorResponse(
              'unknown-appointment: the check-in carries a bookingToken (made offline) for an ' +
                'appointment this town hall does not have; final',
            ),
          },
        },
      },
      [`${API_BASE_PATH}/sites/{siteId}/walk-ins`]: {
        post: {
          operationId: 'postWalkIn',
          summary: 'Report a walk-in ticket (no appointment); idempotent',
          description:
            'Same idempotency and issuedAt rules as check-ins. Refused when the service does not ' +
            'admit walk-ins, when its number was issued that day to another ticket, or at the ' +
            'service’s dailyCap (check-ins and walk-ins of the site-local day of issuedAt). ' +
            'priority (optional, false when absent) is kept with the ticket; a replay must ' +
            'repeat it.',
          parameters: [siteIdParameter, idempotencyHeader],
          requestBody: { required: true, content: json(componentRef('WalkInRequest')) },
          responses: {
            '201': { description: 'Recorded', content: json(componentRef('WalkInRecord')) },
            '200': {
              description: 'Replay of a recorded walk-in: the original record',
              content: json(componentRef('WalkInRecord')),
            },
            ...commonErrors,
            ...forbidden,
            '409': errorResponse(
              'idempotency-key-mismatch; conflict: walk-ins not allowed for the service, or the ' +
                'number was issued that day to another ticket; daily-cap-reached',
            ),
            ...bodyErrors,
          },
        },
      },
      [`${API_BASE_PATH}/sites/{siteId}/number-leases`]: {
        post: {
          operationId: 'postNumberLease',
          summary: 'Lease a block of ticket counters for a service and site-local day',
          description:
            'Blocks of one service and day never overlap and never pass Site.numbering.' +
            'leaseCeiling; size defaults to numbering.defaultBlockSize, a lease gives at most 50 ' +
            'numbers, and the last block may be shorter. day: a calendar day from the site’s ' +
            'yesterday to a week ahead. A kiosk holds at most 200 leased numbers of a service and ' +
            'day above the highest one its reported tickets used (the lease may be shorter to ' +
            'fit). Not idempotent on purpose: a lease whose answer is lost only wastes numbers; ' +
            'ask again.',
          parameters: [siteIdParameter],
          requestBody: { required: true, content: json(componentRef('NumberLeaseRequest')) },
          responses: {
            '201': { description: 'Leased', content: json(componentRef('NumberLease')) },
            ...commonErrors,
            ...forbidden,
            '409': errorResponse(
              'lease-exhausted: every counter up to the ceiling is leased; use the kiosk’s own range',
            ),
            '429': errorResponse(
              'rate-limited: the kiosk holds too many numbers no reported ticket has used; ' +
                'report them and retry after Retry-After',
            ),
            ...bodyErrors,
          },
        },
      },
      [`${API_BASE_PATH}/sites/{siteId}/devices`]: {
        post: {
          operationId: 'enrolDevice',
          summary: 'Enrol a device: a one-time enrolment code for a device credential',
          description:
            'A code is for one site and (unless made in the older, plain form) one kioskId, ' +
            'expires (24 h by default) and works once. The credential is shown only in this ' +
            'answer; the server keeps a SHA-256 of it. An already enrolled kioskId is enrolled ' +
            'again (its old credential revoked) only with a code made to replace it; otherwise ' +
            '409 and the code stays unused. After 10 failed attempts in a minute a client address ' +
            'gets 429 until the oldest of them is a minute old.',
          security: [],
          parameters: [siteIdParameter],
          requestBody: { required: true, content: json(componentRef('EnrolmentRequest')) },
          responses: {
            '201': { description: 'Enrolled', content: json(componentRef('EnrolmentResponse')) },
            '400': commonErrors['400'],
            '401': errorResponse(
              'unauthorized: the code is unknown, used, expired, or for another site or kiosk',
            ),
            '404': commonErrors['404'],
            '409': errorResponse(
              'conflict: the kiosk is already enrolled and the code was not made to replace it',
            ),
            '421': commonErrors['421'],
            '429': errorResponse('rate-limited: too many failed attempts; retry after Retry-After'),
            '503': commonErrors['503'],
            ...bodyErrors,
          },
        },
      },
      [`${API_BASE_PATH}/sites/{siteId}/devices/{kioskId}/heartbeat`]: {
        post: {
          operationId: 'postHeartbeat',
          summary:
            'Device health report; answers the server clock, the config version and, ' +
            'optionally, the app version wanted on the kiosk',
          parameters: [siteIdParameter, kioskIdParameter],
          requestBody: { required: true, content: json(componentRef('Heartbeat')) },
          responses: {
            '200': { description: 'Stored', content: json(componentRef('HeartbeatResponse')) },
            ...commonErrors,
            ...forbidden,
            ...bodyErrors,
          },
        },
      },
      [`${API_BASE_PATH}/sites/{siteId}/devices/{kioskId}/config`]: {
        get: {
          operationId: 'getRemoteConfig',
          summary: 'Remote configuration of a kiosk (site-wide settings with its own on top)',
          parameters: [siteIdParameter, kioskIdParameter],
          responses: {
            '200': { description: 'Settings', content: json(componentRef('RemoteConfig')) },
            ...commonErrors,
            ...forbidden,
          },
        },
      },
      [`${API_BASE_PATH}/sites/{siteId}/called-turns`]: {
        get: {
          operationId: 'getCalledTurns',
          summary: 'The last 20 turns called to desks, newest first',
          parameters: [siteIdParameter],
          responses: {
            '200': { description: 'Turns', content: json(componentRef('CalledTurnsResponse')) },
            ...commonErrors,
          },
        },
      },
      [`${API_BASE_PATH}/sites/{siteId}/called-turns/stream`]: {
        get: {
          operationId: 'streamCalledTurns',
          summary: 'Called turns as Server-Sent Events',
          description:
            'text/event-stream: each turn is `id: <sequence>`, `event: called-turn`, ' +
            '`data: <CalledTurn JSON>`; comment lines every 15 s keep the connection alive. A ' +
            'client reconnecting with the Last-Event-ID header first gets the turns it missed ' +
            '(at most 100). At most 100 streams are open at once (4 per client address, the ' +
            'waiting-room screen’s /screen/stream included); past either, 503 with Retry-After.',
          parameters: [
            siteIdParameter,
            {
              name: 'Last-Event-ID',
              in: 'header',
              required: false,
              description: 'The id of the last event received, to resume after it',
              schema: { type: 'string', pattern: '^[0-9]{1,15}$' },
            },
          ],
          responses: {
            '200': {
              description: 'An endless event stream',
              content: {
                'text/event-stream': {
                  schema: { type: 'string' },
                  'x-event-data': componentRef('CalledTurn'),
                },
              },
            },
            ...commonErrors,
          },
        },
      },
      [`${API_BASE_PATH}/sites/{siteId}/call-next`]: {
        post: {
          operationId: 'callNext',
          summary: 'Call the next waiting ticket of today to a desk',
          description:
            'Appointment check-ins go before walk-ins, then by issue time; serviceIds limits ' +
            'the call to those services. The turn is recorded and sent to every stream.',
          parameters: [siteIdParameter],
          requestBody: { required: true, content: json(componentRef('CallNextRequest')) },
          responses: {
            '200': { description: 'Called', content: json(componentRef('CalledTurn')) },
            ...commonErrors,
            ...bodyErrors,
          },
        },
      },
      ...lobbyPaths(siteIdParameter, commonErrors),
    },
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        deviceCredential: {
          type: 'http',
          scheme: 'bearer',
          description:
            'The credential from device enrolment. Required on every site endpoint but ' +
            'enrolment when the server runs with auth required.',
        },
      },
    },
  };
}

/** The document as committed: stable key order from construction, two-space indent, final newline. */
export function renderOpenApiDocument(): string {
  return `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
}
