/**
 * The reference Town Hall API server (API v1): what a real town hall backend must offer a
 * Turnero kiosk, small enough to run in tests and in the demo. On Fastify; every request is
 * validated with the contract's zod schemas.
 *
 * Layout (docs/server.md): `http/` mounts everything on Fastify (the Host check, faults from
 * `faults.ts`, the pages, the API with `authentication.ts`); `routes/*.ts` hold the endpoints by
 * group; `store/` holds all the SQL; `admin.ts` is the in-process back office; `turns-hub.ts` the
 * Server-Sent Events. This file starts and stops one server.
 */
import type { AddressInfo } from 'node:net';
import {
  generateSigningKey,
  loadOrCreateSigningKeys,
  publicBookingKey,
  type SigningKey,
} from './booking-tokens';
import { createServerAdmin, type ServerAdmin } from './admin';
import { notifierFor } from './booking/notify/notifiers';
import type { SmsSender } from './booking/notify/sms-sender';
import { embedOrigin } from './booking/booking-page-routes';
import { bookingContext, type BookingOptions } from './booking/booking-context';
import type { BookingNotifier } from './booking/booking-notifier';
import type { AuthMode, ServerState } from './context';
import { FailureThrottle } from './failure-throttle';
import { FaultInjector, type FaultOptions } from './faults';
import { HostPolicy } from './host-policy';
import { buildHttpApp } from './http/app';
import { DEFAULT_FOLLOW_REQUESTS_PER_MINUTE } from './http/follow-routes';
import { buildOpenApiDocument } from './openapi';
import { DEFAULT_AUDIT_RETENTION_DAYS, DEFAULT_RETENTION_DAYS, RetentionJob } from './retention';
import { DEFAULT_LOBBY_PAGE_DIR } from './routes/lobby';
import { DEFAULT_MAX_UNUSED_LEASED } from './routes/number-leases';
import { resolveSeed, type SeedDocument } from './seed';
import { openServerStore, type OpenDatabase } from './store/store';
import { CalledTurnsHub } from './turns-hub';
import { DEFAULT_WAIT_ESTIMATE_SETTINGS, type WaitEstimateSettings } from './queue/wait-estimate';
import {
  DEFAULT_SIGN_IN_LIMITS,
  type OfficeSettings,
  type StaffSignInLimits,
} from './staff/office-settings';
import { createDemoStaff, staffAdmin, type StaffAdmin } from './staff/staff-admin';

export type { NewAppointmentInput, NewEnrolmentCode, ServerAdmin } from './admin';
export type { AuthMode } from './context';
export type { FaultCounters, FaultOptions } from './faults';
export type { DeviceHealth } from './store/devices-repository';
export type { RemoteSettings } from './store/remote-config-repository';
export type { IssuedTicket } from './store/tickets-repository';
export type { StaffAdmin } from './staff/staff-admin';

export interface TurneroServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** SQLite file of the server's data; ':memory:' (the default) forgets everything on close. */
  dbFile?: string;
  /**
   * Where the data lives, instead of `dbFile`: an SQLite file or a `postgres://` URL (CLI
   * `--database`, `TURNERO_DATABASE_URL`), or an open Kysely with its dialect (tests: a
   * PostgreSQL schema of their own), which the server destroys when it closes.
   */
  database?: string | OpenDatabase;
  /** Loaded at start into an empty database (a site that already exists is kept as it is). */
  seed?: SeedDocument;
  now?: () => Date;
  /** Largest accepted request body, in bytes. */
  maxBodyBytes?: number;
  /**
   * Booking-token signing keys: the first signs, all are published in site info. Default: the
   * keys of `signingKeyFile` (created when missing), or one fresh key per start.
   */
  signingKeys?: SigningKey[];
  signingKeyFile?: string;
  /**
   * 'required': every `/sites/**` endpoint but enrolment needs `Authorization: Bearer
   * <credential>` of a device of that site (401 otherwise; 403 when a path or body names another
   * kiosk). 'optional' (the default): the header is not looked at.
   */
  auth?: AuthMode;
  /** Fault injection on `/sites/**` (tests); off by default; see `admin.setFaults`. */
  faults?: FaultOptions | null;
  /** Interval of the keep-alive comments on called-turn streams; 15 s by default. */
  sseKeepAliveMs?: number;
  /**
   * Names (with or without a port) clients may reach the server under (Host header), besides
   * the loopback names with the port and any IP address (CLI `--public-host`); others get 421.
   */
  publicHosts?: string[];
  /** When given, the only Host names it answers to, no address but those listed (host-policy.ts). */
  allowedHosts?: string[];
  /** Failed enrolment attempts a client address may make per minute before 429; 10. */
  maxFailedEnrolmentsPerMinute?: number;
  /**
   * Days a site-local day's appointments, check-ins, tickets, called turns and leases are kept
   * (31): older ones are erased at start and at each local midnight (CLI `--retention-days`).
   */
  retentionDays?: number;
  /**
   * Days a staff audit entry is kept (365): older ones are erased by the same job (CLI
   * `--audit-retention-days`).
   */
  auditRetentionDays?: number;
  /** How often the retention job looks for a new local day; every minute by default. */
  retentionCheckIntervalMs?: number;
  /** Called-turn event streams (API and screen) open at once: 100; past it 503. */
  maxStreams?: number;
  /** Such streams of one client address: 4; past it 503. */
  maxStreamsPerClient?: number;
  /**
   * Leased numbers a kiosk may hold, per service and day, above the highest one its reported
   * tickets used: 200 (4 blocks of at most 50); past it a lease is answered 429.
   */
  maxUnusedLeasedNumbers?: number;
  /** The built renderer whose lobby.html `/lobby` serves; dist/renderer of this checkout. */
  lobbyPageDir?: string;
  /**
   * How the estimated wait is worked out (docs/server.md, "Estimated wait"): the last 20 served
   * turns, desks of the last 30 minutes, 8 minutes a turn to start with (CLI `--turn-minutes`).
   */
  waitEstimate?: Partial<WaitEstimateSettings>;
  /**
   * Follow-page event streams open at once (1000) and per client address (300: the phones of a
   * waiting room may share one public Wi-Fi address); past them 503, and the page polls.
   */
  maxFollowStreams?: number;
  maxFollowStreamsPerClient?: number;
  /** Requests per minute one client may make to the public follow page (300); past it 429. */
  followRequestsPerMinute?: number;
  /**
   * The origin staff browsers reach the server under when it is not its own http address: a
   * TLS reverse proxy's (`https://turnero.ayto.example`). Its host is taken as a public host;
   * https makes the staff session cookie Secure, which then needs `trustProxy` (CLI
   * `--public-origin`).
   */
  publicOrigin?: string;
  /**
   * Believe X-Forwarded-Proto/-For from this proxy: true, or its addresses (`127.0.0.1`,
   * `10.0.0.0/8`); off by default (CLI `--trust-proxy`).
   */
  trustProxy?: boolean | string;
  /** Staff sign-in limits (lockout, per-client rate): office-settings.ts defaults. */
  staffSignIn?: Partial<StaffSignInLimits>;
  /** Creates the demo's staff accounts (one per role) when the server has none. */
  demoStaff?: boolean;
  /**
   * The SMTP server booking e-mails go through, `smtp://user:pass@host:587` (STARTTLS when
   * offered) or `smtps://…:465`, and their sender (CLI `--smtp`, `--mail-from`). Without it no
   * e-mail is sent (docs/booking.md, "Confirmation e-mail").
   */
  smtpUrl?: string;
  mailFrom?: string;
  /** A town hall's SMS gateway (docs/booking.md, "SMS"): none is built in. */
  smsSender?: SmsSender;
  /**
   * Origins whose pages may embed the booking page in an iframe (`https://www.ayto.example`):
   * its `frame-ancestors` (CLI `--booking-embed-origin`, repeatable). None: it is never framed.
   */
  bookingEmbedOrigins?: string[];
  /**
   * Tells a booking's holder of it (e-mail, SMS: docs/booking.md) instead of the notifier made
   * of `smtpUrl` and `smsSender` (with neither, nobody is told but the booking page). Its failure
   * is logged and never undoes a booking.
   */
  bookingNotifier?: BookingNotifier;
  /** Online booking's abuse limits and proof of work (booking/booking-context.ts defaults). */
  booking?: BookingOptions;
  /** Where the server's notices go (retention, refused streams); console.log by default. */
  log?: (line: string) => void;
}

export interface TurneroServer {
  url: string;
  port: number;
  /** The Host names it answers to (sorted), besides any IP address unless `allowedHosts` was given. */
  allowedHosts: readonly string[];
  admin: ServerAdmin;
  /** Staff accounts, the call order and the audit log, without HTTP (tests, demo). */
  staff: StaffAdmin;
  close(): Promise<void>;
}

const STAFF_SESSION_IDLE_MS = 12 * 60 * 60_000;

/** The staff side's settings from the options; an https public origin needs a trusted proxy. */
function officeSettings(options: TurneroServerOptions): OfficeSettings {
  let publicOrigin: string | null = null;
  if (options.publicOrigin) {
    const url = new URL(options.publicOrigin);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new Error(`public origin ${options.publicOrigin}: http or https only`);
    }
    publicOrigin = url.origin;
  }
  const trustProxy = options.trustProxy ?? false;
  if (publicOrigin?.startsWith('https:') && trustProxy === false) {
    throw new Error(
      'an https public origin is a TLS proxy in front of this server: say which with ' +
        '--trust-proxy ADDRESS (or true), so that its X-Forwarded-Proto is believed',
    );
  }
  return {
    publicOrigin,
    trustProxy,
    signIn: { ...DEFAULT_SIGN_IN_LIMITS, ...options.staffSignIn },
    sessionIdleMs: STAFF_SESSION_IDLE_MS,
  };
}

const DEFAULT_MAX_BODY_BYTES = 16 * 1024;
const DEFAULT_SSE_KEEP_ALIVE_MS = 15_000;
const DEFAULT_FAILED_ENROLMENTS_PER_MINUTE = 10;
const DEFAULT_MAX_STREAMS = 100;
const DEFAULT_MAX_STREAMS_PER_CLIENT = 4;
const DEFAULT_MAX_FOLLOW_STREAMS = 1000;
const DEFAULT_MAX_FOLLOW_STREAMS_PER_CLIENT = 300;

export async function startTurneroServer(
  options: TurneroServerOptions = {},
): Promise<TurneroServer> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.log(line));
  const retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
  const store = await openServerStore(options.database ?? options.dbFile ?? ':memory:');
  let seedSiteId: string | undefined;
  if (options.seed) {
    const resolved = resolveSeed(options.seed, now());
    seedSiteId = resolved.site.id;
    await store.loadSeed(resolved, now());
  }
  const signingKeys =
    options.signingKeys ??
    (options.signingKeyFile
      ? loadOrCreateSigningKeys(options.signingKeyFile)
      : [generateSigningKey()]);
  const [firstKey] = signingKeys;
  if (!firstKey) throw new Error('at least one booking-token signing key is needed');
  const bookingEmbedOrigins = (options.bookingEmbedOrigins ?? []).map(embedOrigin);
  const notifier = notifierFor({
    ...(options.smtpUrl ? { smtpUrl: options.smtpUrl } : {}),
    ...(options.mailFrom ? { mailFrom: options.mailFrom } : {}),
    ...(options.smsSender ? { smsSender: options.smsSender } : {}),
    now,
    log,
  });
  const state: ServerState = {
    store,
    hub: new CalledTurnsHub({
      keepAliveMs: options.sseKeepAliveMs ?? DEFAULT_SSE_KEEP_ALIVE_MS,
      maxStreams: options.maxStreams ?? DEFAULT_MAX_STREAMS,
      maxStreamsPerClient: options.maxStreamsPerClient ?? DEFAULT_MAX_STREAMS_PER_CLIENT,
      log,
    }),
    followHub: new CalledTurnsHub({
      keepAliveMs: options.sseKeepAliveMs ?? DEFAULT_SSE_KEEP_ALIVE_MS,
      maxStreams: options.maxFollowStreams ?? DEFAULT_MAX_FOLLOW_STREAMS,
      maxStreamsPerClient:
        options.maxFollowStreamsPerClient ?? DEFAULT_MAX_FOLLOW_STREAMS_PER_CLIENT,
      log,
    }),
    now,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    activeKey: firstKey,
    bookingKeys: signingKeys.map(publicBookingKey),
    openApiDocument: buildOpenApiDocument(),
    auth: options.auth ?? 'optional',
    enrolmentThrottle: new FailureThrottle({
      limit: options.maxFailedEnrolmentsPerMinute ?? DEFAULT_FAILED_ENROLMENTS_PER_MINUTE,
      windowMs: 60_000,
      now,
    }),
    hosts: HostPolicy.none(),
    retentionDays,
    lobbyPageDir: options.lobbyPageDir ?? DEFAULT_LOBBY_PAGE_DIR,
    maxUnusedLeased: options.maxUnusedLeasedNumbers ?? DEFAULT_MAX_UNUSED_LEASED,
    waitEstimate: { ...DEFAULT_WAIT_ESTIMATE_SETTINGS, ...options.waitEstimate },
    followRequestsPerMinute: options.followRequestsPerMinute ?? DEFAULT_FOLLOW_REQUESTS_PER_MINUTE,
    bookingEmbedOrigins,
    log,
  };
  const retention = new RetentionJob({
    store,
    retentionDays,
    auditRetentionDays: options.auditRetentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS,
    now,
    log,
    ...(options.retentionCheckIntervalMs !== undefined
      ? { intervalMs: options.retentionCheckIntervalMs }
      : {}),
  });
  const faults = new FaultInjector(options.faults ?? null);

  const office = officeSettings(options);
  const staff = staffAdmin(store, now);
  if (options.demoStaff) await createDemoStaff(staff, store);
  // Manage links name the public origin, or this server's own address once it listens.
  let ownOrigin = '';
  const booking = bookingContext(
    state,
    options.bookingNotifier ?? notifier,
    options.booking ?? {},
    office.trustProxy,
    () => office.publicOrigin ?? ownOrigin,
  );
  const app = await buildHttpApp(state, faults, office, booking);
  try {
    await retention.start();
    await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  } catch (error) {
    await retention.stop();
    await store.close();
    throw error;
  }
  const { port, address, family } = app.server.address() as AddressInfo;
  const hostForUrl = family === 'IPv6' ? `[${address}]` : address;
  ownOrigin = `http://${hostForUrl}:${port}`;
  state.hosts = HostPolicy.for({
    port,
    ...(options.publicHosts || office.publicOrigin
      ? {
          publicHosts: [
            ...(options.publicHosts ?? []),
            ...(office.publicOrigin ? [new URL(office.publicOrigin).host] : []),
          ],
        }
      : {}),
    ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
  });

  let closing: Promise<void> | undefined;
  return {
    url: ownOrigin,
    port,
    allowedHosts: state.hosts.list(),
    admin: createServerAdmin(state, faults, seedSiteId),
    staff,
    // Idempotent: a second call waits for the first.
    close: () =>
      (closing ??= (async () => {
        await retention.stop();
        state.hub.closeAll();
        state.followHub.closeAll();
        notifier.close();
        try {
          await app.close();
        } finally {
          await store.close();
        }
      })()),
  };
}
