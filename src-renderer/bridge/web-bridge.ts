/**
 * The bridge over the web host's WebSocket (`/ws`), for when the renderer runs in a plain
 * browser instead of Electron. Same `TurneroBridge` interface: requests carry an id and resolve
 * from the matching response frame; event frames go to listeners. The socket reconnects with
 * backoff; a request made while disconnected waits (bounded) for the connection, and any
 * transport failure resolves to `{ ok: false, error: { code: 'internal' } }`, never a rejection.
 */
import type {
  EventChannel,
  EventOf,
  IpcResult,
  RequestChannel,
  RequestOf,
  ResponseOf,
  TurneroBridge,
  WsClientFrame,
  WsServerFrame,
} from '../../src-shared/contract/ipc';

/** The part of the browser's WebSocket the bridge uses (a test can supply its own). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
}

export interface WebBridgeOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** How long a request waits for a connection before it fails. */
  connectWaitMs?: number;
  /** How long a sent request waits for its response. */
  responseTimeoutMs?: number;
  /** First and largest delay between reconnection attempts. */
  backoffInitialMs?: number;
  backoffMaxMs?: number;
}

const OPEN = 1;

type Settle = (result: IpcResult<unknown>) => void;

interface PendingRequest {
  frame: WsClientFrame;
  settle: Settle;
  timer: ReturnType<typeof setTimeout>;
  sent: boolean;
}

const INTERNAL: IpcResult<never> = { ok: false, error: { code: 'internal' } };

function isServerFrame(value: unknown): value is WsServerFrame {
  if (typeof value !== 'object' || value === null) return false;
  const frame = value as Record<string, unknown>;
  if (frame.kind === 'response') {
    const result = frame.result as Record<string, unknown> | null | undefined;
    return typeof frame.id === 'number' && typeof result?.ok === 'boolean';
  }
  return frame.kind === 'event' && typeof frame.event === 'string';
}

export interface WebBridge extends TurneroBridge {
  /** Closes the socket for good (tests, page unload). */
  close(): void;
}

export function createWebBridge(options: WebBridgeOptions): WebBridge {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const connectWaitMs = options.connectWaitMs ?? 10_000;
  const responseTimeoutMs = options.responseTimeoutMs ?? 30_000;
  const backoffInitialMs = options.backoffInitialMs ?? 250;
  const backoffMaxMs = options.backoffMaxMs ?? 5_000;

  const pending = new Map<number, PendingRequest>();
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: SocketLike | null = null;
  let backoffMs = backoffInitialMs;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let everConnected = false;
  let closed = false;

  const dispatch = (event: EventChannel, payload: unknown): void => {
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`turnero: a listener of ${event} failed`, error);
      }
    }
  };

  const finish = (id: number, result: IpcResult<unknown>): void => {
    const request = pending.get(id);
    if (!request) return;
    pending.delete(id);
    clearTimeout(request.timer);
    request.settle(result);
  };

  const sendRequest = (request: PendingRequest): void => {
    if (!socket || socket.readyState !== OPEN) return;
    try {
      socket.send(JSON.stringify(request.frame));
    } catch {
      finish(request.frame.id, INTERNAL);
      return;
    }
    request.sent = true;
    clearTimeout(request.timer);
    request.timer = setTimeout(() => finish(request.frame.id, INTERNAL), responseTimeoutMs);
  };

  /** After a reconnection, events may have been missed: fetch the state and announce it. */
  const refreshState = (): void => {
    void invoke('kiosk:get-state', {}).then((result) => {
      if (result.ok) dispatch('kiosk:state-changed', result.value);
    });
  };

  const scheduleReconnect = (): void => {
    if (closed || reconnectTimer) return;
    const jitter = Math.random() * backoffMs * 0.2;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, backoffMs + jitter);
    backoffMs = Math.min(backoffMs * 2, backoffMaxMs);
  };

  const connect = (): void => {
    if (closed) return;
    let current: SocketLike;
    try {
      current = createSocket(options.url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = current;
    current.onopen = () => {
      backoffMs = backoffInitialMs;
      for (const request of pending.values()) if (!request.sent) sendRequest(request);
      if (everConnected) refreshState();
      everConnected = true;
    };
    current.onmessage = (message) => {
      if (typeof message.data !== 'string') return;
      let frame: unknown;
      try {
        frame = JSON.parse(message.data);
      } catch {
        return;
      }
      if (!isServerFrame(frame)) return;
      if (frame.kind === 'response') finish(frame.id, frame.result);
      else dispatch(frame.event, frame.payload);
    };
    current.onerror = () => undefined; // a close event always follows
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      // Requests already on the wire cannot be known to have arrived: fail them.
      for (const request of [...pending.values()])
        if (request.sent) finish(request.frame.id, INTERNAL);
      scheduleReconnect();
    };
  };

  function invoke<C extends RequestChannel>(
    channel: C,
    payload: RequestOf<C>,
  ): Promise<IpcResult<ResponseOf<C>>> {
    if (closed) return Promise.resolve(INTERNAL);
    return new Promise((resolve) => {
      const id = nextId++;
      const request: PendingRequest = {
        frame: { id, channel, payload },
        // The response is the one the contract promises for this channel.
        settle: resolve as Settle,
        timer: setTimeout(() => finish(id, INTERNAL), connectWaitMs),
        sent: false,
      };
      pending.set(id, request);
      sendRequest(request);
    });
  }

  connect();

  return {
    invoke,
    on<E extends EventChannel>(event: E, listener: (payload: EventOf<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      // Payloads of an event frame are the contract's type for that event.
      const untyped = listener as (payload: unknown) => void;
      set.add(untyped);
      return () => set.delete(untyped);
    },
    close(): void {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      for (const id of [...pending.keys()]) finish(id, INTERNAL);
      socket?.close();
      socket = null;
    },
  };
}
