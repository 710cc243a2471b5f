import type { Emitter } from '../../src-shared/common/emitter';
import { errorText } from '../logging/error-text';

/**
 * Tells an emitter's listeners; a listener that throws is logged, never thrown into the sync
 * engine's runs and timers.
 */
export function notifySafely<T>(
  emitter: Emitter<T>,
  value: T,
  what: string,
  log: (line: string) => void,
): void {
  try {
    emitter.fire(value);
  } catch (error) {
    log(`sync: ${what} listener failed: ${errorText(error)}`);
  }
}
