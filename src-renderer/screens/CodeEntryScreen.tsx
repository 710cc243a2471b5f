import { useTranslation } from 'react-i18next';
import { OnScreenKeyboard } from '../components/OnScreenKeyboard';
import { useHeadingFocus } from '../components/use-heading-focus';
import { useScreen } from '../state/store-context';
import { EntryActions } from '../components/EntryActions';

export function CodeEntryScreen(props: { onSubmit(code: string): void }) {
  const { t } = useTranslation();
  const code = useScreen((state) => state.code);
  const typeCode = useScreen((state) => state.typeCode);
  const deleteLast = useScreen((state) => state.deleteLast);
  const goHome = useScreen((state) => state.goHome);
  const heading = useHeadingFocus<HTMLHeadingElement>();
  return (
    <div className="screen screen--code" data-testid="screen-code-entry">
      <h1 className="screen__title" ref={heading} tabIndex={-1}>
        {t('ui.codeEntry.title')}
      </h1>
      <p className="screen__hint" data-guidance>
        {t('ui.codeEntry.hint')}
      </p>
      <p id="code-field-label" className="visually-hidden">
        {t('ui.codeEntry.fieldLabel')}
      </p>
      <div
        className={code ? 'code-field' : 'code-field code-field--empty'}
        role="textbox"
        aria-readonly="true"
        aria-labelledby="code-field-label"
        data-testid="code-field"
      >
        {code || <span className="code-field__placeholder">{t('ui.codeEntry.fieldEmpty')}</span>}
      </div>
      <OnScreenKeyboard onKey={typeCode} />
      <EntryActions
        labels="ui.codeEntry"
        empty={code === ''}
        onBack={goHome}
        onDelete={deleteLast}
        onAccept={() => props.onSubmit(code)}
      />
    </div>
  );
}
