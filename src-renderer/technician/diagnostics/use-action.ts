/**
 * One button's action on the kiosk: at most one at a time per section, its outcome told in the
 * section's status line, and the snapshot read again once it is done.
 */
import { useState } from 'react';
import type { IpcResult } from '../../../src-shared/contract/ipc';

export interface Action {
  /** The action under way, by name; null when none. */
  busy: string | null;
  /** What the last action said (already translated), or null. */
  outcome: { text: string; tone: 'ok' | 'problem' } | null;
  /**
   * Runs `work` (named `name`) and tells `describe`'s answer; a failed call (no session, no
   * connection) is told with `failedText`.
   */
  run<T>(
    name: string,
    work: () => Promise<IpcResult<T>>,
    describe: (value: T) => { text: string; tone: 'ok' | 'problem' },
  ): void;
}

export function useAction(failedText: string, after: () => void): Action {
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Action['outcome']>(null);
  return {
    busy,
    outcome,
    run(name, work, describe) {
      if (busy) return;
      setBusy(name);
      setOutcome(null);
      void work()
        .then(
          (result) =>
            setOutcome(result.ok ? describe(result.value) : { text: failedText, tone: 'problem' }),
          () => setOutcome({ text: failedText, tone: 'problem' }),
        )
        .finally(() => {
          setBusy(null);
          after();
        });
    },
  };
}
