import type { TurneroBridge } from '../src-shared/contract/ipc';

declare global {
  interface Window {
    /** Put here by the Electron preload; absent in a plain browser (the web host). */
    turnero?: TurneroBridge;
  }
}
