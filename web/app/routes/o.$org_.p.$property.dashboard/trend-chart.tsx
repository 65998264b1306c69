// A line chart of a dashboard series with uPlot (decision 026: canvas, ~20 KB gzip, fast with a
// year of days), drawn in the browser only; the table behind it (ChartTable) carries the same
// numbers for screen readers, for printing and without JavaScript. uPlot's legend follows the
// pointer or a touch and shows each series' value for that day: the chart's tooltip.
import { memo, useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import { formatMoney } from '../../utils/money.ts';
import { type ChartColumn, type ChartData, daySplits } from './chart-data.ts';

/** Series colours, in column order (distinct also for red-green colour blindness). */
const COLOURS = ['#0f5c5c', '#b45309', '#6b7280', '#1a56db', '#7c3aed'];
const DASHES: (number[] | undefined)[] = [undefined, [6, 4], [2, 3], undefined, undefined];

const COUNT = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

export function formatValue(value: number | null | undefined, unit: ChartColumn['unit'], currency: string): string {
  if (value === null || value === undefined) return '–';
  if (unit === 'percent') return `${(value * 100).toFixed(1)} %`;
  if (unit === 'money') return formatMoney(value, currency);
  return COUNT.format(value);
}

const DAY_LABEL = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

const secondsOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000;

// Memoised: pushed tiles re-render the page several times a second; a chart whose data did not
// change (the same object) is not drawn again.
export const TrendChart = memo(function TrendChart({
  chart,
  columns,
  currency,
}: {
  chart: ChartData;
  /** Keys of the columns to plot (one unit per chart). */
  columns: string[];
  currency: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const plotted = chart.columns.filter((column) => columns.includes(column.key));
  // The chart is built again only when its shape changes (days, series, currency); new values on
  // the same days (a pushed "today") are handed to the existing chart, which is far cheaper.
  const shape = JSON.stringify([chart.dates, plotted.map((column) => [column.key, column.label, column.unit])]);
  const data = [chart.dates.map(secondsOf), ...plotted.map((column) => column.values)] as uPlot.AlignedData;
  const dataRef = useRef(data);
  dataRef.current = data;
  const values = JSON.stringify(plotted.map((column) => column.values));

  // biome-ignore lint/correctness/useExhaustiveDependencies: the values' signature stands for the data drawn.
  useEffect(() => {
    plot.current?.setData(dataRef.current);
  }, [values]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the shape stands for the chart built.
  useEffect(() => {
    let cancelled = false;
    let resize: ResizeObserver | null = null;
    import('uplot').then(({ default: UPlot }) => {
      const element = box.current;
      if (cancelled || !element) return;
      const unit = plotted[0]?.unit ?? 'count';
      plot.current = new UPlot(
        {
          width: element.clientWidth || 600,
          height: 240,
          tzDate: (seconds) => UPlot.tzDate(new Date(seconds * 1000), 'UTC'),
          legend: { live: true },
          cursor: { drag: { x: false, y: false } },
          scales: { y: unit === 'percent' ? { range: [0, 1] } : { range: (_u, _min, max) => [0, Math.max(1, max)] } },
          axes: [
            {
              stroke: '#556070',
              grid: { stroke: '#e5e8ec' },
              // Ticks on the plotted days themselves (uPlot's own time ticks fall between days on
              // short periods and repeat a label), at most about one per 70 px.
              splits: (u) =>
                daySplits(u.data[0] as number[], Math.max(2, Math.floor(u.bbox.width / devicePixelRatio / 70))),
              // Days as a hotel writes them (6 Dec), whatever the browser's locale.
              values: (_u, splits) => splits.map((seconds) => DAY_LABEL.format(new Date(seconds * 1000))),
            },
            {
              stroke: '#556070',
              grid: { stroke: '#e5e8ec' },
              size: 64,
              values: (_u, splits) => splits.map((value) => formatValue(value, unit, currency)),
            },
          ],
          series: [
            {
              label: 'Day',
              value: (_u, seconds) => (seconds == null ? '–' : new Date(seconds * 1000).toISOString().slice(0, 10)),
            },
            ...plotted.map((column, index) => ({
              label: column.label,
              stroke: COLOURS[index % COLOURS.length],
              width: 2,
              dash: DASHES[index % DASHES.length],
              spanGaps: false,
              value: (_u: uPlot, value: number | null) => formatValue(value, column.unit, currency),
            })),
          ],
        },
        dataRef.current,
        element,
      );
      resize = new ResizeObserver(() => plot.current?.setSize({ width: element.clientWidth, height: 240 }));
      resize.observe(element);
    });
    return () => {
      cancelled = true;
      resize?.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [shape, currency]);

  return <div ref={box} className="trend-chart" aria-hidden="true" data-chart={chart.id} />;
});

/** The numbers behind a chart, as a table (every column, not only the plotted ones). */
export const ChartTable = memo(function ChartTable({
  chart,
  currency,
  caption,
}: {
  chart: ChartData;
  currency: string;
  caption: string;
}) {
  return (
    // Focusable, so the keyboard can scroll a long table (WCAG 2.1.1).
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard.
    <section className="chart-table-scroll" aria-label={caption} tabIndex={0}>
      <table className="table chart-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {chart.columns.map((column) => (
              <th key={column.key} scope="col" className="numeric">
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {chart.dates.map((date, index) => (
            <tr key={date}>
              <th scope="row">{date}</th>
              {chart.columns.map((column) => (
                <td key={column.key} className="numeric">
                  {formatValue(column.values[index], column.unit, currency)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
});
