/**
 * The statistics as CSV for a spreadsheet: one row per day, measure and category with its count
 * (`day,measure,category,count`), so every breakdown fits one sheet and a pivot table. Stable
 * machine names (docs/technician.md): `tickets` (total, with-appointment, walk-in),
 * `service` (service id), `hour` (00–23), `refused` (reason code), `printer-fault` (fault kind).
 * Counts only, as stored: no person, no booking, no scan.
 */
import type { DayStatistics, Statistics } from '../../../src-shared/contract/diagnostics';

export const CSV_HEADER = 'day,measure,category,count';

/** A field as RFC 4180 wants it: quoted when it holds a comma, a quote or a line break. */
function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function rowsOfDay(day: DayStatistics): string[][] {
  const rows: string[][] = [
    [day.day, 'tickets', 'total', String(day.tickets)],
    [day.day, 'tickets', 'with-appointment', String(day.withAppointment)],
    [day.day, 'tickets', 'walk-in', String(day.walkIn)],
  ];
  const tally = (measure: string, counts: Record<string, number>) => {
    for (const key of Object.keys(counts).sort()) {
      rows.push([day.day, measure, key, String(counts[key])]);
    }
  };
  tally('service', day.byService);
  day.byHour.forEach((count, hour) => {
    if (count > 0) rows.push([day.day, 'hour', String(hour).padStart(2, '0'), String(count)]);
  });
  tally('refused', day.refusals);
  tally('printer-fault', day.printerFaults);
  return rows;
}

export function statisticsCsv(statistics: Statistics): string {
  const rows = statistics.days.flatMap(rowsOfDay).map((row) => row.map(field).join(','));
  return `${[CSV_HEADER, ...rows].join('\r\n')}\r\n`;
}

export function statisticsCsvName(statistics: Statistics): string {
  return `turnero-estadisticas-${statistics.fromDay}-${statistics.today}.csv`;
}
