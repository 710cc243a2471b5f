import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../src-shared/contract/ipc';
import { BookingWeb } from '../components/BookingWeb';
import { useHeadingFocus } from '../components/use-heading-focus';
import { errorGuide, type ErrorGuide, type NextStep } from '../flows/error-next-step';
import { errorMessage, errorTitleKey, localDayText } from '../i18n/error-message';
import { useScreen } from '../state/store-context';

const STEP_LABEL: Record<NextStep, string> = {
  'walk-in': 'citizenFlows.errors.walkIn',
  'choose-service': 'citizenFlows.errors.chooseService',
  'retry-code': 'ui.error.typeCode',
  'retry-document': 'ui.error.typeDocument',
  done: 'citizenFlows.errors.done',
  home: 'ui.error.home',
};

function useStepAction(): (step: NextStep) => () => void {
  const startCodeEntry = useScreen((state) => state.startCodeEntry);
  const startIdEntry = useScreen((state) => state.startIdEntry);
  const startWalkIn = useScreen((state) => state.startWalkIn);
  const goHome = useScreen((state) => state.goHome);
  const endSession = useScreen((state) => state.endSession);
  return (step) => {
    switch (step) {
      case 'walk-in':
      case 'choose-service':
        return startWalkIn;
      case 'retry-code':
        return startCodeEntry;
      case 'retry-document':
        return startIdEntry;
      case 'done':
        return endSession;
      case 'home':
        // The same person may try another way in: keep their language.
        return goHome;
    }
  };
}

function AppointmentFacts(props: { appointment: NonNullable<ErrorGuide['appointment']> }) {
  const { t, i18n } = useTranslation();
  const { appointment } = props;
  const day = localDayText(appointment.day, i18n.language);
  const dayText =
    appointment.when === 'tomorrow'
      ? t('citizenFlows.errors.dayTomorrow', { day })
      : appointment.when === 'past'
        ? t('citizenFlows.errors.dayPast', { day })
        : day;
  return (
    <dl className="error-facts" data-testid="appointment-facts">
      <div>
        <dt>{t('citizenFlows.errors.appointmentDay')}</dt>
        <dd data-testid="appointment-day">{dayText}</dd>
      </div>
      {appointment.time && (
        <div>
          <dt>{t('citizenFlows.errors.appointmentTime')}</dt>
          <dd>{appointment.time}</dd>
        </div>
      )}
    </dl>
  );
}

export function ErrorScreen(props: { error: IpcError }) {
  const { t, i18n } = useTranslation();
  const outcomeSeq = useScreen((state) => state.outcomeSeq);
  const origin = useScreen((state) => state.origin);
  const offline = useScreen((state) => state.kiosk?.connectivity === 'offline');
  const heading = useHeadingFocus<HTMLHeadingElement>(outcomeSeq);
  const actionOf = useStepAction();
  const guide = errorGuide(props.error, { origin, offline });
  const haveTurn = guide.number !== null;

  return (
    <div
      className={
        guide.bookingWeb ? 'screen screen--error screen--with-booking' : 'screen screen--error'
      }
      data-testid="screen-error"
      data-next-step={guide.primary}
    >
      <h1 className="screen__title" ref={heading} tabIndex={-1}>
        {t(errorTitleKey(guide.title))}
      </h1>
      <div className={haveTurn ? 'error-card error-card--info' : 'error-card'}>
        {!haveTurn && (
          <svg
            className="error-card__icon"
            viewBox="0 0 48 48"
            aria-hidden="true"
            focusable="false"
          >
            <circle cx="24" cy="24" r="22" fill="#b3261e" />
            <rect x="21" y="10" width="6" height="18" rx="3" fill="#fff" />
            <circle cx="24" cy="36" r="3.5" fill="#fff" />
          </svg>
        )}
        <div className="error-card__body">
          <p className="error-card__message" data-testid="error-message">
            {errorMessage(t, props.error, i18n.language)}
          </p>
          {guide.offlineHint && (
            <p className="error-card__hint" data-testid="offline-hint">
              {t('citizenFlows.errors.offlineHint')}
            </p>
          )}
        </div>
      </div>
      {guide.number && (
        <div className="turn-card turn-card--compact">
          <p className="turn-card__label" id="known-number-label">
            {t('citizenFlows.errors.yourNumber')}
          </p>
          <p
            className="turn-card__number turn-number"
            data-testid="known-number"
            aria-describedby="known-number-label"
          >
            {guide.number}
          </p>
        </div>
      )}
      {guide.appointment && <AppointmentFacts appointment={guide.appointment} />}
      <div className="actions">
        {[...guide.secondary].reverse().map((step) => (
          <button
            key={step}
            type="button"
            className="button button--secondary"
            onClick={actionOf(step)}
          >
            {t(STEP_LABEL[step])}
          </button>
        ))}
        <button
          type="button"
          className="button button--primary"
          onClick={actionOf(guide.primary)}
          data-testid="primary-action"
          data-primary
        >
          {t(STEP_LABEL[guide.primary])}
        </button>
      </div>
      {guide.bookingWeb && <BookingWeb />}
    </div>
  );
}
