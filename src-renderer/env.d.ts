import type { TurneroBridge } from '../src-shared/contract/ipc';

declare global {
  interface Window {
    /** Put here by the Electron preload; in a plain browser (the web host), by `getBridge`. */
    turnero?: TurneroBridge;
  }
}
