/**
 * The lobby screen's feed as the kiosk's main process relays it (docs/lobby-screen.md): main
 * follows the server's lobby events through its back end and answers snapshots, and the lobby
 * page on the second display (or a web-host tab) gets both over the IPC bridge, so that no
 * window of the kiosk ever loads remote content.
 *
 * The stream is opened on the first request (a kiosk without a lobby page holds no socket on
 * the server). The kiosk's own screen options, when it has them, replace the server's in every
 * snapshot; when they change, a new snapshot is sent as a `snapshot` event.
 */
import { Emitter } from '../../src-shared/common/emitter';
import type {
  LobbyConnection,
  LobbyEvent,
  LobbyOptions,
  LobbySnapshot,
} from '../../src-shared/contract/lobby';
import type { Backend, BackendCapabilities } from '../backend/backend';
import { errorText } from '../logging/error-text';

export type LobbySource = Pick<BackendCapabilities, 'lobbySnapshot' | 'followLobby'>;

/** The back end's lobby feed, when it has one (the Town Hall API has; adapters may not). */
export function lobbySourceOf(backend: Backend): LobbySource | null {
  const { lobbySnapshot, followLobby } = backend;
  return lobbySnapshot && followLobby
    ? {
        lobbySnapshot: () => lobbySnapshot.call(backend),
        followLobby: (listener) => followLobby.call(backend, listener),
      }
    : null;
}

export interface LobbyRelayDeps {
  /** The back end's lobby feed; null when the back end has none (the page shows no feed). */
  source: LobbySource | null;
  /** The kiosk's screen options; null: the server's. */
  screenOptions?: () => LobbyOptions | null;
  log: (line: string) => void;
}

export class LobbyRelay {
  private readonly events = new Emitter<LobbyEvent>();
  private readonly connections = new Emitter<LobbyConnection>();
  readonly onEvent = this.events.event;
  readonly onConnection = this.connections.event;
  private state: LobbyConnection = 'connecting';
  private stream: { close(): void } | null = null;
  private stopped = false;

  constructor(private readonly deps: LobbyRelayDeps) {}

  get available(): boolean {
    return this.deps.source !== null;
  }

  /** Where main's feed stands; the first call opens it. */
  connection(): LobbyConnection {
    this.start();
    return this.state;
  }

  async snapshot(): Promise<LobbySnapshot> {
    const source = this.deps.source;
    if (!source) throw new Error('the back end has no lobby feed');
    this.start();
    return this.withScreenOptions(await source.lobbySnapshot());
  }

  /** The kiosk's screen options changed: screens get a whole new snapshot at once. */
  async optionsChanged(): Promise<void> {
    if (!this.stream) return;
    try {
      this.events.fire({ type: 'snapshot', snapshot: await this.snapshot() });
    } catch (error) {
      // The screen keeps its options until its next snapshot (after any reconnect).
      this.deps.log(`lobby: new screen options not sent yet: ${errorText(error)}`);
    }
  }

  stop(): void {
    this.stopped = true;
    this.stream?.close();
    this.stream = null;
    this.events.dispose();
    this.connections.dispose();
  }

  private start(): void {
    const source = this.deps.source;
    if (this.stream || this.stopped || !source) return;
    this.stream = source.followLobby({
      event: (event) =>
        this.events.fire(
          event.type === 'snapshot'
            ? { type: 'snapshot', snapshot: this.withScreenOptions(event.snapshot) }
            : event,
        ),
      connection: (state) => {
        this.state = state;
        this.connections.fire(state);
      },
    });
  }

  private withScreenOptions(snapshot: LobbySnapshot): LobbySnapshot {
    const options = this.deps.screenOptions?.() ?? null;
    return options ? { ...snapshot, options } : snapshot;
  }
}
