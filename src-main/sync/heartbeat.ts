/**
 * Tells the town hall how this kiosk is doing, on its own timer (never queued behind a sync
 * run), and fetches the remote configuration when the answer announces a version not applied.
 */
import { Emitter } from '../../src-shared/common/emitter';
import type { Heartbeat, HeartbeatResponse } from '../../src-shared/contract/townhall-api';
import type { Backend } from '../backend/backend';
import { errorText } from '../logging/error-text';
import type { Store } from '../store/store';
import type { RemoteSettingsKeeper } from './remote-settings';
import type { SyncStatusKeeper } from './sync-status';

/** The facts of a heartbeat the engine does not know itself (printer, scanner, version…). */
export type HeartbeatFacts = Pick<Heartbeat, 'appVersion' | 'printer' | 'scanner' | 'ticketsToday'>;

export interface HeartbeatOptions {
  client: Pick<Backend, 'heartbeat' | 'clockOffsetMs'>;
  store: Pick<Store, 'outbox'>;
  /** Heartbeats are this kiosk's: none without its id. */
  kioskId: string | undefined;
  /** Every `intervalSeconds` with these facts; none when absent. */
  heartbeat: { intervalSeconds: number; facts: () => HeartbeatFacts } | undefined;
  status: SyncStatusKeeper;
  remoteSettings: RemoteSettingsKeeper;
  now: () => Date;
  log: (line: string) => void;
}

export function createHeartbeat(options: HeartbeatOptions) {
  const { client, store, kioskId, status, log } = options;
  let running = false;
  let timer: NodeJS.Timeout | null = null;
  const answered = new Emitter<HeartbeatResponse>();
  // Bumped by start/stop so that a beat finishing after a restart cannot arm a second timer.
  let generation = 0;

  async function beat(): Promise<HeartbeatResponse | null> {
    if (!kioskId || !options.heartbeat || !client.heartbeat) return null;
    let facts: HeartbeatFacts;
    try {
      facts = options.heartbeat.facts();
    } catch (error) {
      log(`sync: heartbeat facts failed: ${errorText(error)}`);
      return null;
    }
    const offset = client.clockOffsetMs();
    const heartbeat: Heartbeat = {
      ...facts,
      kioskId,
      sentAt: options.now().toISOString(),
      connectivity: status.connectivity(),
      // Only a 403 can be told this way (a 401 refuses the heartbeat too): the status has both.
      authProblem: status.get().authProblem,
      outbox: { pending: store.outbox.pendingCount(), setAside: store.outbox.setAsideCount() },
      // As the town hall reads it: server clock minus kiosk clock.
      clockSkewMs: offset === null ? null : Math.round(offset),
    };
    let answer: HeartbeatResponse;
    try {
      answer = await client.heartbeat(heartbeat);
      status.record('heartbeat');
    } catch (error) {
      status.record('heartbeat', error);
      status.logConnectivity();
      status.publish();
      return null;
    }
    if (options.remoteSettings.isNew(answer.configVersion)) {
      await options.remoteSettings.fetch(answer.configVersion);
    }
    status.logConnectivity();
    status.publish();
    try {
      answered.fire(answer);
    } catch (error) {
      log(`sync: a heartbeat listener failed: ${errorText(error)}`);
    }
    return answer;
  }

  function arm(forGeneration: number): void {
    if (!running || forGeneration !== generation || !options.heartbeat || !kioskId) return;
    timer = setTimeout(() => {
      timer = null;
      void beat().finally(() => arm(forGeneration));
    }, options.heartbeat.intervalSeconds * 1000);
    // The kiosk's hosts keep the process alive; a pending heartbeat alone should not.
    timer.unref();
  }

  return {
    /** Sends one heartbeat now (and fetches the remote config if its version changed). */
    beat,
    /** Every answer of the town hall to a heartbeat (e.g. its `desiredVersion`). */
    onAnswer: answered.event,
    /** Beats now, then every interval, when configured. */
    start(): void {
      running = true;
      generation += 1;
      if (!options.heartbeat || !kioskId) return;
      const forGeneration = generation;
      void beat().finally(() => arm(forGeneration));
    },
    stop(): void {
      running = false;
      generation += 1;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
