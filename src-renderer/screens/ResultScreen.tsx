import { useTranslation } from 'react-i18next';
import type { CheckInResult } from '../../src-shared/contract/ipc';
import type { Language, LocalizedText } from '../../src-shared/domain/language';
import { useHeadingFocus } from '../components/use-heading-focus';
import { useScreen } from '../state/store-context';

export function localized(text: LocalizedText, language: Language): string {
  return text[language] ?? text.es;
}

/** The line about the paper ticket, in the current language. */
export function printMessageKey(result: CheckInResult): {
  key: string;
  params?: Record<string, string>;
} {
  const { ticket } = result;
  if (ticket.printStatus === 'unconfirmed') {
    return { key: 'ui.result.unconfirmed', params: { number: ticket.number } };
  }
  if (ticket.printStatus === 'failed') {
    return {
      key: `printFailures.${ticket.printFailure ?? 'error'}`,
      params: { number: ticket.number },
    };
  }
  return { key: ticket.printStatus === 'printed' ? 'ui.result.printed' : 'ui.result.printing' };
}

export function ResultScreen(props: { result: CheckInResult; onReprint: () => void }) {
  const { t } = useTranslation();
  const { result } = props;
  const { ticket } = result;
  const language = useScreen((state) => state.language);
  const preview = useScreen((state) => state.previews[ticket.id]);
  const outcomeSeq = useScreen((state) => state.outcomeSeq);
  const endSession = useScreen((state) => state.endSession);
  const heading = useHeadingFocus<HTMLHeadingElement>(outcomeSeq);
  const already = result.outcome === 'already-issued';
  const print = printMessageKey(result);
  const failed = ticket.printStatus === 'failed' || ticket.printStatus === 'unconfirmed';
  // The ticket may be in the tray: a reprint only when the citizen says it is not.
  const reprintLabel =
    ticket.printStatus === 'unconfirmed' ? 'ui.result.notPrinted' : 'ui.result.reprint';

  return (
    <div className="screen screen--result" data-testid="screen-result">
      <div className="result-layout">
        <div className="result-main">
          <h1 className="screen__title" ref={heading} tabIndex={-1}>
            {t(already ? 'ui.result.alreadyIssuedTitle' : 'ui.result.issuedTitle')}
          </h1>
          <div className="turn-card">
            <p className="turn-card__label" id="turn-number-label">
              {t('ui.result.numberLabel')}
            </p>
            <p
              className="turn-card__number"
              data-testid="turn-number"
              aria-describedby="turn-number-label"
            >
              {ticket.number}
            </p>
            <dl className="turn-card__details">
              <div>
                <dt>{t('ui.result.serviceLabel')}</dt>
                <dd data-testid="service-name">{localized(ticket.serviceName, language)}</dd>
              </div>
              <div>
                <dt>{t('ticket.appointment')}</dt>
                <dd data-testid="appointment-time">
                  {ticket.appointmentTime ?? t('ui.result.walkIn')}
                </dd>
              </div>
            </dl>
          </div>
          {already && (
            <p className="notice notice--info" data-guidance>
              {t('ui.result.alreadyIssuedNote')}
            </p>
          )}
          <p
            className={failed ? 'notice notice--warning' : 'notice notice--success'}
            data-testid="print-status"
          >
            {t(print.key, print.params)}
          </p>
          <p className="screen__hint" data-guidance>
            {t('ui.result.wait')}
          </p>
          <div className="actions">
            {ticket.canReprint && (
              <button type="button" className="button button--secondary" onClick={props.onReprint}>
                {t(reprintLabel)}
              </button>
            )}
            <button
              type="button"
              className="button button--primary"
              onClick={endSession}
              data-primary
            >
              {t('ui.result.done')}
            </button>
          </div>
          <p className="screen__footnote">{t('ui.autoReturn')}</p>
        </div>
        {preview !== undefined && (
          <figure className="ticket-preview">
            <figcaption id="ticket-preview-label">{t('ui.result.previewLabel')}</figcaption>
            <pre data-testid="ticket-preview" aria-labelledby="ticket-preview-label" tabIndex={0}>
              {preview}
            </pre>
          </figure>
        )}
      </div>
    </div>
  );
}
