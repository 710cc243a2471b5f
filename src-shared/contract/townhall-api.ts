/**
 * The Town Hall API, v1: the schemas both the kiosk's client and the Turnero server validate
 * against, and from which the OpenAPI document is generated. Money-free, name-free: nothing
 * here carries a citizen's name or ID number.
 *
 * One file on purpose, although long: it is the whole wire contract in one place, read top to
 * bottom like the OpenAPI document made from it (one section per resource), the way the IPC
 * channel list is one file. Split it only along a new API version.
 */
import { z } from 'zod';
import { LOCAL_DAY_PATTERN } from '../domain/site-time';
import {
  parseTicketNumber,
  SERVICE_PREFIX_PATTERN,
  TICKET_NUMBER_PATTERN,
} from '../domain/ticket-number';
import { AppointmentStatusSchema } from '../domain/appointment-status';
import type { CheckInWindow } from '../domain/checkin-policy';
import { LanguageSchema, LocalizedTextSchema } from '../domain/language';
import { SiteIdSchema } from '../domain/site-id';

export const API_BASE_PATH = '/api/v1';

export const LocalDaySchema = z.string().regex(LOCAL_DAY_PATTERN, 'expected YYYY-MM-DD');

/** Unpadded base64url, as in JWS and JWK. */
export const Base64UrlSchema = z.string().regex(/^[A-Za-z0-9_-]*$/, 'expected base64url');

/** A public key that signs booking tokens (docs/booking-token.md): Ed25519, as a JWK. */
export const BookingKeySchema = z
  .object({
    kid: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/)
      .describe('Key id, as in the token header'),
    publicKeyJwk: z
      .object({
        kty: z.literal('OKP'),
        crv: z.literal('Ed25519'),
        x: Base64UrlSchema.length(43).describe('The 32-byte public key, base64url'),
      })
      .describe('RFC 8037 OKP public key'),
  })
  .meta({ id: 'BookingKey' });
export type BookingKey = z.infer<typeof BookingKeySchema>;

/**
 * A turn number as kiosks issue it: prefix, hyphen, three-digit counter from 001 (`E-014`).
 * Nothing else: no markup, spaces or bidirectional-text controls for a screen or staff page.
 */
export const TicketNumberSchema = z
  .string()
  .regex(TICKET_NUMBER_PATTERN, 'expected a ticket number such as E-014')
  .refine((value) => parseTicketNumber(value) !== null, 'the counter starts at 001')
  .describe('Service prefix, hyphen, counter 001–999: E-014');

/** HMAC-SHA256 in base64url (43 characters): how an ID document number travels and is kept. */
export const CitizenIdHashSchema = Base64UrlSchema.length(43);

/**
 * How ticket numbers are shared between the kiosks of a site: the server leases blocks of
 * counters 1..leaseCeiling per service and day; counters above the ceiling are the kiosks' own
 * reserved ranges (kiosk config), used only offline when a lease is spent.
 */
export const NumberingSchema = z
  .object({
    leaseCeiling: z
      .number()
      .int()
      .min(0)
      .max(998)
      .describe('0: the back end leases nothing; each kiosk numbers from its own reserved range'),
    defaultBlockSize: z.number().int().min(1).max(200),
  })
  .meta({ id: 'Numbering' });
export type Numbering = z.infer<typeof NumberingSchema>;

export const SiteSchema = z
  .object({
    id: SiteIdSchema,
    name: z.string().min(1).max(120),
    timeZone: z.string().min(1).max(64),
    idHashSalt: Base64UrlSchema.min(22)
      .max(128)
      .optional()
      .describe(
        'Per-site random salt (base64url, at least 16 bytes): citizenIdHash = ' +
          'base64url(HMAC-SHA256(key = the decoded salt, normalised ID number)). See ' +
          'docs/identification.md. A site secret: servers send it to enrolled devices only, so ' +
          'a client must work without it (no ID-document lookup)',
      ),
    bookingKeys: z
      .array(BookingKeySchema)
      .max(16)
      .optional()
      .describe(
        'Public keys that verify this site’s signed booking tokens; several during rotation',
      ),
    numbering: NumberingSchema.optional(),
  })
  .meta({ id: 'Site' });
export type Site = z.infer<typeof SiteSchema>;

export const CheckInWindowSchema = z
  .object({
    minutesBefore: z.number().int().min(0).max(720),
    minutesAfter: z.number().int().min(0).max(720),
  })
  .meta({ id: 'CheckInWindow' }) satisfies z.ZodType<CheckInWindow>;

export const ServiceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
    prefix: z.string().regex(SERVICE_PREFIX_PATTERN),
    names: LocalizedTextSchema,
    walkInsAllowed: z.boolean(),
    dailyCap: z
      .number()
      .int()
      .min(1)
      .max(999)
      .nullable()
      .optional()
      .describe('Most tickets (appointments and walk-ins) this service gives a day; null: no cap'),
    checkInWindow: CheckInWindowSchema.nullable()
      .optional()
      .describe('Overrides the kiosk’s own check-in window for this service'),
  })
  .meta({ id: 'Service' });
export type Service = z.infer<typeof ServiceSchema>;

export const AppointmentSchema = z
  .object({
    id: z.string().min(1).max(64),
    code: z.string().min(1).max(64).describe('Booking code as printed on the confirmation'),
    serviceId: z.string().min(1).max(64),
    startsAt: z.iso.datetime({ offset: true }).describe('Start instant, RFC 3339'),
    status: AppointmentStatusSchema,
    version: z.number().int().nonnegative(),
    ticketNumber: z
      .string()
      .min(1)
      .max(16)
      .optional()
      .describe(
        'The turn number issued for this booking once it is checked in, so that another kiosk ' +
          'can tell the citizen the number they already have',
      ),
    citizenIdHash: CitizenIdHashSchema.nullable()
      .optional()
      .describe(
        'Salted hash of the citizen’s DNI/NIE/passport (see Site.idHashSalt); never the number. ' +
          'Sent to enrolled devices only',
      ),
  })
  .meta({ id: 'Appointment' });
export type Appointment = z.infer<typeof AppointmentSchema>;

/**
 * How many tickets each service has given on the site-local day, as the town hall has recorded
 * them, so that every kiosk of the site can keep the services' daily caps (docs/sync.md).
 */
export const IssuedTodaySchema = z
  .object({
    day: LocalDaySchema.describe('The site-local day the counts are for (the server’s today)'),
    services: z
      .array(
        z.object({
          serviceId: z.string().min(1).max(64),
          count: z
            .number()
            .int()
            .min(0)
            .max(100_000)
            .describe('Check-ins and walk-ins recorded for the service that day, every kiosk'),
        }),
      )
      .max(200),
  })
  .meta({ id: 'IssuedToday' });
export type IssuedToday = z.infer<typeof IssuedTodaySchema>;

/** The server's estimate of each service's queue when it answered (docs/server.md). */
export const WaitEstimatesSchema = z
  .object({
    computedAt: z.iso.datetime({ offset: true }).describe('Server clock when computed'),
    services: z
      .array(
        z.object({
          serviceId: z.string().min(1).max(64),
          waiting: z
            .number()
            .int()
            .min(0)
            .max(100_000)
            .describe('Tickets of the service issued today and not called yet'),
          waitingAppointments: z
            .number()
            .int()
            .min(0)
            .max(100_000)
            .describe('Of those, appointment check-ins (called before every walk-in)'),
          minutesPerTurn: z
            .number()
            .min(0)
            .max(1440)
            .describe(
              'Minutes the queue takes to move by one turn: the recent mean service time ' +
                'divided by the desks serving the service lately',
            ),
        }),
      )
      .max(200),
  })
  .meta({ id: 'WaitEstimates' });
export type WaitEstimates = z.infer<typeof WaitEstimatesSchema>;

export const SiteInfoResponseSchema = z
  .object({
    site: SiteSchema,
    services: z.array(ServiceSchema).max(200),
    issuedToday: IssuedTodaySchema.optional().describe(
      'Tickets recorded per service today, as of this answer; kiosks enforce daily caps with it ' +
        'plus their own tickets not delivered yet. Absent: the back end cannot tell',
    ),
    waitEstimates: WaitEstimatesSchema.optional().describe(
      'Each service’s queue and minutes per turn, as of this answer; kiosks print a ticket’s ' +
        'people ahead and estimated wait from it. Absent: the back end does not estimate',
    ),
  })
  .meta({ id: 'SiteInfoResponse' });
export type SiteInfoResponse = z.infer<typeof SiteInfoResponseSchema>;

export const AppointmentsQuerySchema = z.object({
  from: LocalDaySchema.describe('First site-local day to include'),
  days: z.coerce.number().int().min(1).max(14).default(1),
  cursor: z.string().max(200).optional().describe('Opaque cursor from a previous page'),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});
export type AppointmentsQuery = z.infer<typeof AppointmentsQuerySchema>;

export const AppointmentsPageSchema = z
  .object({
    appointments: z.array(AppointmentSchema).max(5000),
    cursor: z.string().max(200).describe('Pass back to get only what changed since'),
    hasMore: z.boolean(),
    complete: z
      .boolean()
      .optional()
      .describe(
        'True on every page of a full snapshot of the window: the answer to a pull without a ' +
          'cursor and the pages that follow it by cursor. Together they hold every appointment ' +
          'of the window, so one the client caches in the window and did not receive is gone ' +
          '(deleted, or moved out of the window). Absent or false: a delta, or a back end that ' +
          'cannot tell',
      ),
  })
  .meta({ id: 'AppointmentsPage' });
export type AppointmentsPage = z.infer<typeof AppointmentsPageSchema>;

/**
 * The unguessable token of a ticket's public follow page (docs/follow.md): at least 128 random
 * bits in unpadded base64url. The kiosk makes it and prints it in the ticket's QR.
 */
export const FollowTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22,86}$/, 'expected 22–86 base64url characters');

const followTokenField = FollowTokenSchema.optional().describe(
  'The ticket’s follow-page token (≥128 random bits, base64url), never derived from its number',
);

/** Where a new ticket stands in its service's queue when the server answers. */
const ticketWaitFields = {
  peopleAhead: z
    .number()
    .int()
    .min(0)
    .max(100_000)
    .optional()
    .describe('Tickets of its service to be called before it; absent once it is called'),
  estimatedWaitMinutes: z
    .number()
    .int()
    .min(0)
    .max(100_000)
    .optional()
    .describe('peopleAhead × the service’s minutes per turn (see WaitEstimates)'),
};

export const CheckInRequestSchema = z
  .object({
    ticketId: z.uuid(),
    appointmentId: z.string().min(1).max(64),
    kioskId: z.string().min(1).max(64),
    ticketNumber: TicketNumberSchema,
    issuedAt: z.iso
      .datetime({ offset: true })
      .describe(
        'Kiosk clock when the ticket was issued; at most a day ahead of the server, and within ' +
          'its retention period',
      ),
    identifiedBy: z
      .enum(['code', 'token', 'id-document', 'external-booking'])
      .optional()
      .describe('How the citizen proved the booking at the kiosk'),
    bookingToken: z
      .string()
      .max(1000)
      .optional()
      .describe(
        'The signed booking token, when the kiosk checked in a booking it did not have cached ' +
          '(offline): for reconciliation',
      ),
    language: LanguageSchema.optional().describe(
      'The language the citizen used at the kiosk: the lobby screen says the call in it after ' +
        'Spanish. Absent from older kiosks',
    ),
    followToken: followTokenField,
  })
  .meta({ id: 'CheckInRequest' });
export type CheckInRequest = z.infer<typeof CheckInRequestSchema>;

export const CheckInRecordSchema = CheckInRequestSchema.extend({
  receivedAt: z.iso.datetime({ offset: true }),
  ...ticketWaitFields,
}).meta({ id: 'CheckInRecord' });
export type CheckInRecord = z.infer<typeof CheckInRecordSchema>;

/**
 * Machine-readable error codes. `invalid-cursor` tells the client to drop its cursor and pull the
 * window again from scratch (the cursor belongs to another window, or the server's data was reset).
 * `unknown-appointment` (422): a check-in made offline from a signed booking token names a booking
 * this town hall does not have; retrying cannot help. `rate-limited` (429, with Retry-After):
 * too many failed enrolment attempts from this client, or too many leased numbers not used yet;
 * retry after the time it says. Clients must accept codes they do not know (added later).
 */
export const ApiErrorCodeSchema = z.enum([
  'bad-request',
  'unauthorized',
  'invalid-cursor',
  'not-found',
  'method-not-allowed',
  'conflict',
  'unknown-appointment',
  'lease-exhausted',
  'daily-cap-reached',
  'idempotency-key-mismatch',
  'payload-too-large',
  'unsupported-media-type',
  'internal',
  'rate-limited',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCodeSchema>;

export const ApiErrorSchema = z
  .object({
    error: z.object({
      code: ApiErrorCodeSchema,
      message: z.string().max(500),
    }),
  })
  .meta({ id: 'ApiError' });
export type ApiError = z.infer<typeof ApiErrorSchema>;

export const BookingTokenResponseSchema = z
  .object({
    token: z.string().max(1000).describe('Compact JWS (EdDSA); docs/booking-token.md'),
    kid: z.string().max(64),
    expiresAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'BookingTokenResponse' });
export type BookingTokenResponse = z.infer<typeof BookingTokenResponseSchema>;

export const HealthResponseSchema = z
  .object({
    status: z.literal('ok'),
    apiVersion: z.literal('v1'),
    time: z.iso.datetime({ offset: true }).describe('Server clock, RFC 3339'),
    openStreams: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe('Called-turn event streams open now (a gauge; servers may leave it out)'),
  })
  .meta({ id: 'HealthResponse' });
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

// ---- Devices: enrolment, heartbeat, remote configuration -------------------------------------

export const KioskIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/);

/** A one-time enrolment code (given to the technician by town hall IT) for a device credential. */
export const EnrolmentRequestSchema = z
  .object({
    enrolmentCode: z.string().min(6).max(64),
    kioskId: KioskIdSchema,
    deviceName: z.string().max(120).optional(),
  })
  .meta({ id: 'EnrolmentRequest' });
export type EnrolmentRequest = z.infer<typeof EnrolmentRequestSchema>;

export const EnrolmentResponseSchema = z
  .object({
    siteId: SiteIdSchema,
    kioskId: KioskIdSchema,
    credential: z
      .string()
      .min(32)
      .max(200)
      .describe('Bearer secret, shown once; the server keeps only a hash of it'),
  })
  .meta({ id: 'EnrolmentResponse' });
export type EnrolmentResponse = z.infer<typeof EnrolmentResponseSchema>;

/**
 * Why the town hall refuses this kiosk's requests, whatever they carry: `unauthorized` (401, the
 * credential is missing or no longer accepted) or `forbidden` (403, accepted but not for this).
 */
export const AuthProblemSchema = z.enum(['unauthorized', 'forbidden']);
export type AuthProblem = z.infer<typeof AuthProblemSchema>;

export const HeartbeatSchema = z
  .object({
    kioskId: KioskIdSchema,
    sentAt: z.iso.datetime({ offset: true }).describe('Kiosk clock when sent'),
    appVersion: z.string().max(40),
    connectivity: z.enum(['online', 'degraded', 'offline', 'connecting']),
    authProblem: AuthProblemSchema.nullable()
      .optional()
      .describe(
        'Some of this kiosk’s requests are refused 401/403 (its outbox is held meanwhile); null: none',
      ),
    printer: z.object({
      state: z.string().max(40).describe('ready, paper-near-end, paper-out, cover-open, …'),
      transport: z.string().max(20),
    }),
    scanner: z.object({ transport: z.string().max(20), connected: z.boolean().nullable() }),
    outbox: z.object({
      pending: z.number().int().nonnegative(),
      setAside: z
        .number()
        .int()
        .nonnegative()
        .optional()
        .describe('Tickets refused for good or given up on, kept at the kiosk for staff to resend'),
    }),
    ticketsToday: z.number().int().nonnegative(),
    clockSkewMs: z.number().int().nullable(),
  })
  .meta({ id: 'Heartbeat' });
export type Heartbeat = z.infer<typeof HeartbeatSchema>;

/** Settings a town hall may change remotely; the kiosk applies them over its local file's. */
export const RemoteConfigSchema = z
  .object({
    version: z.number().int().nonnegative(),
    settings: z
      .object({
        pollSeconds: z.number().int().min(5).max(3600).optional(),
        checkInWindow: CheckInWindowSchema.optional(),
        ticketQrUrl: z.string().max(300).nullable().optional(),
      })
      .strict(),
  })
  .meta({ id: 'RemoteConfig' });
export type RemoteConfig = z.infer<typeof RemoteConfigSchema>;

/** A package version the kiosk's update helper can ask for: Debian version characters only. */
export const AppVersionSchema = z.string().regex(/^[0-9][0-9A-Za-z.+~-]{0,39}$/);

export const HeartbeatResponseSchema = z
  .object({
    serverTime: z.iso.datetime({ offset: true }),
    configVersion: z.number().int().nonnegative().describe('Fetch remote config when it changes'),
    desiredVersion: AppVersionSchema.optional().describe(
      'The app version the town hall wants on this kiosk; it is installed outside opening hours ' +
        'by the appliance’s update helper, and rolled back if it fails to start. Absent: keep ' +
        'the installed version',
    ),
  })
  .meta({ id: 'HeartbeatResponse' });
export type HeartbeatResponse = z.infer<typeof HeartbeatResponseSchema>;

// ---- Ticket numbers: leases of counter blocks ----------------------------------------------------

export const NumberLeaseRequestSchema = z
  .object({
    kioskId: KioskIdSchema,
    serviceId: z.string().min(1).max(64),
    day: LocalDaySchema,
    size: z.number().int().min(1).max(200).optional(),
  })
  .meta({ id: 'NumberLeaseRequest' });
export type NumberLeaseRequest = z.infer<typeof NumberLeaseRequestSchema>;

export const NumberLeaseSchema = z
  .object({
    leaseId: z.string().min(1).max(64),
    serviceId: z.string().min(1).max(64),
    day: LocalDaySchema,
    first: z.number().int().min(1).max(999),
    last: z.number().int().min(1).max(999),
  })
  .meta({ id: 'NumberLease' });
export type NumberLease = z.infer<typeof NumberLeaseSchema>;

// ---- Walk-in tickets ------------------------------------------------------------------------------

export const WalkInRequestSchema = z
  .object({
    ticketId: z.uuid(),
    serviceId: z.string().min(1).max(64),
    kioskId: KioskIdSchema,
    ticketNumber: TicketNumberSchema,
    issuedAt: z.iso
      .datetime({ offset: true })
      .describe('As in CheckInRequest: at most a day ahead, within the retention period'),
    priority: z
      .boolean()
      .optional()
      .describe(
        'A priority ticket (older people, pregnancy, disability), where the office gives them; ' +
          'absent means false. Kept with the ticket for the queue',
      ),
    language: LanguageSchema.optional().describe(
      'The language the citizen used at the kiosk: the lobby screen says the call in it after ' +
        'Spanish. Absent from older kiosks',
    ),
    followToken: followTokenField,
  })
  .meta({ id: 'WalkInRequest' });
export type WalkInRequest = z.infer<typeof WalkInRequestSchema>;

export const WalkInRecordSchema = WalkInRequestSchema.extend({
  receivedAt: z.iso.datetime({ offset: true }),
  ...ticketWaitFields,
}).meta({ id: 'WalkInRecord' });
export type WalkInRecord = z.infer<typeof WalkInRecordSchema>;

// ---- Called turns (information screens) -----------------------------------------------------------

/** One turn called to a desk. Never a name or an ID number: the number and the desk. */
export const CalledTurnSchema = z
  .object({
    ticketNumber: z.string().min(1).max(16),
    desk: z.string().min(1).max(40),
    serviceId: z.string().min(1).max(64),
    calledAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'CalledTurn' });
export type CalledTurn = z.infer<typeof CalledTurnSchema>;

export const CalledTurnsResponseSchema = z
  .object({ calledTurns: z.array(CalledTurnSchema).max(100) })
  .meta({ id: 'CalledTurnsResponse' });
export type CalledTurnsResponse = z.infer<typeof CalledTurnsResponseSchema>;

export const CallNextRequestSchema = z
  .object({
    desk: z.string().min(1).max(40),
    serviceIds: z.array(z.string().min(1).max(64)).max(50).optional(),
  })
  .meta({ id: 'CallNextRequest' });
export type CallNextRequest = z.infer<typeof CallNextRequestSchema>;

/** The header carrying a device credential: `Authorization: Bearer <credential>`. */
export const AUTHORIZATION_HEADER = 'Authorization';

/**
 * Every schema that carries a component id, by id: the OpenAPI generator registers exactly
 * these, so nothing else in the process can leak into the document.
 */
export const apiComponentSchemas = {
  LocalizedText: LocalizedTextSchema,
  BookingKey: BookingKeySchema,
  Site: SiteSchema,
  Service: ServiceSchema,
  Appointment: AppointmentSchema,
  IssuedToday: IssuedTodaySchema,
  WaitEstimates: WaitEstimatesSchema,
  SiteInfoResponse: SiteInfoResponseSchema,
  AppointmentsPage: AppointmentsPageSchema,
  CheckInRequest: CheckInRequestSchema,
  CheckInRecord: CheckInRecordSchema,
  BookingTokenResponse: BookingTokenResponseSchema,
  ApiError: ApiErrorSchema,
  HealthResponse: HealthResponseSchema,
  CheckInWindow: CheckInWindowSchema,
  Numbering: NumberingSchema,
  EnrolmentRequest: EnrolmentRequestSchema,
  EnrolmentResponse: EnrolmentResponseSchema,
  Heartbeat: HeartbeatSchema,
  HeartbeatResponse: HeartbeatResponseSchema,
  RemoteConfig: RemoteConfigSchema,
  NumberLeaseRequest: NumberLeaseRequestSchema,
  NumberLease: NumberLeaseSchema,
  WalkInRequest: WalkInRequestSchema,
  WalkInRecord: WalkInRecordSchema,
  CalledTurn: CalledTurnSchema,
  CalledTurnsResponse: CalledTurnsResponseSchema,
  CallNextRequest: CallNextRequestSchema,
} as const;

/** The header carrying the client's idempotency key (the ticket id) on writes. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

export const apiPaths = {
  siteInfo: (siteId: string) => `${API_BASE_PATH}/sites/${encodeURIComponent(siteId)}`,
  appointments: (siteId: string) =>
    `${API_BASE_PATH}/sites/${encodeURIComponent(siteId)}/appointments`,
  appointmentToken: (siteId: string, appointmentId: string) =>
    `${API_BASE_PATH}/sites/${encodeURIComponent(siteId)}/appointments/${encodeURIComponent(appointmentId)}/token`,
  checkIns: (siteId: string) => `${API_BASE_PATH}/sites/${encodeURIComponent(siteId)}/check-ins`,
  walkIns: (siteId: string) => `${API_BASE_PATH}/sites/${encodeURIComponent(siteId)}/walk-ins`,
  numberLeases: (siteId: string) =>
    `${API_BASE_PATH}/sites/${encodeURIComponent(siteId)}/number-leases`,
  enrol: (siteId: string) => `${API_BASE_PATH}/sites/${encodeURIComponent(siteId)}/devices`,
  heartbeat: (siteId: string, kioskId: string) =>
    `${API_BASE_PATH}/sites/${encodeURIComponent(siteId)}/devices/${encodeURIComponent(kioskId)}/heartbeat`,
  remoteConfig: (siteId: string, kioskId: string) =>
    `${API_BASE_PATH}/sites/${encodeURIComponent(siteId)}/devices/${encodeURIComponent(kioskId)}/config`,
  calledTurns: (siteId: string) =>
    `${API_BASE_PATH}/sites/${encodeURIComponent(siteId)}/called-turns`,
  calledTurnsStream: (siteId: string) =>
    `${API_BASE_PATH}/sites/${encodeURIComponent(siteId)}/called-turns/stream`,
  callNext: (siteId: string) => `${API_BASE_PATH}/sites/${encodeURIComponent(siteId)}/call-next`,
  /** The lobby screen's feed (contract/lobby.ts): a LobbySnapshot, and LobbyEvents as SSE. */
  lobbySnapshot: (siteId: string) =>
    `${API_BASE_PATH}/sites/${encodeURIComponent(siteId)}/lobby/snapshot`,
  lobbyEvents: (siteId: string) =>
    `${API_BASE_PATH}/sites/${encodeURIComponent(siteId)}/lobby/events`,
  openApi: `${API_BASE_PATH}/openapi.json`,
  health: `${API_BASE_PATH}/health`,
} as const;
