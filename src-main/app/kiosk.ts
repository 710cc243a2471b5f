/** What a host (Electron or web) gets from the composed kiosk. */
import type { IpcResult } from '../../src-shared/contract/ipc';
import type { Event } from '../../src-shared/common/emitter';
import type { Config } from '../config/schema';
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
  stop(): Promise<void>;
}

export interface StartKioskOptions {
  config: Config;
  /** Where the database, ticket files and logs live when the config names no dataDir. */
  defaultDataDir: string;
  log?: (line: string) => void;
  /** Where the device credential is kept (default: a 0600 file; Electron: safeStorage). */
  secretStore?: SecretStoreFactory;
}
