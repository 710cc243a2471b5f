/**
 * The kiosk's own statistics (docs/technician.md): today or the last 30 days (as far
 * as retention keeps them), tickets by hour and by day as charts, by service, with an appointment
 * or walk-in, refused scans by reason and printer faults as tables, and the CSV for a
 * spreadsheet. Counts only: nothing here names a person or a booking.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Statistics } from '../../../src-shared/contract/diagnostics';
import { LanguageSchema } from '../../../src-shared/domain/language';
import { useBridge } from '../../state/store-context';
import { downloadText } from '../download-file';
import { statisticsCsv, statisticsCsvName } from './statistics-csv';
import { summarise, type Period } from './statistics-summary';
import { TallyTable } from './TallyTable';
import { UPlotChart } from './UPlotChart';
import './statistics.css';

/** Series colours of the kiosk's palette (kiosk.css), 3:1 or more against white. */
const COLOURS = { total: '#0b3a66', withAppointment: '#0a56a8', walkIn: '#a35f00' };

function useStatistics(): { statistics: Statistics | null; failed: boolean } {
  const bridge = useBridge();
  const [statistics, setStatistics] = useState<Statistics | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let open = true;
    void bridge.invoke('tech:statistics', {}).then(
      (result) => {
        if (!open) return;
        if (result.ok) setStatistics(result.value);
        else setFailed(true);
      },
      () => open && setFailed(true),
    );
    return () => {
      open = false;
    };
  }, [bridge]);
  return { statistics, failed };
}

export function StatisticsPanel() {
  const { t, i18n } = useTranslation();
  const { statistics, failed } = useStatistics();
  const [period, setPeriod] = useState<Period>('today');
  const summary = useMemo(
    () => (statistics ? summarise(statistics, period) : null),
    [statistics, period],
  );
  const charts = useMemo(() => {
    if (!summary) return null;
    const hours = Array.from({ length: 24 }, (_, hour) => hour);
    const days = summary.days.map((day) => Date.parse(`${day.day}T12:00:00Z`) / 1000);
    return {
      byHour: {
        x: hours,
        series: [{ label: t('statistics.tickets'), colour: COLOURS.total, values: summary.byHour }],
      },
      byDay: {
        x: days,
        series: [
          {
            label: t('statistics.withAppointment'),
            colour: COLOURS.withAppointment,
            values: summary.days.map((day) => day.withAppointment),
          },
          {
            label: t('statistics.walkIn'),
            colour: COLOURS.walkIn,
            values: summary.days.map((day) => day.walkIn),
          },
        ],
      },
    };
  }, [summary, t]);

  if (!statistics || !summary || !charts) {
    return failed ? (
      <p role="alert">{t('statistics.failed')}</p>
    ) : (
      <p role="status">{t('statistics.loading')}</p>
    );
  }

  const language = LanguageSchema.catch('es').parse(i18n.language);
  const serviceName = (id: string) => {
    const names = statistics.services.find((service) => service.id === id)?.names;
    return names?.[language] ?? names?.es ?? id;
  };
  const busiest = summary.byHour.indexOf(Math.max(...summary.byHour));
  const periodLabel =
    period === 'today'
      ? t('statistics.today')
      : t('statistics.days', { count: summary.days.length });

  return (
    <div className="statistics-panel" data-testid="statistics-panel">
      <div className="statistics-panel__bar">
        <div role="group" aria-label={t('statistics.period')} className="statistics-panel__periods">
          {(['today', 'days'] as const).map((choice) => (
            <button
              key={choice}
              type="button"
              className="technician__nav-button"
              aria-pressed={period === choice}
              onClick={() => setPeriod(choice)}
            >
              {choice === 'today'
                ? t('statistics.today')
                : t('statistics.days', { count: statistics.days.length })}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="button button--secondary"
          onClick={() =>
            downloadText(statisticsCsvName(statistics), statisticsCsv(statistics), 'text/csv')
          }
        >
          {t('statistics.csv')}
        </button>
      </div>
      <p className="statistics-panel__note">
        {t('statistics.kept', { days: statistics.retentionDays, from: statistics.fromDay })}
      </p>

      <h2>{periodLabel}</h2>
      <dl className="statistics-totals" data-testid="statistics-totals">
        {(
          [
            ['tickets', summary.tickets],
            ['withAppointment', summary.withAppointment],
            ['walkIn', summary.walkIn],
            ['refused', summary.refused],
            ['printerFaults', summary.printerFaults],
          ] as const
        ).map(([key, value]) => (
          <div key={key} className="statistics-totals__item">
            <dt>{t(`statistics.${key}`)}</dt>
            <dd data-testid={`total-${key}`}>{value}</dd>
          </div>
        ))}
      </dl>

      <UPlotChart
        caption={
          summary.tickets === 0
            ? t('statistics.byHourEmpty')
            : t('statistics.byHour', { hour: String(busiest).padStart(2, '0') })
        }
        language={i18n.language}
        x={charts.byHour.x}
        series={charts.byHour.series}
        kind="hours"
        testId="chart-by-hour"
      />
      {period === 'days' && (
        <UPlotChart
          caption={t('statistics.byDay', { from: statistics.fromDay, to: statistics.today })}
          language={i18n.language}
          x={charts.byDay.x}
          series={charts.byDay.series}
          kind="days"
          testId="chart-by-day"
        />
      )}

      <div className="statistics-panel__tables">
        <TallyTable
          caption={t('statistics.byService')}
          keyHeader={t('statistics.service')}
          rows={summary.byService}
          label={serviceName}
          empty={t('statistics.none')}
          testId="table-by-service"
        />
        <TallyTable
          caption={t('statistics.refusals')}
          keyHeader={t('statistics.reason')}
          rows={summary.refusals}
          label={(code) => t(`statistics.reasons.${code}`, { defaultValue: code })}
          empty={t('statistics.none')}
          testId="table-refusals"
        />
        <TallyTable
          caption={t('statistics.faults')}
          keyHeader={t('statistics.kind')}
          rows={summary.faults}
          label={(kind) => t(`diagnostics.printer.kinds.${kind}`, { defaultValue: kind })}
          empty={t('statistics.none')}
          testId="table-faults"
        />
      </div>
    </div>
  );
}
