import { useTranslation } from 'react-i18next';
import { IdDocumentKeyboard } from '../components/IdDocumentKeyboard';
import { IdCardIcon } from '../components/icons';
import { useHeadingFocus } from '../components/use-heading-focus';
import { useScreen } from '../state/store-context';
import { EntryActions } from '../components/EntryActions';

/**
 * DNI / NIE / passport entry. The number is visible while it is typed (so the person can check
 * it) and masked as soon as it is submitted; it is never shown again.
 */
export function IdEntryScreen(props: { onSubmit(documentNumber: string): void }) {
  const { t } = useTranslation();
  const code = useScreen((state) => state.code);
  const submittedMask = useScreen((state) => state.submittedMask);
  const typeCode = useScreen((state) => state.typeCode);
  const deleteLast = useScreen((state) => state.deleteLast);
  const goHome = useScreen((state) => state.goHome);
  const heading = useHeadingFocus<HTMLHeadingElement>();
  const fieldClass = ['code-field', 'code-field--id'];
  if (!code && !submittedMask) fieldClass.push('code-field--empty');
  if (submittedMask) fieldClass.push('code-field--masked');
  return (
    <div className="screen screen--code screen--id" data-testid="screen-id-entry">
      <div className="screen__heading">
        <IdCardIcon />
        <h1 className="screen__title" ref={heading} tabIndex={-1}>
          {t('ui.idEntry.title')}
        </h1>
      </div>
      <p className="screen__hint" id="id-entry-hint" data-guidance>
        {t('ui.idEntry.hint')}
      </p>
      <p id="id-field-label" className="visually-hidden">
        {t('ui.idEntry.fieldLabel')}
      </p>
      <div
        className={fieldClass.join(' ')}
        role="textbox"
        aria-readonly="true"
        aria-labelledby="id-field-label"
        aria-describedby="id-entry-hint"
        data-testid="id-field"
      >
        {submittedMask ? (
          <>
            <span aria-hidden="true">{submittedMask}</span>
            <span className="visually-hidden">{t('ui.idEntry.fieldMasked')}</span>
          </>
        ) : (
          code || <span className="code-field__placeholder">{t('ui.idEntry.fieldEmpty')}</span>
        )}
      </div>
      <IdDocumentKeyboard onKey={typeCode} />
      <p className="notice notice--privacy" data-testid="id-privacy" data-guidance>
        {t('ui.idEntry.privacy')}
      </p>
      <EntryActions
        labels="ui.idEntry"
        empty={code === ''}
        onBack={goHome}
        onDelete={deleteLast}
        onAccept={() => props.onSubmit(code)}
      />
    </div>
  );
}
