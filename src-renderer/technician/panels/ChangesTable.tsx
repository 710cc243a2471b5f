/** Settings changes as a table: field, old value → new value, and when each takes effect. */
import { useTranslation } from 'react-i18next';
import type { SettingDiff } from '../../../src-shared/contract/technician';

export function ChangesTable(props: { caption: string; changes: readonly SettingDiff[] }) {
  const { t } = useTranslation();
  return (
    <table className="technician-table" data-testid="changes-table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('technician.table.field')}</th>
          <th scope="col">{t('technician.table.from')}</th>
          <th scope="col">{t('technician.table.to')}</th>
          <th scope="col">{t('technician.table.applies')}</th>
        </tr>
      </thead>
      <tbody>
        {props.changes.map((change) => (
          <tr key={change.path}>
            <th scope="row">{change.path}</th>
            <td>{change.from}</td>
            <td>{change.to}</td>
            <td>{t(`technician.settings.applies.${change.applies}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
