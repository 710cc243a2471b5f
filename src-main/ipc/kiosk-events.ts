/**
 * The events main sends to the screen (`eventChannels` of the IPC contract), checked against
 * their schemas before they leave: a bug on this side cannot hand the renderer a malformed event.
 * Both hosts subscribe here and carry every event over their transport.
 */
import { Emitter } from '../../src-shared/common/emitter';
import { eventChannels, type EventChannel, type EventOf } from '../../src-shared/contract/ipc';
import { errorText } from '../logging/error-text';

export interface KioskEvent {
  readonly event: EventChannel;
  readonly payload: unknown;
}

export class KioskEvents {
  private readonly emitter = new Emitter<KioskEvent>();
  readonly onEvent = this.emitter.event;

  constructor(private readonly log: (line: string) => void) {}

  emit<E extends EventChannel>(event: E, payload: EventOf<E>): void {
    const checked = eventChannels[event].safeParse(payload);
    if (!checked.success) {
      this.log(`dropped invalid ${event} event: ${checked.error.message}`);
      return;
    }
    try {
      this.emitter.fire({ event, payload: checked.data });
    } catch (error) {
      // A transport that fails to send must not break the check-in that raised the event.
      this.log(`${event} listener failed: ${errorText(error)}`);
    }
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
