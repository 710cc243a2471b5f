/**
 * The supervisor's view: every open desk, waiting per service with the longest wait, the
 * devices' last heartbeats (kiosks, and the lobby screens' last reads), the day's conflicts from kiosks (ConflictsPanel), and the slot of the day's statistics (`/office/statistics`, the
 * statistics page's own app).
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { SupervisorViewSchema } from '../../../src-shared/contract/office';
import { ErrorNotice } from '../common/ErrorNotice';
import { officeGet } from '../common/office-api';
import { serviceName } from '../common/service-name';
import { useLive } from '../common/use-live';
import { ConflictsPanel } from './ConflictsPanel';

export function SupervisorPage({ site }: { site: string }) {
  const { t, i18n } = useTranslation();
  const query = site ? `?site=${encodeURIComponent(site)}` : '';
  const load = useCallback(
    () => officeGet(SupervisorViewSchema, `/office/api/supervisor${query}`),
    [query],
  );
  const { view, error } = useLive(load, site);
  if (!view) return <ErrorNotice error={error} />;
  const names = new Map(view.waitingPerService.map((row) => [row.serviceId, row.names]));
  const nameOf = (id: string) => serviceName(names.get(id), i18n.language, id);
  const time = (iso: string | null) =>
    iso
      ? new Date(iso).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit' })
      : t('office.supervisor.never');
  return (
    <div className="office-supervisor">
      <h1>
        {t('office.supervisor.title')} · {view.siteName}
      </h1>
      <section aria-labelledby="sup-desks" className="office-panel">
        <h2 id="sup-desks">{t('office.supervisor.desks')}</h2>
        {view.desks.length === 0 ? (
          <p>{t('office.supervisor.noDesks')}</p>
        ) : (
          <table className="office-table" data-testid="desks">
            <thead>
              <tr>
                <th scope="col">{t('office.supervisor.desk')}</th>
                <th scope="col">{t('office.supervisor.staff')}</th>
                <th scope="col">{t('office.supervisor.services')}</th>
                <th scope="col">{t('office.supervisor.state')}</th>
                <th scope="col">{t('office.supervisor.current')}</th>
              </tr>
            </thead>
            <tbody>
              {view.desks.map((desk) => (
                <tr key={desk.desk}>
                  <td>{desk.desk}</td>
                  <td>{desk.staffName}</td>
                  <td>{desk.serviceIds.map(nameOf).join(', ')}</td>
                  <td>
                    {desk.paused ? t('office.supervisor.paused') : t('office.supervisor.active')}
                  </td>
                  <td className="office-number">{desk.current?.ticketNumber ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="sup-waiting" className="office-panel">
        <h2 id="sup-waiting">{t('office.supervisor.waitingTitle')}</h2>
        <table className="office-table" data-testid="waiting-per-service">
          <thead>
            <tr>
              <th scope="col">{t('office.desk.service')}</th>
              <th scope="col">{t('office.supervisor.waiting')}</th>
              <th scope="col">{t('office.supervisor.longestWait')}</th>
            </tr>
          </thead>
          <tbody>
            {view.waitingPerService.map((row) => (
              <tr key={row.serviceId}>
                <td>{serviceName(row.names, i18n.language, row.serviceId)}</td>
                <td>{row.waiting}</td>
                <td>
                  {row.longestWaitMs === null
                    ? '—'
                    : t('office.supervisor.minutes', {
                        count: Math.floor(row.longestWaitMs / 60_000),
                      })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="sup-devices" className="office-panel">
        <h2 id="sup-devices">{t('office.supervisor.devices')}</h2>
        {view.devices.length === 0 && view.screens.length === 0 && (
          <p>{t('office.supervisor.noDevices')}</p>
        )}
        {view.devices.length > 0 && (
          <table className="office-table" data-testid="devices">
            <thead>
              <tr>
                <th scope="col">{t('office.supervisor.kiosk')}</th>
                <th scope="col">{t('office.supervisor.lastSeen')}</th>
                <th scope="col">{t('office.supervisor.connectivity')}</th>
                <th scope="col">{t('office.supervisor.printer')}</th>
                <th scope="col">{t('office.supervisor.outbox')}</th>
              </tr>
            </thead>
            <tbody>
              {view.devices.map((device) => (
                <tr key={device.kioskId}>
                  <td>{device.deviceName ?? device.kioskId}</td>
                  <td>{time(device.lastSeenAt)}</td>
                  <td>{device.connectivity ?? '—'}</td>
                  <td>{device.printerState ?? '—'}</td>
                  <td>{device.outboxPending ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {view.screens.length > 0 && (
          <table className="office-table" data-testid="screens">
            <caption>{t('officeScreens.supervisor.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('officeScreens.supervisor.screen')}</th>
                <th scope="col">{t('office.supervisor.lastSeen')}</th>
              </tr>
            </thead>
            <tbody>
              {view.screens.map((screen) => (
                <tr key={screen.screenId}>
                  <td>{screen.name}</td>
                  <td>{time(screen.lastSeenAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <ConflictsPanel conflicts={view.conflicts} serviceNameOf={nameOf} />
      {/* STATISTICS SLOT: the statistics page (/office/statistics) is its own app. */}
      <section aria-labelledby="sup-statistics" className="office-panel" data-slot="statistics">
        <h2 id="sup-statistics">{t('office.supervisor.statistics')}</h2>
        <p>
          <a href={`/office/statistics${query}`}>{t('office.supervisor.statisticsLink')}</a>
        </p>
      </section>
    </div>
  );
}
