/**
 * A uPlot chart in a figure: the canvas is drawing only (hidden from assistive technology); the
 * figure's caption and the table beside it carry the numbers. It follows its box's width.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  /** A colour of the kiosk's palette (kiosk.css). */
  colour: string;
}

export interface UPlotChartProps {
  /** The figure's caption: what the chart shows, in words. */
  caption: string;
  /** The screen's language, for the day labels. */
  language: string;
  /** The x values (hours 0–23, or days as seconds since the epoch) and one array per series. */
  x: number[];
  series: Array<ChartSeries & { values: number[] }>;
  /** Hours on a category axis as bars; days on a time axis as lines. */
  kind: 'hours' | 'days';
  testId: string;
}

const HEIGHT_PX = 240;

/** Days on the axis as the screen's language writes a day and month (`3/11`, `11/3`, `3.11.`). */
function dayLabels(language: string) {
  const format = new Intl.DateTimeFormat(language, {
    day: 'numeric',
    month: 'numeric',
    timeZone: 'UTC',
  });
  return (_u: uPlot, ticks: number[]) => ticks.map((seconds) => format.format(seconds * 1000));
}

function options(props: UPlotChartProps, width: number): uPlot.Options {
  const bars = props.kind === 'hours';
  return {
    width,
    height: HEIGHT_PX,
    // The legend is the figure's own (below), in HTML: the canvas carries no text anyone reads.
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: !bars }, y: { range: (_u, _min, max) => [0, Math.max(4, max)] } },
    axes: [
      {
        values: bars
          ? (_u, ticks) => ticks.map((hour) => String(hour).padStart(2, '0'))
          : dayLabels(props.language),
      },
      {
        values: (_u, ticks) => ticks.map((count) => (Number.isInteger(count) ? String(count) : '')),
      },
    ],
    series: [
      {},
      ...props.series.map((series) => ({
        label: series.label,
        stroke: series.colour,
        width: 2,
        points: { show: !bars },
        ...(bars ? { fill: series.colour, paths: uPlot.paths.bars?.({ size: [0.7, 40] }) } : {}),
      })),
    ],
  };
}

export function UPlotChart(props: UPlotChartProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const data: uPlot.AlignedData = [props.x, ...props.series.map((series) => series.values)];
    let chart: uPlot | null = null;
    try {
      chart = new uPlot(options(props, element.clientWidth || 600), data, element);
    } catch {
      // No canvas (a test DOM): the caption and the tables still say everything.
      return;
    }
    const resize = new ResizeObserver(() =>
      chart?.setSize({ width: element.clientWidth, height: HEIGHT_PX }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart?.destroy();
    };
  }, [props]);
  return (
    <figure className="statistics-chart" data-testid={props.testId}>
      <figcaption>{props.caption}</figcaption>
      <div ref={box} className="statistics-chart__plot" aria-hidden="true" />
      {props.series.length > 1 && (
        <ul className="statistics-chart__legend">
          {props.series.map((series) => (
            <li key={series.label}>
              <span
                className="statistics-chart__swatch"
                style={{ backgroundColor: series.colour }}
              />
              {series.label}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
