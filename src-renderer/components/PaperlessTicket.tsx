import { useTranslation } from 'react-i18next';
import type { TicketView } from '../../src-shared/contract/ipc';
import { QrCode } from '../qr/QrCode';

/** The paperless ticket: the turn as a QR for the citizen's phone, when the paper did not come. */
export function PaperlessTicket(props: { ticket: TicketView }) {
  const { t } = useTranslation();
  const { ticket } = props;
  return (
    <section className="paperless" aria-labelledby="paperless-title" data-testid="paperless">
      <QrCode
        text={ticket.paperlessQr}
        label={t('citizenFlows.result.paperlessQrLabel', { number: ticket.number })}
      />
      <div className="paperless__text">
        <h2 id="paperless-title" className="paperless__title">
          {t('citizenFlows.result.paperlessTitle')}
        </h2>
        <p className="paperless__hint">{t('citizenFlows.result.paperlessHint')}</p>
      </div>
    </section>
  );
}
