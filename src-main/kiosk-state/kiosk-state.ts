/**
 * The one owner of the kiosk state the screen sees (`KioskState` of the IPC contract): it keeps
 * the current value, updates the slice a source reports (printer, scanner, sync, settings), and
 * tells its listeners only when something visible changed. It also holds the language of the
 * citizen now at the kiosk, so that a scan read by the main process (serial scanner) is printed
 * in the language that citizen chose on screen.
 */
import { Emitter, type Event, type Unsubscribe } from '../../src-shared/common/emitter';
import type { KioskState, Readiness } from '../../src-shared/contract/ipc';
import type { Language } from '../../src-shared/domain/language';
import type { Config } from '../config/schema';
import type { SettingsChange } from '../settings/settings-service';
import type { SyncStatus } from '../sync/sync-engine';
import type { DeviceFacts } from './device-facts';

export interface KioskStateSources {
  kioskId: string;
  settings: { readonly current: Config; readonly onChange: Event<SettingsChange> };
  sync: { getStatus(): SyncStatus; onStatusChange(listener: () => void): Unsubscribe };
  devices: DeviceFacts;
  printer: { onStateChange(listener: () => void): Unsubscribe };
  scanner: { onStatusChange(listener: () => void): Unsubscribe } | null;
  /** The town hall's name for the site, as last pulled ('' before the first sync). */
  siteName: () => string;
  /** Whether a new kiosk has anything to serve yet (first-sync.ts). */
  readiness: { readiness(): Readiness; readonly onChange: Event<void> };
}

export class KioskStateModel {
  private readonly changed = new Emitter<KioskState>();
  private readonly subscriptions: Unsubscribe[];
  private state: KioskState;

  readonly onChange = this.changed.event;

  constructor(private readonly sources: KioskStateSources) {
    const settings = sources.settings.current;
    this.state = {
      readiness: sources.readiness.readiness(),
      siteName: this.siteName(settings),
      kioskId: sources.kioskId,
      defaultLanguage: settings.language,
      sessionLanguage: settings.language,
      ...this.syncSlice(),
      printer: sources.devices.printer(),
      ...this.citizenSlice(settings),
      scanner: this.scannerSlice(settings),
    };
    this.subscriptions = [
      sources.printer.onStateChange(() => this.update({ printer: sources.devices.printer() })),
      sources.scanner?.onStatusChange(() =>
        this.update({ scanner: this.scannerSlice(sources.settings.current) }),
      ) ?? (() => undefined),
      // A sync run may bring the site's name along with the status.
      sources.sync.onStatusChange(() =>
        this.update({ ...this.syncSlice(), siteName: this.siteName(sources.settings.current) }),
      ),
      // The first sync brings the site in long before its run ends (a page of appointments).
      sources.readiness.onChange(() =>
        this.update({
          readiness: sources.readiness.readiness(),
          siteName: this.siteName(sources.settings.current),
        }),
      ),
      sources.settings.onChange(({ settings: next, previous }) =>
        this.update({
          defaultLanguage: next.language,
          // Nobody chose another language yet: the new default is the session's too.
          ...(this.state.sessionLanguage === previous.language
            ? { sessionLanguage: next.language }
            : {}),
          ...this.citizenSlice(next),
          siteName: this.siteName(next),
          scanner: this.scannerSlice(next),
        }),
      ),
    ];
  }

  get(): KioskState {
    return this.state;
  }

  /** The language of the citizen now at the kiosk. */
  sessionLanguage(): Language {
    return this.state.sessionLanguage;
  }

  /** The citizen chose a language on screen; null when the session ended (back to default). */
  setSessionLanguage(language: Language | null): Language {
    this.update({ sessionLanguage: language ?? this.state.defaultLanguage });
    return this.state.sessionLanguage;
  }

  dispose(): void {
    for (const unsubscribe of this.subscriptions) unsubscribe();
    this.changed.dispose();
  }

  private syncSlice(): Pick<KioskState, 'connectivity' | 'lastSyncAt'> {
    const status = this.sources.sync.getStatus();
    return { connectivity: status.connectivity, lastSyncAt: status.lastSuccessAt };
  }

  private citizenSlice(
    settings: Config,
  ): Pick<KioskState, 'bookingUrl' | 'session' | 'languages' | 'branding'> {
    const { bookingUrl, outcomeSeconds, idleSeconds, warningSeconds, languages } = settings.citizen;
    const { headerColor, actionColor } = settings.branding;
    return {
      bookingUrl,
      session: { outcomeSeconds, idleSeconds, warningSeconds },
      languages,
      branding: { headerColor, actionColor },
    };
  }

  /** The technician's display name for the site, else the town hall's. */
  private siteName(settings: Config): string {
    return settings.branding.siteName ?? this.sources.siteName();
  }

  private scannerSlice(settings: Config): KioskState['scanner'] {
    return {
      ...this.sources.devices.scannerLink(),
      keyboardLayout: settings.scanner.keyboardLayout,
      camera: settings.scanner.camera,
      wedgeMaxGapMs: settings.scanner.wedgeMaxGapMs,
    };
  }

  private update(slice: Partial<KioskState>): void {
    const next = { ...this.state, ...slice };
    if (JSON.stringify(next) === JSON.stringify(this.state)) return;
    this.state = next;
    this.changed.fire(next);
  }
}
