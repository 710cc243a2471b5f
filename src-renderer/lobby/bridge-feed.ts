/**
 * The lobby feed over the kiosk's bridge (`lobby.html?feed=bridge`): the kiosk's main process
 * follows the Turnero server and relays its snapshots and events (src-main/lobby/lobby-relay.ts),
 * so the page on the totem's second display, or in a web-host tab, asks nothing of the server's
 * origin. The connection it reports is main's own to the server; `start` asks for it, which also
 * makes main open its feed.
 */
import type { TurneroBridge } from '../../src-shared/contract/ipc';
import { Emitter } from '../../src-shared/common/emitter';
import {
  LobbyEventSchema,
  type LobbyConnection,
  type LobbyEvent,
} from '../../src-shared/contract/lobby';
import type { LobbyFeed } from './lobby-feed';

/** The page's query asks for this feed with `?feed=bridge`. */
export const BRIDGE_FEED = 'bridge';

/** How soon `start` asks again when main did not answer (the bridge may still be connecting). */
const STATUS_RETRY_MS = 5_000;

export function bridgeLobbyFeed(
  bridge: TurneroBridge,
  deps: { log(line: string): void },
): LobbyFeed {
  const events = new Emitter<LobbyEvent>();
  const connection = new Emitter<LobbyConnection>();
  const unsubscribe: (() => void)[] = [];
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let started = false;
  let closed = false;

  const askStatus = (): void => {
    void bridge.invoke('lobby:get-connection', {}).then((result) => {
      if (closed) return;
      if (result.ok) connection.fire(result.value.connection);
      else {
        deps.log(`lobby feed: the kiosk has no lobby feed yet (${result.error.code})`);
        connection.fire('offline');
        retryTimer = setTimeout(askStatus, STATUS_RETRY_MS);
      }
    });
  };

  return {
    events: events.event,
    connection: connection.event,
    async fetchSnapshot() {
      const result = await bridge.invoke('lobby:get-snapshot', {});
      if (!result.ok) throw new Error(`the kiosk answered ${result.error.code}`);
      return result.value;
    },
    start() {
      if (started || closed) return;
      started = true;
      unsubscribe.push(
        bridge.on('lobby:event', (payload) => {
          // Main validated it; a page never trusts a transport blindly either.
          const event = LobbyEventSchema.safeParse(payload);
          if (event.success) events.fire(event.data);
          else deps.log('lobby feed: ignored an invalid event from the kiosk');
        }),
        bridge.on('lobby:connection', (state) => connection.fire(state)),
      );
      connection.fire('connecting');
      askStatus();
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      for (const stop of unsubscribe) stop();
      events.dispose();
      connection.dispose();
    },
  };
}
