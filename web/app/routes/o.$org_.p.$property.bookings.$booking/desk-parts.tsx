// Pieces the booking screens share: a hold's countdown, a stored price breakdown, the live state.
import { useEffect, useState } from 'react';
import type { PriceBreakdown } from '../../data/booking-actions.server.ts';
import { daysBetween, formatDate } from '../../utils/calendar-dates.ts';
import { formatMoney } from '../../utils/money.ts';
import type { LiveState } from '../../utils/use-live-changes.ts';

/** Minutes and seconds until the hold expires (the database refuses to confirm after it). */
export function HoldCountdown({ expiresAt, timeZone }: { expiresAt: string; timeZone: string }) {
  const end = Date.parse(expiresAt);
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const until = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone }).format(end);
  if (now === null) return <p className="hold-countdown">Held until {until}.</p>;
  const left = Math.max(0, Math.round((end - now) / 1000));
  if (left === 0) {
    return (
      <p className="hold-countdown hold-expired" role="alert">
        This hold expired at {until}. Hold the room again.
      </p>
    );
  }
  const minutes = Math.floor(left / 60);
  const seconds = String(left % 60).padStart(2, '0');
  return (
    <p className="hold-countdown">
      Held until {until}: <strong data-testid="hold-left">{`${minutes}:${seconds}`}</strong> left
    </p>
  );
}

export function PriceTable({ breakdown, caption }: { breakdown: PriceBreakdown; caption: string }) {
  const money = (minor: number) => formatMoney(Number(minor), breakdown.currency);
  return (
    <table className="table price-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Night</th>
          <th scope="col" className="amount">
            Rate
          </th>
          <th scope="col" className="amount">
            Extra guests
          </th>
          <th scope="col" className="amount">
            Amount
          </th>
        </tr>
      </thead>
      <tbody>
        {breakdown.lines.map((line) => (
          <tr key={line.date}>
            <td>{formatDate(line.date)}</td>
            <td className="amount">{money(line.rate_minor)}</td>
            <td className="amount">{money(line.extra_guests_minor)}</td>
            <td className="amount">{money(line.amount_minor)}</td>
          </tr>
        ))}
        {breakdown.taxes.map((tax) => (
          <tr key={tax.id}>
            <td colSpan={3}>
              {tax.name}{' '}
              <span className="muted">
                {tax.basis === 'percentage'
                  ? `${(Number(tax.rate_bps) / 100).toLocaleString('en-GB')} %`
                  : `${money(Number(tax.amount_per_unit_minor))} per night`}
                {tax.inclusive ? ', included' : ''}
              </span>
            </td>
            <td className="amount">{tax.inclusive ? `(${money(tax.amount_minor)})` : money(tax.amount_minor)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={3}>
            Total
          </th>
          <td className="amount">
            <strong>{money(breakdown.total_minor)}</strong>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

const LIVE_TEXT: Record<LiveState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  offline: 'Offline: changes from other devices show after reconnecting',
};

export function LiveBadge({ state }: { state: LiveState }) {
  return (
    <p className={`live-badge live-${state}`} role="status">
      {LIVE_TEXT[state]}
    </p>
  );
}

/**
 * "Fri, 11 Dec 2026 – Sun, 13 Dec 2026 (2 nights)". Not Intl's formatRange: Node's and the
 * browser's ICU space its ranges differently, which would break hydration.
 */
export function stayDates(arrival: string, departure: string): string {
  const nights = daysBetween(arrival, departure);
  return `${formatDate(arrival)} – ${formatDate(departure)} (${nights} ${nights === 1 ? 'night' : 'nights'})`;
}
