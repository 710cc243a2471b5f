/** What a host (Electron or web) gets from the composed kiosk. */
import type { IpcResult } from '../../src-shared/contract/ipc';
import type { Event } from '../../src-shared/common/emitter';
import type { Config } from '../config/schema';
import type { Download } from '../diagnostics/downloads';
import type { KioskEvent } from '../ipc/kiosk-events';
import type { SecretStoreFactory } from '../secrets/secret-store';

export interface Kiosk {
  /**
   * The configuration the kiosk started with: the file with the technician's saved changes (the
   * settings service owns later changes); null while the first-run wizard runs (src-main/setup/).
   */
  readonly config: Config | null;
  /** Validates and serves one request of the IPC contract; never throws. */
  dispatch(channel: unknown, payload: unknown): Promise<IpcResult<unknown>>;
  /** Every event of the contract, already validated; subscribing returns the unsubscribe. */
  readonly onEvent: Event<KioskEvent>;
  /**
   * The file behind a one-time download token the technician's panel was given (the log
   * bundle), once; null for an unknown, used or expired token. Only hosts that serve downloads
   * (the web host) call it.
   */
  takeDownload?(token: string): Download | null;
  stop(): Promise<void>;
}

/** What the host can do for the kiosk beyond carrying its contract. */
export interface HostCapabilities {
  /**
   * Restarts the kiosk application (the technician's "restart" button): the Electron host
   * relaunches itself; the web host stops the kiosk and starts it again in its own process.
   */
  restart(): void;
  /** The host serves downloads to its page (the web host does; Electron does not). */
  readonly downloads: boolean;
}

export interface StartKioskOptions {
  config: Config;
  /** Where the database, ticket files and logs live when the config names no dataDir. */
  defaultDataDir: string;
  log?: (line: string) => void;
  /**
   * TURNERO_APPLIANCE_DIR of an installed appliance: where the kiosk asks the root update helper
   * for the version the town hall wants (src-main/appliance/update-request.ts).
   */
  applianceDir?: string | null;
  /** What the host offers; without it the kiosk can neither restart itself nor offer downloads. */
  host?: HostCapabilities;
  /** Where the device credential is kept (default: a 0600 file; Electron: safeStorage). */
  secretStore?: SecretStoreFactory;
}
