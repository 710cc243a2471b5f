/**
 * A delta cursor for a back end without a change feed. Easy!Appointments can only list a window,
 * so every pull reads the whole window; this module remembers, per issued cursor, a digest of each
 * appointment as the kiosk last received it, and answers the next pull with only what differs.
 *
 * Cursors are `ea1.<instance>.<generation>` (complete: the base of the next delta) or
 * `ea1.<instance>.<generation>.<offset>` (the next page of a delta being paged). State lives in
 * memory: a cursor from another process or adapter instance, for another window, or too old (the
 * last few generations are kept) is refused as `invalid-cursor`, and the sync engine pulls the
 * window whole — which costs EA the same requests as a delta.
 *
 * Versions must only grow (the kiosk's cache ignores an older version), and EA has no updated-at,
 * so an appointment's version is the moment its digest was first seen to change: the EA server's
 * clock (Date header) in ms, or the kiosk's clock when EA sends none, and always more than the
 * previous version issued. An unchanged appointment keeps its version, so a full pull does not
 * undo a check-in the kiosk made and has not pushed yet.
 */
import { randomBytes } from 'node:crypto';
import { BackendError } from '../../backend-error';
import type { Appointment } from '../../../../src-shared/contract/townhall-api';
import { appointmentDigest, type MappedAppointment } from './mapping';

const KEPT_GENERATIONS = 8;
const CURSOR = /^ea1\.([A-Za-z0-9_-]{8,32})\.([1-9]\d{0,15})(?:\.(\d{1,9}))?$/;

interface Snapshot {
  window: string;
  /** A pull without a cursor: its pages hold the whole window (`complete` on each). */
  complete: boolean;
  /** Digest per appointment id of the window, as the kiosk has it once this delta is applied. */
  digests: Map<string, string>;
  /** The delta that led to this snapshot, served page by page. */
  changes: Appointment[];
}

interface Known {
  digest: string;
  version: number;
  appointment: MappedAppointment;
}

export type CursorPosition =
  | { kind: 'none' }
  | { kind: 'base'; digests: ReadonlyMap<string, string> }
  | { kind: 'page'; generation: number; offset: number };

export interface DeltaPage {
  appointments: Appointment[];
  cursor: string;
  hasMore: boolean;
  complete?: boolean;
}

const invalidCursor = (why: string): BackendError =>
  new BackendError('http', `invalid-cursor: ${why}`, 400, 'invalid-cursor');

export function createDeltaState() {
  const instance = randomBytes(9).toString('base64url');
  const snapshots = new Map<number, Snapshot>();
  const known = new Map<string, Known>();
  let nextGeneration = 1;
  let lastVersion = 0;

  const cursorOf = (generation: number, offset?: number): string =>
    `ea1.${instance}.${generation}${offset === undefined ? '' : `.${offset}`}`;

  function page(generation: number, snapshot: Snapshot, offset: number, limit: number): DeltaPage {
    const end = Math.min(offset + limit, snapshot.changes.length);
    const hasMore = end < snapshot.changes.length;
    return {
      appointments: snapshot.changes.slice(offset, end),
      cursor: hasMore ? cursorOf(generation, end) : cursorOf(generation),
      hasMore,
      ...(snapshot.complete ? { complete: true } : {}),
    };
  }

  return {
    /** Where a cursor points; throws `invalid-cursor` for one this state did not issue. */
    locate(cursor: string | undefined, window: string): CursorPosition {
      if (cursor === undefined) return { kind: 'none' };
      const match = CURSOR.exec(cursor);
      if (!match || match[1] !== instance) throw invalidCursor('not issued by this adapter');
      const generation = Number(match[2]);
      const snapshot = snapshots.get(generation);
      if (!snapshot) throw invalidCursor('expired');
      if (snapshot.window !== window) throw invalidCursor('issued for another window');
      if (match[3] !== undefined) {
        const offset = Number(match[3]);
        if (offset > snapshot.changes.length) throw invalidCursor('past the end');
        return { kind: 'page', generation, offset };
      }
      return { kind: 'base', digests: snapshot.digests };
    },

    /** A further page of a delta already computed. */
    servePage(generation: number, offset: number, limit: number): DeltaPage {
      const snapshot = snapshots.get(generation);
      if (!snapshot) throw invalidCursor('expired');
      return page(generation, snapshot, offset, limit);
    },

    /** The last known state of an appointment (for one that disappeared from the window). */
    lastKnown: (id: string): MappedAppointment | undefined => known.get(id)?.appointment,

    /**
     * Stamps versions, records the new snapshot and returns the first page. `window` is what the
     * window holds now; `outside` are appointments to report that are no longer in it (deleted,
     * so cancelled, or moved to another day). Nothing is recorded until everything is stamped.
     */
    commit(input: {
      window: string;
      base: ReadonlyMap<string, string> | null;
      inWindow: readonly MappedAppointment[];
      outside: readonly MappedAppointment[];
      observedAtMs: number;
      limit: number;
      validate: (appointments: Appointment[]) => Appointment[];
    }): DeltaPage {
      let version = lastVersion;
      const stamped = new Map<string, Known>();
      const stamp = (appointment: MappedAppointment): { digest: string; value: Appointment } => {
        const digest = appointmentDigest(appointment);
        const previous = known.get(appointment.id);
        if (previous?.digest === digest) {
          return { digest, value: { ...appointment, version: previous.version } };
        }
        version = Math.max(version + 1, input.observedAtMs);
        stamped.set(appointment.id, { digest, version, appointment });
        return { digest, value: { ...appointment, version } };
      };

      const digests = new Map<string, string>();
      const changes: Appointment[] = [];
      for (const appointment of input.inWindow) {
        const { digest, value } = stamp(appointment);
        digests.set(appointment.id, digest);
        if (input.base?.get(appointment.id) !== digest) changes.push(value);
      }
      for (const appointment of input.outside) changes.push(stamp(appointment).value);
      // Throws (malformed) before anything below runs: nothing half-applied.
      const validated = input.validate(changes);

      lastVersion = version;
      for (const [id, entry] of stamped) known.set(id, entry);
      const generation = nextGeneration;
      nextGeneration += 1;
      const snapshot: Snapshot = {
        window: input.window,
        complete: input.base === null,
        digests,
        changes: validated,
      };
      snapshots.set(generation, snapshot);
      for (const old of snapshots.keys()) {
        if (snapshots.size <= KEPT_GENERATIONS) break;
        snapshots.delete(old);
      }
      // Forget appointments no kept snapshot refers to (past days, deleted ones once reported).
      const referenced = new Set<string>();
      for (const kept of snapshots.values())
        for (const id of kept.digests.keys()) referenced.add(id);
      for (const id of known.keys()) if (!referenced.has(id)) known.delete(id);
      return page(generation, snapshot, 0, input.limit);
    },
  };
}

export type DeltaState = ReturnType<typeof createDeltaState>;
