/** Sends one check-in to main and puts its outcome on screen. Never throws. */
import type { CheckInResult, IpcResult, TurneroBridge } from '../../src-shared/contract/ipc';
import type { EntryMode, ScreenStore } from '../state/screen-store';
import { maskIdDocument } from './id-document';

export type CheckInSource = 'keyboard-wedge' | 'touch' | 'camera';

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
  store.getState().showOutcome(outcome);
}

/**
 * The one reprint of the ticket on screen, when it did not print. The result stays on screen
 * with the new print status; a refusal shows its translated message.
 */
export async function reprintTicket(
  bridge: TurneroBridge,
  store: ScreenStore,
  current: CheckInResult,
): Promise<void> {
  const { busy, setBusy, language } = store.getState();
  if (busy) return;
  setBusy(true);
  let outcome: IpcResult<CheckInResult>;
  try {
    const reprinted = await bridge.invoke('ticket:reprint', {
      ticketId: current.ticket.id,
      language,
    });
    outcome = reprinted.ok
      ? { ok: true, value: { outcome: current.outcome, ticket: reprinted.value.ticket } }
      : reprinted;
  } catch {
    outcome = { ok: false, error: { code: 'internal' } };
  }
  store.getState().showOutcome(outcome);
}
