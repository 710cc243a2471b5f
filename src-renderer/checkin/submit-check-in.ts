/** Sends one check-in (or walk-in) to main and puts its outcome on screen. Never throws. */
import type { CheckInResult, IpcResult, TurneroBridge } from '../../src-shared/contract/ipc';
import type { EntryMode, OutcomeOrigin, ScreenStore } from '../state/screen-store';
import { maskIdDocument } from './id-document';

export type CheckInSource = 'keyboard-wedge' | 'touch' | 'camera';

function originOf(source: CheckInSource, mode: EntryMode): OutcomeOrigin {
  if (mode === 'id-document') return 'id-document';
  return source === 'touch' ? 'code' : 'scan';
}

export async function submitCheckIn(
  bridge: TurneroBridge,
  store: ScreenStore,
  input: string,
  source: CheckInSource,
  mode: EntryMode = 'code',
): Promise<void> {
  const { busy, setBusy, markIdSubmitted } = store.getState();
  if (busy || input.trim() === '') return; // one check-in at a time; main de-duplicates too
  // An ID number leaves the store at once; only its mask stays on screen while it is checked.
  if (mode === 'id-document') markIdSubmitted(maskIdDocument(input));
  setBusy(true);
  let outcome: IpcResult<CheckInResult>;
  try {
    // The ticket is printed in the language the citizen is reading.
    const { language } = store.getState();
    outcome = await bridge.invoke(
      'checkin:submit',
      mode === 'id-document' ? { input, source, mode, language } : { input, source, language },
    );
  } catch {
    outcome = { ok: false, error: { code: 'internal' } };
  }
  store.getState().showOutcome(outcome, originOf(source, mode));
}

/** A ticket without appointment for `serviceId`, printed in the language on screen. */
export async function issueWalkIn(
  bridge: TurneroBridge,
  store: ScreenStore,
  serviceId: string,
  priority: boolean,
): Promise<void> {
  const { busy, setBusy, language } = store.getState();
  if (busy) return;
  setBusy(true, 'walk-in');
  let outcome: IpcResult<CheckInResult>;
  try {
    outcome = await bridge.invoke('walkin:issue', { serviceId, priority, language });
  } catch {
    outcome = { ok: false, error: { code: 'internal' } };
  }
  store.getState().showOutcome(outcome, 'walk-in');
}

/**
 * The one reprint of the ticket on screen, when it did not print. The result stays on screen
 * with the new print status; a refusal keeps it too (the number may exist nowhere else) and
 * says the reprint is not possible.
 */
export async function reprintTicket(
  bridge: TurneroBridge,
  store: ScreenStore,
  current: CheckInResult,
): Promise<void> {
  const { busy, setBusy, language, origin } = store.getState();
  if (busy) return;
  setBusy(true);
  try {
    const reprinted = await bridge.invoke('ticket:reprint', {
      ticketId: current.ticket.id,
      language,
    });
    if (reprinted.ok) {
      const value = { outcome: current.outcome, ticket: reprinted.value.ticket };
      store.getState().showOutcome({ ok: true, value }, origin);
      return;
    }
  } catch {
    // Told below like any refusal: the number stays on screen either way.
  }
  store.getState().showReprintRefused();
}
