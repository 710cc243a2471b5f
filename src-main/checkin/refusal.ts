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

/**
 * Which variant of a refusal's message fits what the kiosk knows, as i18next's `context`: the
 * screen passes the params to `t('errors.<code>', params)`, which then picks
 * `errors.<code>_<context>` ("Su cita es mañana a las 10:30", the other kiosk's number, the
 * offline hint) and falls back to the plain `errors.<code>` where a catalog has no variant.
 */
function messageContext(code: IpcErrorCode, params: Record<string, string>): string | undefined {
  switch (code) {
    case 'booking-not-today':
      return params.when;
    case 'booking-not-found':
      return params.offline === 'true' ? 'offline' : undefined;
    case 'already-checked-in-elsewhere':
      return params.number ? 'number' : undefined;
    default:
      return undefined;
  }
}

export function refusal(
  code: IpcErrorCode,
  params?: Record<string, string>,
): IpcResult<CheckInResult> {
  if (params === undefined || Object.keys(params).length === 0) {
    return { ok: false, error: { code } };
  }
  const context = messageContext(code, params);
  return { ok: false, error: { code, params: context ? { ...params, context } : params } };
}
