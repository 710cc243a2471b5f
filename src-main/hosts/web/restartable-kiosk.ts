/**
 * The web host's kiosk, restartable in place: the technician's "restart" stops the kiosk's
 * services (store, printer, scanner, sync) and starts them again from the same configuration,
 * in the same process, while the web host keeps its port and secret. Requests that arrive during
 * the restart wait for the new kiosk; events keep flowing from whichever kiosk is current. The
 * host then drops its sockets, so open pages reconnect and read the fresh state.
 */
import { Emitter, type Event } from '../../../src-shared/common/emitter';
import type { HostCapabilities, Kiosk } from '../../app/kiosk';
import type { KioskEvent } from '../../ipc/kiosk-events';
import { errorText } from '../../logging/error-text';

export interface RestartableKiosk extends Kiosk {
  /** Fired once a restart has brought the new kiosk up. */
  readonly onRestarted: Event<void>;
}

export interface RestartableKioskOptions {
  /** Starts a kiosk offering these host capabilities (startKiosk with the CLI's options). */
  start: (host: HostCapabilities) => Promise<Kiosk>;
  log: (line: string) => void;
  /** A restart whose new kiosk did not start: the process can only stop (a supervisor may retry). */
  onFatal: (error: unknown) => void;
}

export async function startRestartableKiosk(
  options: RestartableKioskOptions,
): Promise<RestartableKiosk> {
  const events = new Emitter<KioskEvent>();
  const restarted = new Emitter<void>();
  let detach: () => void = () => undefined;
  let restarting: Promise<Kiosk> | null = null;

  const attach = (kiosk: Kiosk): Kiosk => {
    detach();
    detach = kiosk.onEvent((event) => events.fire(event));
    return kiosk;
  };

  const capabilities: HostCapabilities = {
    downloads: true,
    restart: () => void restart(),
  };

  let current = attach(await options.start(capabilities));

  async function restart(): Promise<void> {
    if (restarting) return;
    options.log('restarting the kiosk at the technician’s request');
    restarting = (async () => {
      detach();
      await current.stop();
      return attach(await options.start(capabilities));
    })();
    try {
      current = await restarting;
      options.log('kiosk restarted');
      restarted.fire();
    } catch (error) {
      options.log(`the kiosk did not start again: ${errorText(error)}`);
      options.onFatal(error);
    } finally {
      restarting = null;
    }
  }

  /** The kiosk requests go to: the new one while a restart is under way. */
  const ready = (): Promise<Kiosk> | Kiosk => restarting ?? current;

  return {
    get config() {
      return current.config;
    },
    dispatch: async (channel, payload) => {
      try {
        return await (await ready()).dispatch(channel, payload);
      } catch {
        return { ok: false, error: { code: 'internal' } }; // the restart failed: onFatal runs
      }
    },
    onEvent: events.event,
    onRestarted: restarted.event,
    takeDownload: (token) => current.takeDownload?.(token) ?? null,
    stop: async () => {
      detach();
      await (await ready()).stop();
    },
  };
}
