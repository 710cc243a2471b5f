/** Sends one check-in to main and puts its outcome on screen. Never throws. */
import type { CheckInResult, IpcResult, TurneroBridge } from '../../src-shared/contract/ipc';
import type { KioskStore } from '../state/kiosk-store';

export type CheckInSource = 'keyboard-wedge' | 'touch';

export async function submitCheckIn(
  bridge: TurneroBridge,
  store: KioskStore,
  input: string,
  source: CheckInSource,
): Promise<void> {
  const { busy, setBusy } = store.getState();
  if (busy || input.trim() === '') return; // one check-in at a time; main de-duplicates too
  setBusy(true);
  let outcome: IpcResult<CheckInResult>;
  try {
    outcome = await bridge.invoke('checkin:submit', { input, source });
  } catch {
    outcome = { ok: false, error: { code: 'internal' } };
  }
  store.getState().showOutcome(outcome);
}
