// What each dashboard chart plots, as plain columns shared by the chart, the table behind it and
// its CSV export, so the three never disagree.

export interface ChartColumn {
  key: string;
  label: string;
  /** 'percent' values are fractions (0.25 → 25 %); 'count' whole numbers; 'money' minor units. */
  unit: 'percent' | 'count' | 'money';
  values: (number | null)[];
}

export interface ChartData {
  id: string;
  title: string;
  /** YYYY-MM-DD, one per row. */
  dates: string[];
  columns: ChartColumn[];
}

/** RFC 4180 CSV: a header row, then one row per date; fractions and minor units as they are stored. */
export function chartCsv(chart: ChartData): string {
  const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  const header = ['date', ...chart.columns.map((column) => `${column.label} (${unitName(column.unit)})`)];
  const rows = chart.dates.map((date, index) => [
    date,
    ...chart.columns.map((column) => {
      const value = column.values[index];
      return value === null || value === undefined ? '' : String(value);
    }),
  ]);
  return `${[header, ...rows].map((row) => row.map(quote).join(',')).join('\r\n')}\r\n`;
}

function unitName(unit: ChartColumn['unit']): string {
  if (unit === 'percent') return 'fraction';
  if (unit === 'money') return 'minor units';
  return 'count';
}

/** Every k-th plotted day, k chosen so that at most `most` ticks are drawn. */
export function daySplits(days: readonly number[], most: number): number[] {
  const every = Math.max(1, Math.ceil(days.length / most));
  return days.filter((_day, index) => index % every === 0);
}
