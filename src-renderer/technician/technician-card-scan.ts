/**
 * A scan the screen read (keyboard-wedge scanner, camera) that is a technician card goes to main
 * to be verified, never to check-in: a valid card brings up the PIN pad (main reports the new
 * phase), a refused one is shown like a refused signed booking QR.
 */
import type { TurneroBridge } from '../../src-shared/contract/ipc';
import { CARD_REFUSAL_ERROR } from '../../src-shared/contract/technician';
import { technicianCardToken } from '../../src-shared/domain/technician-card';
import type { ScreenStore } from '../state/screen-store';
import type { TechnicianStore } from './technician-store';

/** True when `text` was a technician card (and is being handled); false: a citizen's scan. */
export function presentTechnicianCard(
  bridge: TurneroBridge,
  stores: { screens: ScreenStore; technician: TechnicianStore },
  text: string,
): boolean {
  if (technicianCardToken(text) === null) return false;
  void bridge.invoke('tech:card-present', { card: text }).then(
    (result) => {
      if (!result.ok) return;
      stores.technician.getState().setSession(result.value.session);
      const { refusal } = result.value;
      if (refusal) {
        stores.screens
          .getState()
          .showOutcome({ ok: false, error: { code: CARD_REFUSAL_ERROR[refusal] } });
      }
    },
    () => undefined,
  );
  return true;
}
