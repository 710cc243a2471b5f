import { useTranslation } from 'react-i18next';
import { errorGuide } from '../flows/error-next-step';
import { printOutcomeView } from '../flows/print-outcome';
import { useScreen } from '../state/store-context';
import { errorMessage, errorTitleKey } from '../i18n/error-message';

/**
 * What the kiosk tells of the check-in under way or just done: "checking", the turn and its
 * ticket, or why there is none. Announced by the live region and read by spoken guidance. A
 * number the citizen already had is announced as such, never as a new ticket.
 */
export function useOutcomeAnnouncement(): string {
  const { t, i18n } = useTranslation();
  const busy = useScreen((state) => state.busy);
  const busyPurpose = useScreen((state) => state.busyPurpose);
  const screen = useScreen((state) => state.screen);
  const result = useScreen((state) => state.result);
  const error = useScreen((state) => state.error);
  const origin = useScreen((state) => state.origin);
  const offline = useScreen((state) => state.kiosk?.connectivity === 'offline');
  const printerStatus = useScreen((state) => state.kiosk?.printer.status);

  let text = '';
  if (busy) {
    text = t(busyPurpose === 'walk-in' ? 'citizenFlows.busy.walkIn' : 'ui.busy');
  } else if (screen === 'result' && result) {
    const { announcement } = printOutcomeView(result, printerStatus);
    text = announcement.map((part) => t(part.key, part.params)).join(' ');
  } else if (screen === 'error' && error) {
    const guide = errorGuide(error, { origin, offline });
    const parts = [`${t(errorTitleKey(guide.title))}.`, errorMessage(t, error, i18n.language)];
    if (guide.number) parts.push(`${t('citizenFlows.errors.yourNumber')}: ${guide.number}.`);
    text = parts.join(' ');
  }
  return text;
}

/**
 * One polite live region that is always in the page, so screen readers announce every outcome
 * (screens replace each other wholesale, which a region inside them would not announce).
 */
export function LiveAnnouncer() {
  const text = useOutcomeAnnouncement();
  const outcomeSeq = useScreen((state) => state.outcomeSeq);
  // A changed character makes the same outcome twice be announced twice.
  const suffix = outcomeSeq % 2 === 1 ? '\u00a0' : '';

  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="live-region">
      {text && text + suffix}
    </div>
  );
}
