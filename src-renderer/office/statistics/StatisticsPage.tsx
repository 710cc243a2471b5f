/**
 * The supervisor's statistics page: a range of days, the period's summary, and per hour, per
 * service and per desk a chart followed by the table of its figures, with the CSV of the same
 * range to download. Signed out (401/403) it says to sign in as a supervisor, with the link.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  OfficeStatistics,
  StatisticsQuery,
} from '../../../src-shared/contract/office-statistics';
import { LANGUAGES } from '../../../src-shared/i18n/catalogs';
import type { Language } from '../../../src-shared/domain/language';
import { FiguresTable, type FigureColumn } from './FiguresTable';
import { DeskChart, HourChart, ServiceCharts } from './StatisticsCharts';
import {
  fetchStatistics,
  STATISTICS_CSV,
  statisticsSearch,
  type StatisticsAnswer,
} from './statistics-client';
import { formatMinutes, hourLabel, minutesOf, serviceName } from './statistics-format';

/** Where the staff sign in (the desk app's sign-in page). */
export const SIGN_IN_PATH = '/staff';

const LANGUAGE_NAMES: Record<Language, string> = {
  es: 'Español',
  en: 'English',
  fr: 'Français',
  de: 'Deutsch',
};

const SERVICE_COLUMNS: readonly FigureColumn[] = [
  'tickets',
  'withAppointment',
  'walkIn',
  'onTime',
  'early',
  'late',
  'noShows',
  'served',
  'waitMedian',
  'waitP90',
  'serviceMedian',
  'serviceP90',
];
const HOUR_COLUMNS: readonly FigureColumn[] = ['tickets', 'waitMedian', 'waitP90'];
const DESK_COLUMNS: readonly FigureColumn[] = [
  'tickets',
  'served',
  'noShows',
  'serviceMedian',
  'serviceP90',
];

type PageState = { kind: 'loading' } | StatisticsAnswer;

function Figures({ statistics }: { statistics: OfficeStatistics }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const minutes = (seconds: number | null) => {
    const value = formatMinutes(seconds, language);
    return value === null
      ? t('officeStatistics.noValue')
      : t('officeStatistics.minutes', { value });
  };
  const name = (serviceId: string) => serviceName(statistics.serviceNames, serviceId, language);
  // The hours the office was busy, from the first to the last with a ticket.
  const busy = statistics.byHour.filter((row) => row.tickets > 0).map((row) => row.hour);
  const hours = statistics.byHour.filter(
    (row) => row.hour >= Math.min(...busy) && row.hour <= Math.max(...busy),
  );
  const total = statistics.total;
  const summary: [string, string][] = [
    [t('officeStatistics.summary.tickets'), String(total.tickets)],
    [t('officeStatistics.summary.withAppointment'), String(total.withAppointment)],
    [t('officeStatistics.summary.walkIn'), String(total.walkIn)],
    [t('officeStatistics.summary.noShows'), String(total.noShows)],
    [t('officeStatistics.summary.waitMedian'), minutes(total.waitMedianSeconds)],
    [t('officeStatistics.summary.serviceMedian'), minutes(total.serviceMedianSeconds)],
  ];
  return (
    <>
      <section aria-labelledby="summary-title">
        <h2 id="summary-title">{t('officeStatistics.summary.title')}</h2>
        <dl className="statistics-summary" data-testid="summary">
          {summary.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="by-hour-title">
        <h2 id="by-hour-title">{t('officeStatistics.byHour.title')}</h2>
        <HourChart
          points={hours.map((row) => ({
            label: hourLabel(row.hour),
            tickets: row.tickets,
            waitMedianMinutes: minutesOf(row.waitMedianSeconds),
          }))}
        />
        <FiguresTable
          id="table-by-hour"
          caption={t('officeStatistics.byHour.title')}
          labelHeader={t('officeStatistics.columns.hour')}
          columns={HOUR_COLUMNS}
          rows={hours.map((row) => ({
            key: String(row.hour),
            label: hourLabel(row.hour),
            figures: row,
          }))}
          total={total}
        />
      </section>
      <section aria-labelledby="by-service-title">
        <h2 id="by-service-title">{t('officeStatistics.byService.title')}</h2>
        <ServiceCharts
          points={statistics.byService.map((row) => ({ ...row, label: name(row.serviceId) }))}
        />
        <FiguresTable
          id="table-by-service"
          caption={t('officeStatistics.byService.title')}
          labelHeader={t('officeStatistics.columns.service')}
          columns={SERVICE_COLUMNS}
          rows={statistics.byService.map((row) => ({
            key: row.serviceId,
            label: name(row.serviceId),
            figures: row,
          }))}
          total={total}
        />
      </section>
      <section aria-labelledby="by-desk-title">
        <h2 id="by-desk-title">{t('officeStatistics.byDesk.title')}</h2>
        <DeskChart
          points={statistics.byDesk.map((row) => ({
            label: row.desk,
            served: row.served,
            serviceMedianMinutes: minutesOf(row.serviceMedianSeconds),
          }))}
        />
        <FiguresTable
          id="table-by-desk"
          caption={t('officeStatistics.byDesk.title')}
          labelHeader={t('officeStatistics.columns.desk')}
          columns={DESK_COLUMNS}
          rows={statistics.byDesk.map((row) => ({ key: row.desk, label: row.desk, figures: row }))}
          total={total}
        />
      </section>
      <p className="statistics-definitions">
        {t('officeStatistics.definitions', {
          early: statistics.punctuality.earlyBeforeMinutes,
          late: statistics.punctuality.lateAfterMinutes,
        })}
      </p>
    </>
  );
}

interface Props {
  initialQuery: StatisticsQuery;
  /** Called with the range shown, to keep it in the address bar. */
  onQuery?: (query: StatisticsQuery) => void;
}

export function StatisticsPage({ initialQuery, onQuery }: Props) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState(initialQuery);
  const [draft, setDraft] = useState({ from: initialQuery.from, to: initialQuery.to });
  const [state, setState] = useState<PageState>({ kind: 'loading' });

  const load = useCallback(async (wanted: StatisticsQuery) => {
    setState({ kind: 'loading' });
    setState(await fetchStatistics(wanted));
  }, []);

  useEffect(() => {
    void load(query);
    onQuery?.(query);
  }, [load, onQuery, query]);

  useEffect(() => {
    document.title = t('officeStatistics.pageTitle');
    document.documentElement.lang = i18n.language;
  }, [t, i18n.language]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuery({ ...query, ...draft });
  };

  return (
    <main className="statistics">
      <header className="statistics-header">
        <h1>{t('officeStatistics.heading')}</h1>
        <p>{t('officeStatistics.siteLabel', { site: query.site })}</p>
        <label className="statistics-language">
          {t('officeStatistics.language')}{' '}
          <select
            value={i18n.language}
            onChange={(event) => void i18n.changeLanguage(event.target.value)}
          >
            {LANGUAGES.map((language) => (
              <option key={language} value={language} lang={language}>
                {LANGUAGE_NAMES[language]}
              </option>
            ))}
          </select>
        </label>
      </header>
      <form className="statistics-range" onSubmit={submit}>
        <fieldset>
          <legend>{t('officeStatistics.rangeLegend')}</legend>
          <label>
            {t('officeStatistics.from')}{' '}
            <input
              type="date"
              name="from"
              required
              value={draft.from}
              max={draft.to}
              onChange={(event) => setDraft({ ...draft, from: event.target.value })}
            />
          </label>
          <label>
            {t('officeStatistics.to')}{' '}
            <input
              type="date"
              name="to"
              required
              value={draft.to}
              min={draft.from}
              onChange={(event) => setDraft({ ...draft, to: event.target.value })}
            />
          </label>
          <button type="submit">{t('officeStatistics.show')}</button>
        </fieldset>
        <a
          className="statistics-download"
          href={`${STATISTICS_CSV}${statisticsSearch(query)}`}
          download
        >
          {t('officeStatistics.downloadCsv')}
        </a>
      </form>
      <div role="status" aria-live="polite" className="statistics-status">
        {state.kind === 'loading' && t('officeStatistics.loading')}
        {state.kind === 'failed' && t('officeStatistics.loadFailed', { reason: state.reason })}
        {state.kind === 'figures' &&
          state.statistics.total.tickets === 0 &&
          t('officeStatistics.noTickets')}
      </div>
      {state.kind === 'sign-in' && (
        <p className="statistics-sign-in" data-testid="sign-in">
          {t('officeStatistics.signInAsSupervisor')}{' '}
          <a href={SIGN_IN_PATH}>{t('officeStatistics.signInLink')}</a>
        </p>
      )}
      {state.kind === 'figures' && state.statistics.total.tickets > 0 && (
        <Figures statistics={state.statistics} />
      )}
    </main>
  );
}
