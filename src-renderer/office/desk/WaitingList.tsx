/** The tickets waiting for the desk's services, in call order. */
import { useTranslation } from 'react-i18next';
import type { DeskView } from '../../../src-shared/contract/office';

export function WaitingList({
  tickets,
  nameOf,
}: {
  tickets: DeskView['waiting'];
  nameOf: (serviceId: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const time = (ms: number) =>
    new Date(ms).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' });
  return (
    <section aria-labelledby="desk-waiting" className="office-panel">
      <h2 id="desk-waiting">
        {t('office.desk.waitingTitle')} ({t('office.desk.waitingCount', { count: tickets.length })})
      </h2>
      {tickets.length === 0 ? (
        <p>{t('office.desk.nobodyWaiting')}</p>
      ) : (
        <table className="office-table" data-testid="waiting">
          <thead>
            <tr>
              <th scope="col">{t('office.desk.number')}</th>
              <th scope="col">{t('office.desk.service')}</th>
              <th scope="col">{t('office.desk.kind')}</th>
              <th scope="col">{t('office.desk.issued')}</th>
            </tr>
          </thead>
          <tbody>
            {tickets.map((ticket) => (
              <tr key={`${ticket.serviceId}-${ticket.ticketNumber}`}>
                <td className="office-number">{ticket.ticketNumber}</td>
                <td>{nameOf(ticket.serviceId)}</td>
                <td>
                  {ticket.kind === 'appointment'
                    ? t('office.desk.appointment')
                    : t('office.desk.walkIn')}
                  {ticket.priority ? ` · ${t('office.desk.priority')}` : ''}
                  {ticket.transferred ? ` · ${t('office.desk.transferred')}` : ''}
                </td>
                <td>{time(ticket.issuedAtMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
