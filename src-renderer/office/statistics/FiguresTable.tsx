/**
 * One table of figures: the text alternative of the chart above it (screen readers, axe, and
 * anyone who wants the numbers), with a caption, row headers and a total row.
 */
import { useTranslation } from 'react-i18next';
import type { StatisticsFigures } from '../../../src-shared/contract/office-statistics';
import type { Language } from '../../../src-shared/domain/language';
import { formatMinutes } from './statistics-format';

export type FigureColumn =
  | 'tickets'
  | 'withAppointment'
  | 'walkIn'
  | 'onTime'
  | 'early'
  | 'late'
  | 'noShows'
  | 'served'
  | 'waitMedian'
  | 'waitP90'
  | 'serviceMedian'
  | 'serviceP90';

const DURATIONS: Partial<Record<FigureColumn, keyof StatisticsFigures>> = {
  waitMedian: 'waitMedianSeconds',
  waitP90: 'waitP90Seconds',
  serviceMedian: 'serviceMedianSeconds',
  serviceP90: 'serviceP90Seconds',
};

export interface FiguresRow {
  key: string;
  label: string;
  figures: StatisticsFigures;
}

interface Props {
  id: string;
  caption: string;
  /** The header of the label column (Hour, Service, Desk). */
  labelHeader: string;
  columns: readonly FigureColumn[];
  rows: readonly FiguresRow[];
  total: StatisticsFigures;
}

export function FiguresTable({ id, caption, labelHeader, columns, rows, total }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const cell = (figures: StatisticsFigures, column: FigureColumn): string => {
    const duration = DURATIONS[column];
    if (duration) {
      return (
        formatMinutes(figures[duration] as number | null, language) ?? t('officeStatistics.noValue')
      );
    }
    return String(figures[column as keyof StatisticsFigures]);
  };
  return (
    <div className="statistics-table-scroll">
      <table id={id} className="statistics-table" data-testid={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeader}</th>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {t(`officeStatistics.columns.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-row={row.key}>
              <th scope="row">{row.label}</th>
              {columns.map((column) => (
                <td key={column} data-column={column}>
                  {cell(row.figures, column)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-row="total">
            <th scope="row">{t('officeStatistics.total')}</th>
            {columns.map((column) => (
              <td key={column} data-column={column}>
                {cell(total, column)}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
