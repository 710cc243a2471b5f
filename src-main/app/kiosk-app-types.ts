/** What a host (Electron or web) gets from the composed kiosk services. */
import type { EventChannel, IpcResult } from '../../src-shared/contract/ipc';
import type { Config } from '../config/schema';

export type KioskEventListener = (event: EventChannel, payload: unknown) => void;

export interface KioskApp {
  readonly config: Config;
  /** Validates and serves one request of the IPC contract; never throws. */
  dispatch(channel: unknown, payload: unknown): Promise<IpcResult<unknown>>;
  /** Subscribes to every event of the contract; returns the unsubscribe function. */
  onEvent(listener: KioskEventListener): () => void;
  stop(): Promise<void>;
}

export interface KioskAppOptions {
  config: Config;
  /** Where the database, ticket files and logs live when the config names no dataDir. */
  defaultDataDir: string;
  log?: (line: string) => void;
}
