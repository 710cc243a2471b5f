/**
 * The statistics as a CSV a town hall's spreadsheet opens and pivots (docs/statistics.md): one
 * row per day × service with every figure in its own column, so a pivot table can sum the counts
 * by day, by service or over the range. Made for Spanish Excel: UTF-8 with a byte-order mark (or
 * accents come out garbled), `;` between fields (Excel's list separator in a Spanish locale),
 * CRLF line ends, every text field quoted (a service name may hold `,`, `;` or `"`), durations
 * as whole seconds (no decimal separator to disagree about).
 */
import { stringify } from 'csv-stringify/sync';
import type {
  OfficeStatistics,
  StatisticsFigures,
} from '../../src-shared/contract/office-statistics';

/** Column header → the figure it holds (after `dia`, `servicio_id`, `servicio`). */
const FIGURE_COLUMNS: readonly [string, keyof StatisticsFigures][] = [
  ['tickets', 'tickets'],
  ['con_cita', 'withAppointment'],
  ['sin_cita', 'walkIn'],
  ['cita_a_tiempo', 'onTime'],
  ['cita_antes', 'early'],
  ['cita_tarde', 'late'],
  ['no_presentados', 'noShows'],
  ['atendidos', 'served'],
  ['espera_mediana_s', 'waitMedianSeconds'],
  ['espera_p90_s', 'waitP90Seconds'],
  ['atencion_mediana_s', 'serviceMedianSeconds'],
  ['atencion_p90_s', 'serviceP90Seconds'],
];

export const STATISTICS_CSV_HEADER: readonly string[] = [
  'dia',
  'servicio_id',
  'servicio',
  ...FIGURE_COLUMNS.map(([header]) => header),
];

export function statisticsCsv(statistics: OfficeStatistics): string {
  const rows = statistics.byDayAndService.map((row) => [
    row.day,
    row.serviceId,
    statistics.serviceNames[row.serviceId]?.es ?? row.serviceId,
    // A figure without samples (a median of nothing) is an empty cell, not 0.
    ...FIGURE_COLUMNS.map(([, figure]) => row[figure] ?? ''),
  ]);
  return stringify([[...STATISTICS_CSV_HEADER], ...rows], {
    bom: true,
    delimiter: ';',
    record_delimiter: 'windows',
    quoted_string: true,
  });
}

/** `estadisticas-<site>-<from>-<to>.csv`: the site id and days are plain ASCII already. */
export const statisticsCsvFileName = (statistics: OfficeStatistics): string =>
  `estadisticas-${statistics.site}-${statistics.from}-${statistics.to}.csv`;
