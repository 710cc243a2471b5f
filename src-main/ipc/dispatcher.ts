/**
 * The transport-agnostic side of the IPC contract: both hosts hand every request to `dispatch`,
 * which refuses unknown channels and invalid payloads before any handler runs.
 */
import {
  accessOf,
  isRequestChannel,
  type ChannelAccess,
  requestChannels,
  type IpcResult,
  type RequestChannel,
  type ResponseOf,
} from '../../src-shared/contract/ipc';
import type { z } from 'zod';
import { errorText } from '../logging/error-text';

type ParsedRequestOf<C extends RequestChannel> = z.output<(typeof requestChannels)[C]['request']>;

export type IpcHandlers = {
  [C in RequestChannel]: (request: ParsedRequestOf<C>) => Promise<IpcResult<ResponseOf<C>>>;
};

export type Dispatch = (channel: unknown, payload: unknown) => Promise<IpcResult<unknown>>;

/** Whether a channel of this access may be called now (technician session open, first run…). */
export type AccessGuard = (access: ChannelAccess) => boolean;

/** Until the technician mode exists, only the citizen channels are ever allowed. */
export const citizenOnly: AccessGuard = (access) => access === 'citizen';

export function createDispatcher(
  handlers: IpcHandlers,
  log: (line: string) => void,
  allows: AccessGuard = citizenOnly,
): Dispatch {
  return async (channel, payload) => {
    if (!isRequestChannel(channel)) return { ok: false, error: { code: 'unknown-channel' } };
    const access = accessOf(channel);
    if (!allows(access)) {
      // Checked before the payload is even parsed: nothing of a refused call reaches a handler.
      log(`refused ${channel}: ${access} channel outside a ${access} session`);
      return { ok: false, error: { code: 'technician-session-required' } };
    }
    const parsed = requestChannels[channel].request.safeParse(payload ?? {});
    if (!parsed.success) {
      log(
        `refused ${channel}: ${parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ')}`,
      );
      return { ok: false, error: { code: 'invalid-payload' } };
    }
    try {
      const handler = handlers[channel] as (request: unknown) => Promise<IpcResult<unknown>>;
      const result = await handler(parsed.data);
      if (result.ok) {
        // Main's answers are checked too, so a bug here cannot hand the renderer a malformed value.
        const checked = requestChannels[channel].response.safeParse(result.value);
        if (!checked.success) {
          log(`${channel} produced an invalid response: ${checked.error.message}`);
          return { ok: false, error: { code: 'internal' } };
        }
      }
      return result;
    } catch (error) {
      log(`${channel} failed: ${errorText(error)}`);
      return { ok: false, error: { code: 'internal' } };
    }
  };
}
