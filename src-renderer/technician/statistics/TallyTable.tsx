/** A breakdown as a table: what (a service, a reason, a kind of fault) and how many, largest first. */
import { useTranslation } from 'react-i18next';
import type { Tally } from './statistics-summary';

export function TallyTable(props: {
  caption: string;
  keyHeader: string;
  rows: readonly Tally[];
  label: (key: string) => string;
  empty: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <table className="technician-table statistics-table" data-testid={props.testId}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.keyHeader}</th>
          <th scope="col" className="statistics-table__count">
            {t('statistics.count')}
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.length === 0 ? (
          <tr>
            <td colSpan={2}>{props.empty}</td>
          </tr>
        ) : (
          props.rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{props.label(row.key)}</th>
              <td className="statistics-table__count">{row.count}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
