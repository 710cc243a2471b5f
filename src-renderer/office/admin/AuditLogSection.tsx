/**
 * The staff audit log for an administrator: newest first, a page at a time, filtered by staff
 * account, action and a range of days (the office's own days). Times are shown on the site's
 * clock. The log holds who, when and what: never a citizen's data.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AuditPageSchema,
  type AuditEntryView,
  type AuditPage,
} from '../../../src-shared/contract/office-audit';
import { ErrorNotice } from '../common/ErrorNotice';
import { OfficeApiError, officeGet } from '../common/office-api';

const AUDIT_API = '/office/api/admin/audit';

interface Filters {
  staff: string;
  action: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { staff: '', action: '', from: '', to: '' };

function queryOf(site: string, filters: Filters, page: number): string {
  const query = new URLSearchParams();
  if (site) query.set('site', site);
  for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
  if (page > 0) query.set('page', String(page));
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** `desk: Mesa 1 · serviceIds: registro, padron` */
const detailText = (detail: AuditEntryView['detail']): string =>
  Object.entries(detail)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`)
    .join(' · ');

export function AuditLogSection({ site }: { site: string }) {
  const { t, i18n } = useTranslation();
  const ids = { staff: useId(), action: useId(), from: useId(), to: useId() };
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [page, setPage] = useState(0);
  const [view, setView] = useState<AuditPage | null>(null);
  const [error, setError] = useState<OfficeApiError | null>(null);

  useEffect(() => {
    officeGet(AuditPageSchema, `${AUDIT_API}${queryOf(site, filters, page)}`).then(
      (loaded) => {
        setView(loaded);
        setError(null);
      },
      (failure: unknown) =>
        setError(failure instanceof OfficeApiError ? failure : new OfficeApiError('internal')),
    );
  }, [site, filters, page]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setPage(0);
    setFilters({ ...draft });
  };
  const when = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language, {
      dateStyle: 'short',
      timeStyle: 'medium',
      ...(view ? { timeZone: view.timeZone } : {}),
    });
  const set = (name: keyof Filters) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [name]: event.target.value }));

  return (
    <section aria-labelledby="admin-audit" className="office-panel" data-testid="audit-log">
      <h2 id="admin-audit">{t('officeAudit.title')}</h2>
      <p className="office-hint">{t('officeAudit.intro')}</p>
      <form className="office-audit-filters" onSubmit={apply}>
        <label htmlFor={ids.staff}>{t('officeAudit.staff')}</label>
        <select id={ids.staff} value={draft.staff} onChange={set('staff')}>
          <option value="">{t('officeAudit.anyStaff')}</option>
          {view?.usernames.map((username) => (
            <option key={username} value={username}>
              {username || t('officeAudit.noUsername')}
            </option>
          ))}
        </select>
        <label htmlFor={ids.action}>{t('officeAudit.action')}</label>
        <select id={ids.action} value={draft.action} onChange={set('action')}>
          <option value="">{t('officeAudit.anyAction')}</option>
          {view?.actions.map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </select>
        <label htmlFor={ids.from}>{t('officeAudit.from')}</label>
        <input id={ids.from} type="date" value={draft.from} onChange={set('from')} />
        <label htmlFor={ids.to}>{t('officeAudit.to')}</label>
        <input id={ids.to} type="date" value={draft.to} onChange={set('to')} />
        <button type="submit">{t('officeAudit.apply')}</button>
      </form>
      <ErrorNotice error={error} />
      {view && view.entries.length === 0 ? (
        <p>{t('officeAudit.empty')}</p>
      ) : (
        <table className="office-table" data-testid="audit-entries">
          <caption>{t('officeAudit.caption', { page: page + 1 })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('officeAudit.when')}</th>
              <th scope="col">{t('officeAudit.staff')}</th>
              <th scope="col">{t('officeAudit.action')}</th>
              <th scope="col">{t('officeAudit.site')}</th>
              <th scope="col">{t('officeAudit.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {view?.entries.map((entry) => (
              <tr key={entry.seq}>
                <td>{when(entry.at)}</td>
                <td>{entry.username || t('officeAudit.noUsername')}</td>
                <td>{entry.action}</td>
                <td>{entry.siteId ?? '—'}</td>
                <td>{detailText(entry.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="office-actions">
        <button
          type="button"
          className="office-secondary"
          disabled={page === 0}
          onClick={() => setPage((current) => Math.max(0, current - 1))}
        >
          {t('officeAudit.newer')}
        </button>
        <button
          type="button"
          className="office-secondary"
          disabled={!view?.hasMore}
          onClick={() => setPage((current) => current + 1)}
        >
          {t('officeAudit.older')}
        </button>
      </div>
    </section>
  );
}
