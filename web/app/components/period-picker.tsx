// A dashboard's period: two date fields sent by GET (?from=&to=) and quick choices, the chosen one
// marked. Plain links and a plain form, so it works before the page's JavaScript has loaded.
import { Form, Link } from '@remix-run/react';

export interface PeriodChoice {
  label: string;
  from: string;
  to: string;
}

export function PeriodPicker({ from, to, choices }: { from: string; to: string; choices: PeriodChoice[] }) {
  return (
    <>
      <Form method="get" className="period-picker">
        <label>
          From <input type="date" name="from" defaultValue={from} required />
        </label>
        <label>
          To <input type="date" name="to" defaultValue={to} required />
        </label>
        <button type="submit" className="button">
          Show
        </button>
      </Form>
      <nav className="period-presets" aria-label="Quick periods">
        {choices.map((choice) => (
          <Link
            key={choice.label}
            to={`?${new URLSearchParams({ from: choice.from, to: choice.to })}`}
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
