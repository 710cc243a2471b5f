import { useTranslation } from 'react-i18next';
import { useScreen } from '../state/store-context';
import { CrestIcon } from './icons';

export function KioskHeader() {
  const { t } = useTranslation();
  const siteName = useScreen((state) => state.kiosk?.siteName);
  return (
    <header className="kiosk-header">
      <CrestIcon />
      <div className="kiosk-header__text">
        <p className="kiosk-header__site" data-testid="site-name">
          {siteName || t('ui.brand.fallbackSite')}
        </p>
        <p className="kiosk-header__office">
          {t('ui.brand.office')} · {t('ui.brand.service')}
        </p>
      </div>
    </header>
  );
}
