/**
 * The wizard's calls to main: the `setup:*` channels, answered with their value, or a thrown
 * SetupCallError carrying the IPC error (the transport dropped, the channel was refused), which
 * the step shows with the contract's own error text.
 */
import type {
  IpcError,
  RequestChannel,
  RequestOf,
  ResponseOf,
  TurneroBridge,
} from '../../src-shared/contract/ipc';

export type SetupChannel = Extract<RequestChannel, `setup:${string}`>;

export class SetupCallError extends Error {
  constructor(readonly error: IpcError) {
    super(error.code);
    this.name = 'SetupCallError';
  }
}

export async function callSetup<C extends SetupChannel>(
  bridge: TurneroBridge,
  channel: C,
  payload: RequestOf<C>,
): Promise<ResponseOf<C>> {
  let result;
  try {
    result = await bridge.invoke(channel, payload);
  } catch {
    throw new SetupCallError({ code: 'internal' });
  }
  if (!result.ok) throw new SetupCallError(result.error);
  return result.value;
}
