import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../src-shared/contract/ipc';
import { useHeadingFocus } from '../components/use-heading-focus';
import { useScreen } from '../state/store-context';
import { errorMessage } from '../i18n/error-message';

export function ErrorScreen(props: { error: IpcError }) {
  const { t, i18n } = useTranslation();
  const outcomeSeq = useScreen((state) => state.outcomeSeq);
  const startCodeEntry = useScreen((state) => state.startCodeEntry);
  const startIdEntry = useScreen((state) => state.startIdEntry);
  // A refused ID document is typed again on its own keyboard; anything else as a booking code.
  const retryDocument = props.error.code.startsWith('id-document');
  const endSession = useScreen((state) => state.endSession);
  const heading = useHeadingFocus<HTMLHeadingElement>(outcomeSeq);
  return (
    <div className="screen screen--error" data-testid="screen-error">
      <h1 className="screen__title" ref={heading} tabIndex={-1}>
        {t('ui.error.title')}
      </h1>
      <div className="error-card">
        <svg className="error-card__icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
          <circle cx="24" cy="24" r="22" fill="#b3261e" />
          <rect x="21" y="10" width="6" height="18" rx="3" fill="#fff" />
          <circle cx="24" cy="36" r="3.5" fill="#fff" />
        </svg>
        <p className="error-card__message" data-testid="error-message">
          {errorMessage(t, props.error, i18n.language)}
        </p>
      </div>
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={endSession}>
          {t('ui.error.home')}
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={retryDocument ? startIdEntry : startCodeEntry}
          data-primary
        >
          {t(retryDocument ? 'ui.error.typeDocument' : 'ui.error.typeCode')}
        </button>
      </div>
      <p className="screen__footnote">{t('ui.autoReturn')}</p>
    </div>
  );
}
