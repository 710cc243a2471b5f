import { useTranslation } from 'react-i18next';
import { errorGuide } from '../flows/error-next-step';
import { printOutcomeView } from '../flows/print-outcome';
import { useScreen } from '../state/store-context';
import { errorMessage, errorTitleKey } from '../i18n/error-message';

/**
 * One polite live region that is always in the page, so screen readers announce every outcome
 * (screens replace each other wholesale, which a region inside them would not announce). A
 * number the citizen already had is announced as such, never as a new ticket.
 */
export function LiveAnnouncer() {
  const { t, i18n } = useTranslation();
  const busy = useScreen((state) => state.busy);
  const busyPurpose = useScreen((state) => state.busyPurpose);
  const screen = useScreen((state) => state.screen);
  const result = useScreen((state) => state.result);
  const error = useScreen((state) => state.error);
  const origin = useScreen((state) => state.origin);
  const offline = useScreen((state) => state.kiosk?.connectivity === 'offline');
  const printerStatus = useScreen((state) => state.kiosk?.printer.status);
  const outcomeSeq = useScreen((state) => state.outcomeSeq);

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
  // A changed character makes the same outcome twice be announced twice.
  const suffix = outcomeSeq % 2 === 1 ? '\u00a0' : '';

  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="live-region">
      {text && text + suffix}
    </div>
  );
}
