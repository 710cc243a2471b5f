import { useTranslation } from 'react-i18next';
import type { CheckInResult } from '../../src-shared/contract/ipc';
import type { Language, LocalizedText } from '../../src-shared/domain/language';
import { PaperlessTicket } from '../components/PaperlessTicket';
import { useHeadingFocus } from '../components/use-heading-focus';
import { printOutcomeView } from '../flows/print-outcome';
import { useScreen } from '../state/store-context';

export function localized(text: LocalizedText, language: Language): string {
  return text[language] ?? text.es;
}

const TONE_CLASS = {
  success: 'notice notice--success',
  info: 'notice notice--info',
  warning: 'notice notice--warning',
} as const;

export function ResultScreen(props: { result: CheckInResult; onReprint: () => void }) {
  const { t } = useTranslation();
  const { result } = props;
  const { ticket } = result;
  const language = useScreen((state) => state.language);
  const preview = useScreen((state) => state.previews[ticket.id]);
  const outcomeSeq = useScreen((state) => state.outcomeSeq);
  const printerStatus = useScreen((state) => state.kiosk?.printer.status);
  const reprintRefused = useScreen((state) => state.reprintRefused);
  const endSession = useScreen((state) => state.endSession);
  const heading = useHeadingFocus<HTMLHeadingElement>(outcomeSeq);
  const already = result.outcome === 'already-issued';
  const view = printOutcomeView(result, printerStatus);
  const showPaperless = view.onlyOnScreen;

  return (
    <div className="screen screen--result" data-testid="screen-result">
      <div className={showPaperless ? 'result-layout result-layout--paperless' : 'result-layout'}>
        <div className="result-main">
          <h1 className="screen__title" ref={heading} tabIndex={-1}>
            {t(already ? 'ui.result.alreadyIssuedTitle' : 'ui.result.issuedTitle')}
          </h1>
          <div className="turn-card">
            <p className="turn-card__label" id="turn-number-label">
              {t('ui.result.numberLabel')}
            </p>
            <p
              className="turn-card__number turn-number"
              data-testid="turn-number"
              aria-describedby="turn-number-label"
            >
              {ticket.number}
            </p>
            {ticket.priority && (
              <p className="turn-card__priority" data-testid="priority-badge">
                {t('citizenFlows.result.priority')}
              </p>
            )}
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
              {ticket.peopleAhead !== undefined && (
                <div>
                  <dt>{t('follow.resultPeopleAhead')}</dt>
                  <dd data-testid="people-ahead">{ticket.peopleAhead}</dd>
                </div>
              )}
              {ticket.estimatedWaitMinutes !== undefined && (ticket.peopleAhead ?? 0) > 0 && (
                <div>
                  <dt>{t('follow.resultEstimatedWait')}</dt>
                  <dd data-testid="estimated-wait">
                    {t('follow.minutes', { minutes: ticket.estimatedWaitMinutes })}
                  </dd>
                </div>
              )}
            </dl>
          </div>
          <p className={TONE_CLASS[view.tone]} data-testid="print-status" data-guidance>
            {t(view.message.key, view.message.params)}
          </p>
          {reprintRefused && (
            <p className="notice notice--warning" data-testid="reprint-refused">
              {t('citizenFlows.result.reprintRefused')}
            </p>
          )}
          {/* Right under "it did not print": the way to take the number along instead. */}
          {showPaperless && <PaperlessTicket ticket={ticket} />}
          <p className="screen__hint" data-guidance>
            {t('ui.result.wait')}
          </p>
          <div className="actions">
            {view.reprintLabel && !reprintRefused && (
              <button type="button" className="button button--secondary" onClick={props.onReprint}>
                {t(view.reprintLabel)}
              </button>
            )}
            <button
              type="button"
              className="button button--primary"
              onClick={endSession}
              data-primary
            >
              {t(showPaperless ? 'citizenFlows.result.confirm' : 'ui.result.done')}
            </button>
          </div>
          <p className="screen__footnote">
            {t(showPaperless ? 'citizenFlows.result.keepOnScreen' : 'ui.autoReturn')}
          </p>
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
