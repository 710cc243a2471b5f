/**
 * Waits for the composed kiosk's state to satisfy `accept`: start-up no longer waits for the
 * first sync, so a test that needs the town hall's data waits for it here.
 */
import type { KioskState } from '../../src-shared/contract/ipc';
import type { Kiosk } from '../../src-main/app/kiosk';

export async function untilKioskState(
  kiosk: Pick<Kiosk, 'dispatch'>,
  accept: (state: KioskState) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<KioskState> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    const result = await kiosk.dispatch('kiosk:get-state', {});
    if (result.ok && accept(result.value as KioskState)) return result.value as KioskState;
    last = result.ok ? result.value : result.error;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(last)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The first sync has brought the site and the appointments in. */
export const firstSyncDone = (kiosk: Pick<Kiosk, 'dispatch'>): Promise<KioskState> =>
  untilKioskState(kiosk, (state) => state.lastSyncAt !== null, 'the first sync');
