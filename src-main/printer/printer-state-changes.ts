/**
 * Tells listeners when a printer's state changes. A listener that throws (a renderer gone, a
 * heartbeat) is logged, and never breaks printing nor keeps the other listeners from being told.
 */
import type { PrinterState } from '../../src-shared/contract/ipc';
import { Emitter, type Event } from '../../src-shared/common/emitter';
import { errorText } from '../logging/error-text';

export class PrinterStateChanges {
  private readonly changed = new Emitter<PrinterState>();
  readonly event: Event<PrinterState> = this.changed.event;

  constructor(
    private last: PrinterState,
    private readonly log: (line: string) => void,
  ) {}

  /** Tells the listeners about `state` when it differs from the last state they were told. */
  report(state: PrinterState): void {
    if (state === this.last) return;
    this.last = state;
    try {
      this.changed.fire(state);
    } catch (error) {
      this.log(`printer: a state listener failed: ${errorText(error)}`);
    }
  }

  /** Forgets every listener. */
  dispose(): void {
    this.changed.dispose();
  }
}
