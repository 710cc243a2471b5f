/**
 * `window.turnero` over Electron IPC. Built from the few ipcRenderer calls it needs, so the
 * renderer never gets ipcRenderer itself and so the bridge can be tested without Electron.
 */
import {
  ELECTRON_EVENT_CHANNEL,
  ELECTRON_INVOKE_CHANNEL,
} from '../../../src-shared/contract/electron-channels';
import type {
  EventChannel,
  EventOf,
  IpcResult,
  RequestChannel,
  ResponseOf,
  TurneroBridge,
} from '../../../src-shared/contract/ipc';

/** The slice of `ipcRenderer` the bridge uses. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** What the main process sends on ELECTRON_EVENT_CHANNEL. */
export interface ElectronEventMessage {
  event: EventChannel;
  payload: unknown;
}

function isEventMessage(value: unknown): value is ElectronEventMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>).event === 'string'
  );
}

export function createTurneroBridge(ipc: BridgeIpc): TurneroBridge {
  // One IPC listener for the whole page, however many components subscribe (ipcRenderer would
  // warn past ten listeners on a channel); it is attached while anyone listens.
  const subscribers = new Map<string, Set<(payload: unknown) => void>>();
  // The IpcRendererEvent (first argument) is never handed to the page: it holds `sender`.
  const onMessage = (_event: unknown, message: unknown): void => {
    if (!isEventMessage(message)) return;
    for (const listener of [...(subscribers.get(message.event) ?? [])]) listener(message.payload);
  };
  let attached = false;

  return {
    invoke<C extends RequestChannel>(channel: C, payload: unknown) {
      return ipc.invoke(ELECTRON_INVOKE_CHANNEL, { channel, payload }) as Promise<
        IpcResult<ResponseOf<C>>
      >;
    },
    on<E extends EventChannel>(event: E, listener: (payload: EventOf<E>) => void) {
      const wrapped = (payload: unknown): void => listener(payload as EventOf<E>);
      const set = subscribers.get(event) ?? new Set();
      set.add(wrapped);
      subscribers.set(event, set);
      if (!attached) {
        ipc.on(ELECTRON_EVENT_CHANNEL, onMessage);
        attached = true;
      }
      return () => {
        if (!set.delete(wrapped)) return;
        if (set.size === 0) subscribers.delete(event);
        if (attached && subscribers.size === 0) {
          ipc.removeListener(ELECTRON_EVENT_CHANNEL, onMessage);
          attached = false;
        }
      };
    },
  };
}
