/**
 * What the kiosk needs from a town hall back end, whatever speaks for it: our own Town Hall
 * API v1 (`turnero-api/`) or an adapter for another booking system (`adapters/<system>/`), each
 * built by name through `registry.ts`. See docs/townhall-adapters.md.
 *
 * Every method validates what it returns against the contract in
 * `src-shared/contract/townhall-api.ts` (whose wire types it speaks) and fails with a
 * `BackendError` (./backend-error.ts), so the sync engine decides on retries from data and never
 * applies half an answer.
 */
import type {
  AppointmentsPage,
  AppointmentsQuery,
  CheckInRecord,
  CheckInRequest,
  HealthResponse,
  Heartbeat,
  HeartbeatResponse,
  NumberLease,
  NumberLeaseRequest,
  RemoteConfig,
  SiteInfoResponse,
  WalkInRecord,
  WalkInRequest,
} from '../../src-shared/contract/townhall-api';
import type { LobbyConnection, LobbyEvent, LobbySnapshot } from '../../src-shared/contract/lobby';

/** One page of the appointments window: no cursor = the whole window, a cursor = the changes. */
export type AppointmentsRequest = Pick<AppointmentsQuery, 'from' | 'days'> &
  Partial<Pick<AppointmentsQuery, 'cursor' | 'limit'>>;

export interface CheckInOutcome {
  record: CheckInRecord;
  /** True when the back end already had this check-in: a retry of a delivered push. */
  replayed: boolean;
}

export interface WalkInOutcome {
  record: WalkInRecord;
  replayed: boolean;
}

/** Who follows the lobby's events: each validated event, and each change of the connection. */
export interface LobbyStreamListener {
  event(event: LobbyEvent): void;
  connection(state: LobbyConnection): void;
}

export interface LobbyStream {
  close(): void;
}

/** What every back end does. */
export interface BackendEssentials {
  /** The configured site id; `getSiteInfo().site.id` must equal it. */
  readonly siteId: string;
  health(): Promise<HealthResponse>;
  getSiteInfo(): Promise<SiteInfoResponse>;
  /** Pages with the delta-cursor semantics of docs/townhall-api.md. */
  getAppointments(query: AppointmentsRequest): Promise<AppointmentsPage>;
  /** Records a check-in; idempotent per ticket id. */
  postCheckIn(request: CheckInRequest): Promise<CheckInOutcome>;
  /**
   * Back end clock minus local clock, in ms, from its last answer; null before any answer. For
   * diagnostics: the kiosk never syncs on it.
   */
  clockOffsetMs(): number | null;
}

/**
 * What a back end may offer besides. One that cannot lacks the method, and the kiosk falls back
 * to its local behaviour: numbers from its reserved range, walk-ins nobody hears of, no remote
 * heartbeat or settings.
 */
export interface BackendCapabilities {
  /** Reports a walk-in ticket; idempotent per ticket id, like a check-in. */
  postWalkIn(request: WalkInRequest): Promise<WalkInOutcome>;
  /** A block of ticket counters for (service, day), for this kiosk alone. */
  leaseNumbers(request: NumberLeaseRequest): Promise<NumberLease>;
  heartbeat(heartbeat: Heartbeat): Promise<HeartbeatResponse>;
  remoteConfig(kioskId: string): Promise<RemoteConfig>;
  /** The lobby screen's whole picture (docs/lobby-screen.md). */
  lobbySnapshot(): Promise<LobbySnapshot>;
  /** Follows the lobby's events until closed, reconnecting by itself. */
  followLobby(listener: LobbyStreamListener): LobbyStream;
}

export interface Backend extends BackendEssentials, Partial<BackendCapabilities> {}
