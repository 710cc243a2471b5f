import { useTranslation } from 'react-i18next';
import { useHeadingFocus } from '../components/use-heading-focus';

/**
 * What a brand-new kiosk shows citizens while it has nothing to serve yet (its first sync has not
 * brought the town hall's site in): a calm note, not an error, and where to go meanwhile.
 */
export function PreparingScreen() {
  const { t } = useTranslation();
  const heading = useHeadingFocus<HTMLHeadingElement>();
  return (
    <div className="screen screen--preparing" data-testid="screen-preparing">
      <div className="preparing-spinner" aria-hidden="true" />
      <h1 className="screen__title" ref={heading} tabIndex={-1}>
        {t('setup.preparing.title')}
      </h1>
      <p className="screen__hint">{t('setup.preparing.body')}</p>
    </div>
  );
}
