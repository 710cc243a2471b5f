import { useTranslation } from 'react-i18next';
import { QrCode } from '../qr/QrCode';
import { useScreen } from '../state/store-context';

/**
 * Where to book an appointment: the town hall's booking web as a QR and as an address to type,
 * or, without one, the desk.
 */
export function BookingWeb(props: { compact?: boolean }) {
  const { t } = useTranslation();
  const bookingUrl = useScreen((state) => state.kiosk?.bookingUrl ?? null);
  if (!bookingUrl) {
    return (
      <p className="booking-web booking-web--desk" data-testid="booking-web">
        {t('citizenFlows.booking.atDesk')}
      </p>
    );
  }
  return (
    <section
      className={props.compact ? 'booking-web booking-web--compact' : 'booking-web'}
      aria-labelledby="booking-web-title"
      data-testid="booking-web"
    >
      <QrCode text={bookingUrl} label={t('citizenFlows.booking.qrLabel')} />
      <div className="booking-web__text">
        <h2 id="booking-web-title" className="booking-web__title">
          {t('citizenFlows.booking.title')}
        </h2>
        <p className="booking-web__hint">{t('citizenFlows.booking.hint')}</p>
        <p className="booking-web__url" data-testid="booking-url">
          {bookingUrl}
        </p>
      </div>
    </section>
  );
}
