import { useTranslation } from 'react-i18next';
import { printMessageKey } from '../screens/ResultScreen';
import { useScreen } from '../state/store-context';
import { errorMessage } from '../i18n/error-message';

/**
 * What the kiosk tells of the check-in under way or just done: "checking", the turn and its
 * ticket, or why there is none. Announced by the live region and read by spoken guidance.
 */
export function useOutcomeAnnouncement(): string {
  const { t, i18n } = useTranslation();
  const busy = useScreen((state) => state.busy);
  const screen = useScreen((state) => state.screen);
  const result = useScreen((state) => state.result);
  const error = useScreen((state) => state.error);

  let text = '';
  if (busy) {
    text = t('ui.busy');
  } else if (screen === 'result' && result) {
    const print = printMessageKey(result);
    text = `${t('ui.result.announce', { number: result.ticket.number })} ${t(print.key, print.params)}`;
  } else if (screen === 'error' && error) {
    text = errorMessage(t, error, i18n.language);
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
