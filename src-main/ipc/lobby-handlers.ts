/** The lobby screen's channels (docs/lobby-screen.md), answered from main's relay of the server. */
import type { LobbyRelay } from '../lobby/lobby-relay';
import { errorText } from '../logging/error-text';
import type { IpcHandlers } from './dispatcher';

export type LobbyChannel = 'lobby:get-snapshot' | 'lobby:get-connection';

export function lobbyHandlers(
  relay: Pick<LobbyRelay, 'available' | 'snapshot' | 'connection'>,
  log: (line: string) => void,
): Pick<IpcHandlers, LobbyChannel> {
  return {
    'lobby:get-snapshot': async () => {
      if (!relay.available) return { ok: false, error: { code: 'kiosk-not-ready' } };
      try {
        return { ok: true, value: await relay.snapshot() };
      } catch (error) {
        // The screen asks again (every 5 s while its feed is open).
        log(`lobby: no snapshot from the server: ${errorText(error)}`);
        return { ok: false, error: { code: 'internal' } };
      }
    },
    'lobby:get-connection': async () =>
      relay.available
        ? { ok: true, value: { connection: relay.connection() } }
        : { ok: false, error: { code: 'kiosk-not-ready' } },
  };
}
