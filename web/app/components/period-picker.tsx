// A dashboard's period: two date fields sent by GET (?from=&to=) and quick choices, the chosen one
// marked, and (where the page compares) a "compare with last year" box. Plain links and a plain
// form, so it works before the page's JavaScript has loaded.
import { Form, Link } from '@remix-run/react';

export interface PeriodChoice {
  label: string;
  from: string;
  to: string;
}

export function PeriodPicker({
  from,
  to,
  choices,
  compare,
}: {
  from: string;
  to: string;
  choices: PeriodChoice[];
  /** Whether the page compares with the same weekdays last year; leave out where it cannot. */
  compare?: boolean;
}) {
  const comparing: Record<string, string> = compare === false ? { compare: '0' } : {};
  return (
    <>
      <Form method="get" className="period-picker">
        <label>
          From <input type="date" name="from" defaultValue={from} required />
        </label>
        <label>
          To <input type="date" name="to" defaultValue={to} required />
        </label>
        {compare === undefined ? null : (
          <label className="period-compare">
            {/* An unticked box sends nothing: the hidden 0 says "off", a ticked box's 1 wins. */}
            <input type="hidden" name="compare" value="0" />
            <input type="checkbox" name="compare" value="1" defaultChecked={compare} /> Compare with last year
          </label>
        )}
        <button type="submit" className="button">
          Show
        </button>
      </Form>
      <nav className="period-presets" aria-label="Quick periods">
        {choices.map((choice) => (
          <Link
            key={choice.label}
            to={`?${new URLSearchParams({ from: choice.from, to: choice.to, ...comparing })}`}
            className="button button-secondary"
            aria-current={choice.from === from && choice.to === to ? 'true' : undefined}
          >
            {choice.label}
          </Link>
        ))}
      </nav>
    </>
  );
}
