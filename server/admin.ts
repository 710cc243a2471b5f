/**
 * In-process administration, standing in for the town hall's back office in tests and demos:
 * the `admin` object of a running server. It works on the server's store directly, with no
 * HTTP, authentication or faults in between.
 */
import {
  RemoteConfigSchema,
  type Appointment,
  type BookingTokenResponse,
  type CalledTurn,
  type CheckInRecord,
  type NumberLease,
  type RemoteConfig,
  type WalkInRecord,
} from '../src-shared/contract/townhall-api';
import type { AppointmentStatus } from '../src-shared/domain/appointment-status';
import { parseIdDocument } from '../src-shared/domain/id-document';
import { siteToday, type AuthMode, type ServerState } from './context';
import { newEnrolmentCode } from './device-secrets';
import { codeRules, EnrolmentCodeSpecSchema } from './enrolment-codes';
import type { FaultCounters, FaultInjector, FaultOptions } from './faults';
import { issueToken } from './routes/sites';
import { callNext, RECENT_TURNS } from './routes/turns';
import { publicAppointment } from './store/appointments-repository';
import {
  issueTechnicianCard,
  type IssuedTechnicianCard,
  type TechnicianCardSpec,
} from './technician-cards';
import { publicCheckIn } from './store/check-ins-repository';
import type { DeviceHealth } from './store/devices-repository';
import type { RemoteSettings } from './store/remote-config-repository';
import { walkInRecord, type IssuedTicket } from './store/tickets-repository';

export interface NewAppointmentInput {
  id?: string;
  code: string;
  serviceId: string;
  startsAt: Date | string;
  status?: AppointmentStatus;
  /** The citizen's DNI/NIE/passport: hashed with the site's salt at once, never stored. */
  citizenId?: string;
}

export interface NewEnrolmentCode {
  siteId?: string;
  kioskId: string;
  ttlMinutes?: number;
  replace?: boolean;
  code?: string;
}

/**
 * Methods with an optional `siteId` default to the seed's site (else the first site). Those that
 * read or write the store are async, like the store.
 */
export interface ServerAdmin {
  addAppointment(siteId: string, input: NewAppointmentInput): Promise<Appointment>;
  cancelAppointment(id: string): Promise<Appointment>;
  updateAppointment(
    id: string,
    change: { startsAt?: Date | string; status?: AppointmentStatus },
  ): Promise<Appointment>;
  getAppointment(id: string): Promise<Appointment | undefined>;
  listAppointments(siteId: string): Promise<Appointment[]>;
  checkIns(): Promise<CheckInRecord[]>;
  /** A signed booking token for an appointment, as the town hall would put in its QR. */
  issueToken(siteId: string, appointmentId: string): Promise<BookingTokenResponse>;
  /**
   * A technician card for one site (default: the seed's), valid `validDays` (default 30): the
   * text its QR code holds, signed with the server's booking key (docs/technician.md).
   */
  issueTechnicianCard(
    spec: Omit<TechnicianCardSpec, 'siteId'> & { siteId?: string },
  ): Promise<IssuedTechnicianCard>;
  /** The salted hash the site gives this ID number (for tests and demos). */
  citizenIdHash(siteId: string, citizenId: string): Promise<string>;
  /** The server-wide change sequence (grows with every appointment write). */
  currentSequence(): Promise<number>;

  /**
   * A new one-time enrolment code for one kiosk (random XXXX-XXXX-XXXX unless `code` is given),
   * valid `ttlMinutes` (default 24 h); with `replace` it may re-enrol that kiosk when it is
   * already enrolled, revoking its credential. Throws for invalid options or a code that exists.
   */
  createEnrolmentCode(options: NewEnrolmentCode): Promise<string>;
  /** The older form: a code for any kiosk id not enrolled yet, valid 24 h. */
  createEnrolmentCode(siteId?: string, code?: string): Promise<string>;
  /** Every device of a site that enrolled or sent a heartbeat, with its last heartbeat. */
  devices(siteId?: string): Promise<DeviceHealth[]>;
  /**
   * Replaces the remote settings of one kiosk, or of every kiosk ('*'); bumps the version the
   * kiosks see in heartbeat answers. Returns what `kioskId` now gets ('*': the site-wide part).
   */
  setRemoteConfig(
    kioskId: string,
    settings: RemoteSettings,
    siteId?: string,
  ): Promise<RemoteConfig>;
  /** What a kiosk gets from GET …/config. */
  remoteConfig(kioskId: string, siteId?: string): Promise<RemoteConfig>;
  walkIns(): Promise<WalkInRecord[]>;
  /** Every ticket (check-ins and walk-ins) of a site-local day, in issue order. */
  ticketsOfDay(day: string, siteId?: string): Promise<IssuedTicket[]>;
  /** Today's tickets not called yet, in call order. */
  waiting(siteId?: string): Promise<IssuedTicket[]>;
  numberLeases(siteId?: string): Promise<(NumberLease & { kioskId: string })[]>;
  /** As POST call-next: null when nobody waits. */
  callNext(
    desk: string,
    options?: { serviceIds?: readonly string[]; siteId?: string },
  ): Promise<CalledTurn | null>;
  /** The last 20 called turns, newest first. */
  calledTurns(siteId?: string): Promise<CalledTurn[]>;
  /** Open called-turn streams (SSE), e.g. to check that closed ones are forgotten. */
  openStreams(siteId?: string): number;
  /** Replaces the fault settings (null: off) and resets the counters. */
  setFaults(faults: FaultOptions | null): void;
  faults(): FaultOptions | null;
  /** What the injector decided since the last setFaults. */
  faultStats(): FaultCounters;
  setAuth(mode: AuthMode): void;
}

const toIso = (value: Date | string) => new Date(value).toISOString();

export function createServerAdmin(
  state: ServerState,
  faults: FaultInjector,
  seedSiteId: string | undefined,
): ServerAdmin {
  const { store, now } = state;
  const defaultSite = async (siteId?: string): Promise<string> => {
    const id = siteId ?? seedSiteId ?? (await store.sites.listSiteIds())[0];
    if (!id || !(await store.sites.hasSite(id))) {
      throw new Error(`unknown site ${id ?? '(none loaded)'}`);
    }
    return id;
  };
  const admin: ServerAdmin = {
    addAppointment: async (siteId, input) =>
      publicAppointment(
        await store.appointments.insert(siteId, {
          id: input.id ?? `apt-${input.code.replace(/^TRN-/, '').toLowerCase()}`,
          code: input.code,
          serviceId: input.serviceId,
          startsAt: toIso(input.startsAt),
          status: input.status ?? 'booked',
          citizenIdHash: input.citizenId
            ? await admin.citizenIdHash(siteId, input.citizenId)
            : null,
        }),
      ),
    cancelAppointment: async (id) =>
      publicAppointment(await store.appointments.update(id, { status: 'cancelled' })),
    updateAppointment: async (id, change) =>
      publicAppointment(
        await store.appointments.update(id, {
          ...(change.startsAt !== undefined ? { startsAt: toIso(change.startsAt) } : {}),
          ...(change.status !== undefined ? { status: change.status } : {}),
        }),
      ),
    getAppointment: async (id) => {
      const appointment = await store.appointments.get(id);
      return appointment ? publicAppointment(appointment) : undefined;
    },
    listAppointments: async (siteId) =>
      (await store.appointments.list(siteId)).map(publicAppointment),
    checkIns: async () => (await store.checkIns.list()).map(publicCheckIn),
    issueToken: (siteId, appointmentId) =>
      issueToken(store, state.activeKey, siteId, appointmentId, now()),
    issueTechnicianCard: async (spec) =>
      issueTechnicianCard(
        state.activeKey,
        { ...spec, siteId: await defaultSite(spec.siteId) },
        now(),
      ),
    citizenIdHash: async (siteId, citizenId) => {
      const parsed = parseIdDocument(citizenId);
      if (!parsed.ok) throw new Error('not a valid DNI, NIE or passport number');
      return store.sites.citizenIdHash(siteId, parsed.normalised);
    },
    currentSequence: () => store.appointments.currentSequence(),

    createEnrolmentCode: async (
      first?: string | NewEnrolmentCode,
      legacyCode?: string,
    ): Promise<string> => {
      const { siteId, ...options } =
        typeof first === 'object' ? first : { siteId: first, code: legacyCode };
      const spec = EnrolmentCodeSpecSchema.parse({
        ...options,
        code: options.code ?? newEnrolmentCode(),
      });
      const made = now();
      const site = await defaultSite(siteId);
      if (!(await store.devices.addEnrolmentCode(site, spec.code, codeRules(spec, made), made))) {
        throw new Error('that enrolment code exists already');
      }
      return spec.code;
    },
    devices: async (siteId) => store.devices.list(await defaultSite(siteId)),
    setRemoteConfig: async (kioskId, settings, siteId) => {
      const site = await defaultSite(siteId);
      await store.remoteConfig.set(
        site,
        kioskId,
        RemoteConfigSchema.shape.settings.parse(settings),
      );
      return store.remoteConfig.of(site, kioskId);
    },
    remoteConfig: async (kioskId, siteId) =>
      store.remoteConfig.of(await defaultSite(siteId), kioskId),
    walkIns: async () => (await store.tickets.listWalkIns()).map(walkInRecord),
    ticketsOfDay: async (day, siteId) => store.tickets.ofDay(day, await defaultSite(siteId)),
    waiting: async (siteId) => {
      const site = await defaultSite(siteId);
      return store.tickets.waiting(site, await siteToday(state, site));
    },
    numberLeases: async (siteId) => store.numberLeases.list(await defaultSite(siteId)),
    callNext: async (desk, callOptions = {}) =>
      (await callNext(state, await defaultSite(callOptions.siteId), desk, callOptions.serviceIds))
        ?.turn ?? null,
    calledTurns: async (siteId) =>
      (await store.calledTurns.recent(await defaultSite(siteId), RECENT_TURNS)).map(
        ({ turn }) => turn,
      ),
    openStreams: (siteId) => state.hub.count(siteId),
    setFaults: (next) => faults.set(next),
    faults: () => faults.get(),
    faultStats: () => faults.stats(),
    setAuth: (mode) => {
      state.auth = mode;
    },
  };
  return admin;
}
