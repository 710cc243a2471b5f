/**
 * A step's action in progress, and why the last one did not succeed: a refusal of the wizard
 * (`setup.refusals.*`) or an IPC error (`errors.*`), shown by <ProblemNotice>.
 */
import { useCallback, useState } from 'react';
import type { IpcError } from '../../src-shared/contract/ipc';
import type { SetupRefused } from '../../src-shared/contract/setup';
import { SetupCallError } from './setup-api';

export type StepProblem =
  { kind: 'refused'; refusal: SetupRefused } | { kind: 'error'; error: IpcError };

export interface StepAction {
  busy: boolean;
  problem: StepProblem | null;
  /** Runs `work`; its answer, or null when it failed (the problem is then set). */
  run<T>(work: () => Promise<T>): Promise<T | null>;
  refused(refusal: SetupRefused): void;
  clear(): void;
}

export function useStepAction(): StepAction {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<StepProblem | null>(null);
  const run = useCallback(async <T>(work: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setProblem(null);
    try {
      return await work();
    } catch (error) {
      setProblem({
        kind: 'error',
        error: error instanceof SetupCallError ? error.error : { code: 'internal' },
      });
      return null;
    } finally {
      setBusy(false);
    }
  }, []);
  const refused = useCallback((refusal: SetupRefused) => {
    setProblem({ kind: 'refused', refusal });
  }, []);
  const clear = useCallback(() => setProblem(null), []);
  return { busy, problem, run, refused, clear };
}
