/**
 * A new kiosk's first sync, followed so that start-up never waits for it: the screen is served
 * at once, and this says whether the kiosk has anything to serve yet (`readiness`) and how far the
 * first pull has got (`progress`, for the technician's diagnostics).
 *
 * The kiosk is `preparing` only while it truly has nothing to serve: its cache never held the
 * site (no services, no booking keys, no appointments). Once the first sync has brought the site
 * in, it is `ready`: walk-ins and signed QR codes work, and a booking not pulled yet is answered
 * "the kiosk has not received the appointments yet" (`kiosk-not-ready`), never "not found".
 */
import { Emitter, type Event, type Unsubscribe } from '../../src-shared/common/emitter';
import type { Readiness } from '../../src-shared/contract/ipc';
import type { FirstSyncProgress } from '../../src-shared/contract/setup';
import type { SyncProgress, SyncStatus } from '../sync/sync-engine';

export interface FirstSyncSources {
  sync: {
    readonly onProgress: Event<SyncProgress>;
    readonly onStatusChange: Event<SyncStatus>;
  };
  /** Whether the cache was ever brought up to date (store.syncState.everUpToDate). */
  everUpToDate: () => boolean;
  /** Whether the cache holds the site. */
  hasSite: () => boolean;
  cachedAppointments: () => number;
}

export class FirstSyncTracker {
  private readonly changed = new Emitter<void>();
  private readonly subscriptions: Unsubscribe[];
  private state: FirstSyncProgress['state'];
  private appointmentsPulled = 0;
  private pages = 0;
  private lastError: string | null = null;
  /** Once the site is in the cache it stays there: no need to ask the store again. */
  private siteKnown: boolean;

  /** Fired when the readiness or the progress changed. */
  readonly onChange = this.changed.event;

  constructor(private readonly sources: FirstSyncSources) {
    this.state = sources.everUpToDate() ? 'done' : 'waiting';
    this.siteKnown = sources.hasSite();
    this.subscriptions = [
      sources.sync.onProgress((progress) => this.progressed(progress)),
      sources.sync.onStatusChange((status) => this.statusChanged(status)),
    ];
  }

  readiness(): Exclude<Readiness, 'unconfigured'> {
    this.siteKnown ||= this.sources.hasSite();
    return this.siteKnown || this.state === 'done' ? 'ready' : 'preparing';
  }

  progress(): FirstSyncProgress {
    return {
      state: this.state,
      appointmentsPulled: this.appointmentsPulled,
      pages: this.pages,
      appointmentsCached: this.sources.cachedAppointments(),
      lastError: this.lastError,
    };
  }

  dispose(): void {
    for (const unsubscribe of this.subscriptions) unsubscribe();
    this.changed.dispose();
  }

  private progressed(progress: SyncProgress): void {
    // Later whole pulls (a new day) are not the first sync.
    if (this.state === 'done' || !progress.initial) return;
    this.state = 'running';
    this.appointmentsPulled = progress.appointments;
    this.pages = progress.pages;
    this.changed.fire();
  }

  private statusChanged(status: SyncStatus): void {
    if (this.state === 'done') return;
    if (status.lastSuccessAt !== null) {
      this.state = 'done';
      this.lastError = null;
    } else if (status.lastError !== null) {
      this.state = 'failed';
      this.lastError = status.lastError.slice(0, 300);
    } else return;
    this.changed.fire();
  }
}
