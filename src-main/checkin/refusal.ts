/** A check-in refused for a reason the citizen is told, and the error result that tells it. */
import type { CheckInResult, IpcErrorCode, IpcResult } from '../../src-shared/contract/ipc';

/** Thrown by the steps (also inside the transaction, which it then rolls back). */
export class CheckInRefused extends Error {
  constructor(
    readonly code: IpcErrorCode,
    readonly params?: Record<string, string>,
  ) {
    super(code);
  }
}

export function refusal(
  code: IpcErrorCode,
  params?: Record<string, string>,
): IpcResult<CheckInResult> {
  const hasParams = params !== undefined && Object.keys(params).length > 0;
  return { ok: false, error: hasParams ? { code, params } : { code } };
}
