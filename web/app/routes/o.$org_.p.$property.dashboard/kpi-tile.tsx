// A figure on the dashboard: a label, the value and a line of detail, in the page's definition list.
// Values are formatted as the charts and their tables format them (formatValue).
import { formatValue } from './trend-chart.tsx';

export function Tile({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="kpi-tile">
      <dt>{label}</dt>
      <dd>
        <span className="kpi-value">{value}</span>
        {detail ? <span className="kpi-detail">{detail}</span> : null}
      </dd>
    </div>
  );
}

export const percent = (value: number | null) => formatValue(value, 'percent', '');
/** Minor units in the currency, or a dash for none. */
export const moneyIn = (currency: string) => (minor: number | null) => formatValue(minor, 'money', currency);
export const minutes = (seconds: number | null) =>
  seconds === null ? '–' : `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
