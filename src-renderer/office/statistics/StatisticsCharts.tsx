/**
 * The page's charts (recharts). Each is hidden from assistive technology and marked as such: its
 * text alternative is the table that follows it with the same figures. Counts are labelled on the
 * bars, so the chart can be read without hovering.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  LabelList,
  Legend,
  Line,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';

/** Colours with at least 3:1 contrast on white, told apart by more than hue (legend, order). */
const COLOURS = {
  primary: '#1d4e89',
  secondary: '#b45309',
  good: '#2f6b2f',
  early: '#6b4fa1',
  bad: '#a4262c',
  neutral: '#4b5563',
} as const;

const HEIGHT = 280;

/** Room above the tallest bar for its label. */
const COUNT_DOMAIN: [number, (dataMax: number) => number] = [
  0,
  (dataMax) => Math.ceil(dataMax * 1.15) + 1,
];

function ChartFigure({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <figure className="statistics-chart" data-testid={id}>
      <figcaption>
        {title}
        <span className="statistics-chart-note"> {t('officeStatistics.chartAlternative')}</span>
      </figcaption>
      <div aria-hidden="true">
        <ResponsiveContainer width="100%" height={HEIGHT}>
          {children as React.ReactElement}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

export interface HourPoint {
  label: string;
  tickets: number;
  waitMedianMinutes: number | null;
}

/** A count per bar (labelled) and a median in minutes as a line on its own axis. */
function CountAndMinutesChart<Point extends { label: string }>(props: {
  id: string;
  title: string;
  points: readonly Point[];
  count: { key: Exclude<keyof Point, 'label'> & string; name: string };
  minutes: {
    key: Exclude<keyof Point, 'label'> & string;
    name: string;
    colour: string;
    connectNulls?: boolean;
  };
}) {
  // recharts types a data key against its own idea of the row: the keys are checked above.
  const countKey: string = props.count.key;
  const minutesKey: string = props.minutes.key;
  const { count, minutes } = props;
  return (
    <ChartFigure id={props.id} title={props.title}>
      <ComposedChart data={[...props.points]} accessibilityLayer={false}>
        <CartesianGrid stroke="#d1d5db" />
        <XAxis dataKey="label" />
        <YAxis yAxisId="count" allowDecimals={false} domain={COUNT_DOMAIN} />
        <YAxis yAxisId="minutes" orientation="right" />
        <Legend />
        <Bar
          yAxisId="count"
          dataKey={countKey}
          name={count.name}
          fill={COLOURS.primary}
          isAnimationActive={false}
        >
          <LabelList dataKey={countKey} position="top" />
        </Bar>
        <Line
          yAxisId="minutes"
          dataKey={minutesKey}
          name={minutes.name}
          stroke={minutes.colour}
          strokeWidth={3}
          isAnimationActive={false}
          connectNulls={minutes.connectNulls ?? false}
        />
      </ComposedChart>
    </ChartFigure>
  );
}

export function HourChart({ points }: { points: readonly HourPoint[] }) {
  const { t } = useTranslation();
  return (
    <CountAndMinutesChart
      id="chart-by-hour"
      title={t('officeStatistics.byHour.chart')}
      points={points}
      count={{ key: 'tickets', name: t('officeStatistics.columns.tickets') }}
      minutes={{
        key: 'waitMedianMinutes',
        name: t('officeStatistics.columns.waitMedian'),
        colour: COLOURS.secondary,
        connectNulls: true,
      }}
    />
  );
}

export interface ServicePoint {
  label: string;
  withAppointment: number;
  walkIn: number;
  onTime: number;
  early: number;
  late: number;
  noShows: number;
}

export function ServiceCharts({ points }: { points: readonly ServicePoint[] }) {
  const { t } = useTranslation();
  const bar = (key: keyof ServicePoint, colour: string, stackId?: string) => (
    <Bar
      dataKey={key}
      name={t(`officeStatistics.columns.${key}`)}
      fill={colour}
      isAnimationActive={false}
      {...(stackId ? { stackId } : {})}
    >
      <LabelList
        dataKey={key}
        position={stackId ? 'center' : 'top'}
        fill={stackId ? '#ffffff' : '#111827'}
      />
    </Bar>
  );
  return (
    <>
      <ChartFigure id="chart-by-service-kind" title={t('officeStatistics.byService.kindChart')}>
        <ComposedChart data={[...points]} accessibilityLayer={false}>
          <CartesianGrid stroke="#d1d5db" />
          <XAxis dataKey="label" />
          <YAxis allowDecimals={false} domain={COUNT_DOMAIN} />
          <Legend />
          {bar('withAppointment', COLOURS.primary, 'kind')}
          {bar('walkIn', COLOURS.secondary, 'kind')}
        </ComposedChart>
      </ChartFigure>
      <ChartFigure
        id="chart-by-service-punctuality"
        title={t('officeStatistics.byService.punctualityChart')}
      >
        <ComposedChart data={[...points]} accessibilityLayer={false}>
          <CartesianGrid stroke="#d1d5db" />
          <XAxis dataKey="label" />
          <YAxis allowDecimals={false} domain={COUNT_DOMAIN} />
          <Legend />
          {bar('onTime', COLOURS.good)}
          {bar('early', COLOURS.early)}
          {bar('late', COLOURS.secondary)}
          {bar('noShows', COLOURS.bad)}
        </ComposedChart>
      </ChartFigure>
    </>
  );
}

export interface DeskPoint {
  label: string;
  served: number;
  serviceMedianMinutes: number | null;
}

export function DeskChart({ points }: { points: readonly DeskPoint[] }) {
  const { t } = useTranslation();
  return (
    <CountAndMinutesChart
      id="chart-by-desk"
      title={t('officeStatistics.byDesk.chart')}
      points={points}
      count={{ key: 'served', name: t('officeStatistics.columns.served') }}
      minutes={{
        key: 'serviceMedianMinutes',
        name: t('officeStatistics.columns.serviceMedian'),
        colour: COLOURS.neutral,
      }}
    />
  );
}
