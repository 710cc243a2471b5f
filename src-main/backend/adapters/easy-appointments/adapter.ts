/**
 * A Backend that speaks to an Easy!Appointments installation (REST API v1, Bearer API
 * token) instead of our Town Hall API, so a town hall already booking with EA can put a kiosk in
 * its lobby. What it maps, what it costs and what EA cannot offer: docs/townhall-adapters.md.
 *
 * - site info: our site id from config; name and zone from EA's `company_name` and
 *   `default_timezone` settings when set, else from config; services from `/services`.
 * - appointments: the whole window from `/appointments?from=&till=`, mapped (code = EA booking
 *   hash, local times converted in the site's zone), delta by digest (./delta.ts).
 * - check-in: `PUT /appointments/{id}` with `{status: checkedInStatus}`, after a GET that makes a
 *   replay harmless (already checked in: nothing sent) and refuses a cancelled or deleted booking
 *   (`booking-cancelled`) and one EA now has on another day than the ticket's (`booking-moved`).
 */
import {
  AppointmentSchema,
  CheckInRecordSchema,
  CheckInRequestSchema,
  SiteInfoResponseSchema,
  type Appointment,
  type CheckInRecord,
  type CheckInRequest,
  type SiteInfoResponse,
} from '../../../../src-shared/contract/townhall-api';
import { addDays, isValidTimeZone, localDayOf } from '../../../../src-shared/domain/site-time';
import type { AppointmentsRequest, Backend, CheckInOutcome } from '../../backend';
import { BackendError } from '../../backend-error';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../http-client';
import { createDeltaState } from './delta';
import { createEaClient } from './ea-client';
import type { EaAppointment } from './ea-schemas';
import { mapAppointment, mapServices, mapStatus, type MappedAppointment } from './mapping';
import { EasyAppointmentsOptionsSchema, type EasyAppointmentsOptionsInput } from './options';
import { errorText } from '../../../logging/error-text';

export interface EasyAppointmentsRuntime {
  /** Per request (the kiosk's `api.timeoutMs`). */
  timeoutMs: number;
  /** Largest answer accepted per request (default 4 MiB). */
  maxResponseBytes?: number;
  fetch?: typeof fetch;
  now?: () => Date;
  log?: (line: string) => void;
}

const DEFAULT_PAGE_LIMIT = 1000;
const MAX_PAGE_LIMIT = 5000;
/** Appointments gone from the window are looked up one by one (deleted or moved?) up to this. */
const MAX_DISAPPEARED_LOOKUPS = 100;

/** The API root: the configured URL, with `/api/v1` added when it does not end with it. */
export function easyAppointmentsApiRoot(baseUrl: string): URL {
  const url = new URL(baseUrl);
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith('/api/v1') ? path : `${path}/api/v1`;
  url.search = '';
  url.hash = '';
  return url;
}

const malformed = (message: string): BackendError =>
  new BackendError('malformed', `Easy!Appointments: ${message}`);

export function createEasyAppointmentsBackend(
  input: EasyAppointmentsOptionsInput,
  runtime: EasyAppointmentsRuntime,
): Backend {
  const options = EasyAppointmentsOptionsSchema.parse(input);
  const now = runtime.now ?? (() => new Date());
  const log = runtime.log ?? (() => undefined);
  const ea = createEaClient({
    apiRoot: easyAppointmentsApiRoot(options.baseUrl),
    apiToken: options.apiToken,
    timeoutMs: runtime.timeoutMs,
    maxResponseBytes: runtime.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    pageLength: options.pageLength,
    ...(runtime.fetch ? { fetch: runtime.fetch } : {}),
    now,
  });
  const delta = createDeltaState();
  const providers = options.providerIds ? new Set(options.providerIds) : null;
  /** EA's zone once its settings were read (site info), the configured one until then. */
  let timeZone = options.timeZone;

  const serverNow = (): Date => {
    const offset = ea.clockOffsetMs();
    return new Date(now().getTime() + (offset ?? 0));
  };

  /** A setting EA may not have (older versions, or unset): absent unless auth or network fails. */
  async function optionalSetting(name: string): Promise<string | null> {
    try {
      return await ea.getSetting(name);
    } catch (error) {
      if (error instanceof BackendError && error.code === 'unauthorized') throw error;
      if (error instanceof BackendError && (error.kind === 'http' || error.kind === 'malformed')) {
        log(`easy-appointments: setting ${name} unavailable (${error.message}); using config`);
        return null;
      }
      throw error;
    }
  }

  function mapRecord(record: EaAppointment): MappedAppointment {
    try {
      return mapAppointment(record, timeZone, options);
    } catch (error) {
      throw malformed(`appointment ${record.id}: ${errorText(error)}`);
    }
  }

  const ofProvider = (record: EaAppointment): boolean =>
    providers === null ||
    (record.providerId !== null &&
      record.providerId !== undefined &&
      providers.has(String(record.providerId)));

  function validateAppointments(appointments: Appointment[]): Appointment[] {
    const parsed = AppointmentSchema.array().safeParse(appointments);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw malformed(
        `appointment does not fit the contract (${issue?.path.join('.')}: ${issue?.message})`,
      );
    }
    return parsed.data;
  }

  async function getSiteInfo(): Promise<SiteInfoResponse> {
    const services = await ea.listServices();
    const name = await optionalSetting('company_name');
    const zone = await optionalSetting('default_timezone');
    if (zone !== null && !isValidTimeZone(zone)) {
      log(`easy-appointments: default_timezone "${zone}" is not an IANA zone; using config`);
    }
    const siteZone = zone !== null && isValidTimeZone(zone) ? zone : options.timeZone;
    const answer = {
      site: {
        id: options.siteId,
        name: name?.trim().slice(0, 120) || options.siteName,
        timeZone: siteZone,
        // EA cannot share out number blocks: every kiosk numbers from its own reserved range.
        numbering: { leaseCeiling: 0, defaultBlockSize: 1 },
      },
      services: mapServices(services, options),
    };
    const parsed = SiteInfoResponseSchema.safeParse(answer);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw malformed(
        `services do not fit the contract (${issue?.path.join('.')}: ${issue?.message})`,
      );
    }
    timeZone = siteZone;
    return parsed.data;
  }

  async function getAppointments(query: AppointmentsRequest) {
    const days = query.days;
    if (!Number.isInteger(days) || days < 1 || days > 14) {
      throw new BackendError('http', `days: expected 1-14, got ${days}`, 400, 'bad-request');
    }
    const limit = Math.min(Math.max(query.limit ?? DEFAULT_PAGE_LIMIT, 1), MAX_PAGE_LIMIT);
    const window = `${query.from}/${days}`;
    const position = delta.locate(query.cursor, window);
    if (position.kind === 'page')
      return delta.servePage(position.generation, position.offset, limit);

    const last = addDays(query.from, days - 1);
    const inWindow = (appointment: MappedAppointment): boolean => {
      const day = localDayOf(new Date(appointment.startsAt), timeZone);
      return day >= query.from && day <= last;
    };
    // EA filters on the date of `end` for `till`: one day more keeps a booking that ends after
    // midnight; the window is then cut on the start's local day here.
    const records = await ea.listAppointments(query.from, addDays(last, 1));
    const observedAtMs = (ea.lastServerDate() ?? now()).getTime();
    const current = new Map<string, MappedAppointment>();
    for (const record of records) {
      if (!ofProvider(record)) continue;
      const mapped = mapRecord(record);
      if (inWindow(mapped)) current.set(mapped.id, mapped);
    }

    const outside: MappedAppointment[] = [];
    if (position.kind === 'base') {
      const gone = [...position.digests.keys()].filter((id) => !current.has(id));
      for (const [index, id] of gone.entries()) {
        const lastKnown = delta.lastKnown(id);
        // A mass disappearance is taken as deletion without asking EA about each one.
        const record = index < MAX_DISAPPEARED_LOOKUPS ? await ea.getAppointment(id) : null;
        if (record === null || !ofProvider(record)) {
          if (lastKnown) outside.push({ ...lastKnown, status: 'cancelled' });
          continue;
        }
        const mapped = mapRecord(record);
        // Still in the window: the listing skipped it (EA pages by offset while data changed).
        if (inWindow(mapped)) current.set(mapped.id, mapped);
        else outside.push(mapped); // moved to another day: reported with its new start
      }
    }

    return delta.commit({
      window,
      base: position.kind === 'base' ? position.digests : null,
      inWindow: [...current.values()],
      outside,
      observedAtMs,
      limit,
      validate: validateAppointments,
    });
  }

  async function postCheckIn(request: CheckInRequest): Promise<CheckInOutcome> {
    const parsed = CheckInRequestSchema.safeParse(request);
    if (!parsed.success) {
      throw new BackendError(
        'http',
        'check-in request does not fit the contract',
        400,
        'bad-request',
      );
    }
    const checkIn = parsed.data;
    if (!/^[1-9]\d{0,17}$/.test(checkIn.appointmentId)) {
      throw checkIn.bookingToken !== undefined
        ? new BackendError(
            'http',
            `unknown-appointment: ${checkIn.appointmentId} is not an Easy!Appointments id`,
            422,
            'unknown-appointment',
          )
        : new BackendError(
            'http',
            `bad-request: ${checkIn.appointmentId} is not an Easy!Appointments id`,
            400,
            'bad-request',
          );
    }
    const current = await ea.getAppointment(checkIn.appointmentId);
    if (current === null) {
      // EA deletes what it cancels: the booking is gone for good, so this is final (409/422).
      throw checkIn.bookingToken !== undefined
        ? new BackendError(
            'http',
            `unknown-appointment: ${checkIn.appointmentId} is not in Easy!Appointments`,
            422,
            'unknown-appointment',
          )
        : new BackendError(
            'http',
            `conflict: appointment ${checkIn.appointmentId} was cancelled in Easy!Appointments ` +
              '(its cancel link deletes the booking)',
            409,
            'conflict',
          );
    }
    const status = mapStatus(current.status, options);
    if (status === 'cancelled') {
      throw new BackendError(
        'http',
        `conflict: appointment ${checkIn.appointmentId} is cancelled`,
        409,
        'conflict',
      );
    }
    const recorded = (replayed: boolean): CheckInOutcome => {
      const record: CheckInRecord = { ...checkIn, receivedAt: serverNow().toISOString() };
      return { record: CheckInRecordSchema.parse(record), replayed };
    };
    // Already checked in: a replay of a push whose answer was lost, whatever EA did since.
    if (status === 'checked-in') return recorded(true);
    // Moved to another day since the kiosk cached it: the ticket is today's, the booking is not
    // any more, and EA's real appointment must not be marked as attended.
    const ticketDay = localDayOf(new Date(checkIn.issuedAt), timeZone);
    const bookingDay = localDayOf(new Date(mapRecord(current).startsAt), timeZone);
    if (bookingDay !== ticketDay) {
      throw new BackendError(
        'http',
        `conflict: appointment ${checkIn.appointmentId} was moved to ${bookingDay} in ` +
          `Easy!Appointments; the ticket is of ${ticketDay}`,
        409,
        'conflict',
      );
    }
    const updated = await ea.setAppointmentStatus(checkIn.appointmentId, options.checkedInStatus);
    if (mapStatus(updated.status, options) !== 'checked-in') {
      throw malformed(
        `status "${options.checkedInStatus}" was not stored (answer says "${updated.status ?? ''}")`,
      );
    }
    return recorded(false);
  }

  return {
    siteId: options.siteId,
    async health() {
      await ea.ping();
      return { status: 'ok', apiVersion: 'v1', time: serverNow().toISOString() };
    },
    getSiteInfo,
    getAppointments,
    postCheckIn,
    clockOffsetMs: () => ea.clockOffsetMs(),
  };
}
