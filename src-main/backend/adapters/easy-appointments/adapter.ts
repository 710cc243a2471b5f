/**
 * A Backend that speaks to an Easy!Appointments installation (REST API v1, Bearer API
 * token) instead of our Town Hall API, so a town hall already booking with EA can put a kiosk in
 * its lobby. What it maps, what it costs and what EA cannot offer: docs/townhall-adapters.md.
 *
 * - site info: our site id from config; name from EA's `company_name` setting when set, else
 *   from config; the zone of the site's providers (./provider-zone.ts), which must be the
 *   kiosk's; services from `/services`.
 * - appointments: the whole window from `/appointments?from=&till=`, mapped (code = EA booking
 *   hash, local times converted in the providers' zone), delta by digest (./delta.ts); a pull
 *   without a cursor is a `complete` snapshot.
 * - check-in: the checked-in status written on the appointment (./check-in.ts).
 */
import {
  AppointmentSchema,
  SiteInfoResponseSchema,
  type Appointment,
  type SiteInfoResponse,
} from '../../../../src-shared/contract/townhall-api';
import { addDays, localDayOf } from '../../../../src-shared/domain/site-time';
import type { AppointmentsRequest, Backend } from '../../backend';
import { BackendError } from '../../backend-error';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../http-client';
import { createEaCheckIn } from './check-in';
import { createDeltaState } from './delta';
import { createEaClient } from './ea-client';
import type { EaAppointment } from './ea-schemas';
import { mapAppointment, mapServices, type MappedAppointment } from './mapping';
import { EasyAppointmentsOptionsSchema, type EasyAppointmentsOptionsInput } from './options';
import { createProviderZone } from './provider-zone';
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

  const serverNow = (): Date => {
    const offset = ea.clockOffsetMs();
    return new Date(now().getTime() + (offset ?? 0));
  };

  /**
   * What EA may not have (older versions, or unset): null then, unless auth or the network
   * fails.
   */
  async function optionally<T>(what: string, read: () => Promise<T>): Promise<T | null> {
    try {
      return await read();
    } catch (error) {
      if (error instanceof BackendError && error.code === 'unauthorized') throw error;
      if (error instanceof BackendError && (error.kind === 'http' || error.kind === 'malformed')) {
        log(`easy-appointments: ${what} unavailable (${error.message}); using config`);
        return null;
      }
      throw error;
    }
  }
  const optionalSetting = (name: string) =>
    optionally(`setting ${name}`, () => ea.getSetting(name));

  const zone = createProviderZone({
    listProviders: () => optionally('providers', () => ea.listProviders()),
    defaultTimezone: () => optionalSetting('default_timezone'),
    providerIds: options.providerIds,
    kioskZone: options.timeZone,
    log,
  });

  function mapRecord(record: EaAppointment, timeZone: string): MappedAppointment {
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
    // Every poll: a provider's zone changed in EA is noticed before times are read with it.
    const siteZone = await zone.refresh();
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

    const timeZone = await zone.current();
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
      const mapped = mapRecord(record, timeZone);
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
        const mapped = mapRecord(record, timeZone);
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

  return {
    siteId: options.siteId,
    async health() {
      await ea.ping();
      return { status: 'ok', apiVersion: 'v1', time: serverNow().toISOString() };
    },
    getSiteInfo,
    getAppointments,
    postCheckIn: createEaCheckIn({ ea, options, zone, mapRecord, serverNow }),
    clockOffsetMs: () => ea.clockOffsetMs(),
  };
}
