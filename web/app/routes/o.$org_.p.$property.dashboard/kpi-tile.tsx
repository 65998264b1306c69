// A figure on the dashboard: a label, the value and a line of detail, in the page's definition list.

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

export const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)} %`);
export const minutes = (seconds: number | null) =>
  seconds === null ? '–' : `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
