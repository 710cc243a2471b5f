/**
 * The audit log, newest first: when, who, what, and for settings the field and its old and new
 * values. Older entries come page by page.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../src-shared/contract/technician';
import { useBridge } from '../../state/store-context';

const PAGE = 50;

export function AuditPanel() {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [more, setMore] = useState(false);
  const [failed, setFailed] = useState(false);

  const load = (beforeId?: number) => {
    void bridge
      .invoke(
        'tech:audit-list',
        beforeId === undefined ? { limit: PAGE } : { beforeId, limit: PAGE },
      )
      .then(
        (result) => {
          if (!result.ok) return setFailed(true);
          setEntries((current) => [
            ...(beforeId === undefined ? [] : (current ?? [])),
            ...result.value.entries,
          ]);
          setMore(result.value.more);
        },
        () => setFailed(true),
      );
  };
  // Loaded once when the panel opens.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => load(), [bridge]);

  if (failed) return <p role="alert">{t('technician.panelFailed')}</p>;
  if (!entries) return <p role="status">{t('technician.loading')}</p>;
  if (entries.length === 0) return <p>{t('technician.audit.empty')}</p>;

  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <div className="audit-panel">
      <table className="technician-table" data-testid="audit-table">
        <caption>{t('technician.audit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('technician.audit.when')}</th>
            <th scope="col">{t('technician.audit.who')}</th>
            <th scope="col">{t('technician.audit.what')}</th>
            <th scope="col">{t('technician.table.field')}</th>
            <th scope="col">{t('technician.table.from')}</th>
            <th scope="col">{t('technician.table.to')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>{when.format(new Date(entry.at))}</td>
              <td>{entry.actor}</td>
              <td>
                {t(`technician.audit.actions.${entry.action}`)}
                {entry.detail && ` (${entry.detail})`}
              </td>
              <td>{entry.path ?? ''}</td>
              <td>{entry.from ?? ''}</td>
              <td>{entry.to ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more && (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => load(entries.at(-1)?.id)}
        >
          {t('technician.audit.older')}
        </button>
      )}
    </div>
  );
}
