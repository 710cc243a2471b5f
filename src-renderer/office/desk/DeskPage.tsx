/**
 * The desk (docs/office.md): choose a desk and the services served, then call next, call again,
 * no-show, finish, transfer, pause. The queue of the desk's services stays live (use-live.ts);
 * every action answers the desk's new view.
 */
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeskViewSchema, type DeskView } from '../../../src-shared/contract/office';
import { ErrorNotice } from '../common/ErrorNotice';
import { OfficeApiError, officeGet, officePost } from '../common/office-api';
import { serviceName } from '../common/service-name';
import { useLive } from '../common/use-live';
import { ChooseDesk } from './ChooseDesk';
import { WaitingList } from './WaitingList';

type Action = 'call-next' | 'call-again' | 'no-show' | 'finish' | 'transfer';

export function DeskPage({ site }: { site: string }) {
  const { t, i18n } = useTranslation();
  const load = useCallback(
    () =>
      officeGet(
        DeskViewSchema,
        `/office/api/desk${site ? `?site=${encodeURIComponent(site)}` : ''}`,
      ),
    [site],
  );
  const live = useLive(load, site);
  const [error, setError] = useState<OfficeApiError | null>(null);
  const [notice, setNotice] = useState('');
  const [target, setTarget] = useState('');
  const targetId = useId();

  const view = live.view;
  if (!view) return <ErrorNotice error={live.error} />;
  const siteId = view.siteId;
  const nameOf = (id: string) =>
    serviceName(view.services.find((service) => service.id === id)?.names, i18n.language, id);

  const post = (path: string, body: Record<string, unknown>, done?: (next: DeskView) => void) => {
    setError(null);
    setNotice('');
    officePost(DeskViewSchema, `/office/api/desk/${path}`, { site: siteId, ...body }).then(
      (next) => {
        live.setView(next);
        done?.(next);
      },
      (failure: unknown) => {
        setError(failure instanceof OfficeApiError ? failure : new OfficeApiError('internal'));
        live.reload();
      },
    );
  };
  const act = (action: Action, body: Record<string, unknown> = {}) => {
    const before = view.mine?.current?.ticketNumber ?? '';
    post(action, body, (next) => {
      const ticket = action === 'call-next' ? (next.mine?.current?.ticketNumber ?? '') : before;
      setNotice(t(`office.desk.done.${action}`, { ticket }));
    });
  };

  const mine = view.mine;
  const current = mine?.current ?? null;
  const transferTargets = view.services.filter((service) => service.id !== current?.serviceId);
  const myWaiting = mine
    ? view.waiting.filter((ticket) => mine.serviceIds.includes(ticket.serviceId))
    : view.waiting;

  return (
    <div className="office-desk">
      <h1>{t('office.desk.title')}</h1>
      <p className="office-hint">{t(`office.desk.callOrder.${view.callOrder}`)}</p>
      <ErrorNotice error={error} />
      <p role="status" className="office-notice">
        {notice}
      </p>
      {!mine ? (
        <ChooseDesk view={view} onOpen={(desk, serviceIds) => post('open', { desk, serviceIds })} />
      ) : (
        <section aria-labelledby="desk-current" className="office-panel">
          <h2 id="desk-current">
            {t('office.desk.atDesk', {
              desk: mine.desk,
              services: mine.serviceIds.map(nameOf).join(', '),
            })}
          </h2>
          {mine.paused ? <p className="office-paused">{t('office.desk.paused')}</p> : null}
          <div className="office-current" aria-live="polite">
            <p className="office-current-label">{t('office.desk.current')}</p>
            {current ? (
              <>
                <p className="office-current-number" data-testid="current-number">
                  {current.ticketNumber}
                </p>
                <p>
                  {nameOf(current.serviceId)} ·{' '}
                  {t('office.desk.calledTimes', { count: current.calls })}
                </p>
              </>
            ) : (
              <p>{t('office.desk.noCurrent')}</p>
            )}
          </div>
          <div className="office-actions">
            <button type="button" disabled={mine.paused} onClick={() => act('call-next')}>
              {t('office.desk.callNext')}
            </button>
            <button type="button" disabled={!current} onClick={() => act('call-again')}>
              {t('office.desk.callAgain')}
            </button>
            <button type="button" disabled={!current} onClick={() => act('no-show')}>
              {t('office.desk.noShow')}
            </button>
            <button type="button" disabled={!current} onClick={() => act('finish')}>
              {t('office.desk.finish')}
            </button>
          </div>
          {current ? (
            <form
              className="office-transfer"
              onSubmit={(event) => {
                event.preventDefault();
                act('transfer', { serviceId: target || transferTargets[0]?.id });
              }}
            >
              <label htmlFor={targetId}>{t('office.desk.transferTo')}</label>
              <select
                id={targetId}
                value={target}
                onChange={(event) => setTarget(event.target.value)}
              >
                {transferTargets.map((service) => (
                  <option key={service.id} value={service.id}>
                    {serviceName(service.names, i18n.language, service.id)}
                  </option>
                ))}
              </select>
              <button type="submit">{t('office.desk.transfer')}</button>
            </form>
          ) : null}
          <div className="office-actions office-secondary-actions">
            <button
              type="button"
              className="office-secondary"
              onClick={() => post('pause', { paused: !mine.paused })}
            >
              {mine.paused ? t('office.desk.resume') : t('office.desk.pause')}
            </button>
            <button type="button" className="office-secondary" onClick={() => post('leave', {})}>
              {t('office.desk.change')}
            </button>
          </div>
        </section>
      )}
      <WaitingList tickets={myWaiting} nameOf={nameOf} />
    </div>
  );
}
