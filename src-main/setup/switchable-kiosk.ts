/**
 * The kiosk a host serves in setup mode: first the wizard, then (once the wizard has written the
 * configuration) the kiosk started on it, in the same process. The host keeps talking to this
 * one object; the switch stops the wizard's side and tells the screen the new kiosk state, so
 * the open page turns from the wizard to the home screen without a reload.
 */
import { Emitter } from '../../src-shared/common/emitter';
import type { KioskState } from '../../src-shared/contract/ipc';
import type { Kiosk } from '../app/kiosk';
import type { Config } from '../config/schema';
import type { KioskEvent } from '../ipc/kiosk-events';
import { errorText } from '../logging/error-text';

export class SwitchableKiosk implements Kiosk {
  private current: Kiosk;
  private unsubscribe: () => void;
  private readonly events = new Emitter<KioskEvent>();
  readonly onEvent = this.events.event;

  constructor(
    first: Kiosk,
    private readonly log: (line: string) => void,
  ) {
    this.current = first;
    this.unsubscribe = this.forward(first);
  }

  get config(): Config | null {
    return this.current.config;
  }

  dispatch: Kiosk['dispatch'] = (channel, payload) => this.current.dispatch(channel, payload);

  /** From now on `next` answers; the previous kiosk is stopped. */
  switchTo(next: Kiosk): void {
    const previous = this.current;
    this.unsubscribe();
    this.current = next;
    this.unsubscribe = this.forward(next);
    void previous
      .stop()
      .catch((error: unknown) => this.log(`setup: stopping the wizard: ${errorText(error)}`));
    void next.dispatch('kiosk:get-state', {}).then((state) => {
      if (state.ok && this.current === next) {
        this.fire({ event: 'kiosk:state-changed', payload: state.value as KioskState });
      }
    });
  }

  async stop(): Promise<void> {
    this.unsubscribe();
    this.events.dispose();
    await this.current.stop();
  }

  private forward(kiosk: Kiosk): () => void {
    return kiosk.onEvent((event) => this.fire(event));
  }

  private fire(event: KioskEvent): void {
    try {
      this.events.fire(event);
    } catch (error) {
      this.log(`${event.event} listener failed: ${errorText(error)}`);
    }
  }
}
