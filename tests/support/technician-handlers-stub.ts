/**
 * Handlers for every channel of the technician mode's block that only record that they were
 * reached (and answer `internal`): for dispatcher tests, where what matters is whether a call got
 * past the access guard at all.
 */
import { requestChannels, type RequestChannel } from '../../src-shared/contract/ipc';
import type { IpcHandlers } from '../../src-main/ipc/dispatcher';
import type { TechnicianChannel } from '../../src-main/technician/technician-handlers';

export const TECHNICIAN_CHANNELS = (Object.keys(requestChannels) as RequestChannel[]).filter(
  (channel): channel is TechnicianChannel => channel.startsWith('tech:'),
);

export function recordingTechnicianHandlers(
  reached: { channel: string; request: unknown }[],
): Pick<IpcHandlers, TechnicianChannel> {
  return Object.fromEntries(
    TECHNICIAN_CHANNELS.map((channel) => [
      channel,
      async (request: unknown) => {
        reached.push({ channel, request });
        return { ok: false, error: { code: 'internal' } };
      },
    ]),
  ) as Pick<IpcHandlers, TechnicianChannel>;
}
