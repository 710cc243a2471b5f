/**
 * The supervisor page's list of the day's conflicts from kiosks: each refused ticket, newest
 * first, with what happened and what staff should do about it (catalog area `officeConflicts`).
 */
import { useTranslation } from 'react-i18next';
import type { KioskConflict } from '../../../src-shared/contract/office-conflicts';

export function ConflictsPanel({
  conflicts,
  serviceNameOf,
}: {
  conflicts: readonly KioskConflict[];
  serviceNameOf: (serviceId: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const time = (ms: number) =>
    new Date(ms).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' });
  return (
    <section aria-labelledby="sup-conflicts" className="office-panel">
      <h2 id="sup-conflicts">{t('officeConflicts.title')}</h2>
      {conflicts.length === 0 ? (
        <p>{t('officeConflicts.none')}</p>
      ) : (
        <table className="office-table" data-testid="conflicts">
          <thead>
            <tr>
              <th scope="col">{t('officeConflicts.refusedAt')}</th>
              <th scope="col">{t('officeConflicts.kiosk')}</th>
              <th scope="col">{t('officeConflicts.ticket')}</th>
              <th scope="col">{t('officeConflicts.service')}</th>
              <th scope="col">{t('officeConflicts.what')}</th>
              <th scope="col">{t('officeConflicts.todo')}</th>
            </tr>
          </thead>
          <tbody>
            {conflicts.map((conflict) => {
              const params = {
                number: conflict.ticketNumber,
                other: conflict.otherTicketNumber ?? '—',
              };
              return (
                <tr key={conflict.ticketId} data-kind={conflict.kind}>
                  <td>{time(conflict.refusedAtMs)}</td>
                  <td>{conflict.kioskId}</td>
                  <td className="office-number">{conflict.ticketNumber}</td>
                  <td>{conflict.serviceId ? serviceNameOf(conflict.serviceId) : '—'}</td>
                  <td>{t(`officeConflicts.kinds.${conflict.kind}.what`, params)}</td>
                  <td>{t(`officeConflicts.kinds.${conflict.kind}.todo`, params)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
