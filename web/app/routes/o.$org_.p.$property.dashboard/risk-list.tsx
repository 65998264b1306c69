// The week's confirmed arrivals the no-show model ranks highest, with its reasons and its
// measured accuracy: the loader's, or the list read again after a push touched the week
// (use-live-tiles.ts), whichever is newer.
import { Link } from '@remix-run/react';
import { memo } from 'react';
import type { ArrivalRisk } from '../../data/kpis.server.ts';
import { formatDate } from '../../utils/calendar-dates.ts';
import { describeReason, parseReasons } from './risk-reasons.ts';
import { formatValue } from './trend-chart.tsx';
import { type LiveStore, useLiveRisks } from './use-live-tiles.ts';

/** The risk list of the page's load, or the one read since when it is newer (same day). */
export const LiveRiskList = memo(function LiveRiskList({
  store,
  loaded,
  day,
  loadedAt,
  base,
  currency,
}: {
  store: LiveStore;
  loaded: ArrivalRisk[];
  day: string;
  loadedAt: number;
  base: string;
  currency: string;
}) {
  const read = useLiveRisks(store);
  const risks = read && read.day === day && read.readAt > loadedAt ? read.risks : loaded;
  return <RiskList risks={risks} base={base} currency={currency} />;
});

const RiskList = memo(function RiskList({
  risks,
  base,
  currency,
}: {
  risks: ArrivalRisk[];
  /** The property's staff path, /o/:org/p/:property. */
  base: string;
  currency: string;
}) {
  return (
    <section className="section" aria-labelledby="risk-heading">
      <h2 id="risk-heading">Arrivals most at risk of not showing (next 7 days)</h2>
      {risks.length === 0 ? (
        <p className="empty-state">
          No scored arrivals this week. A no-show scoring job scores upcoming confirmed bookings.
        </p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Guest</th>
              <th scope="col">Arrives</th>
              <th scope="col">Room</th>
              <th scope="col" className="numeric">
                Risk
              </th>
            </tr>
          </thead>
          <tbody>
            {risks.map((risk) => (
              <tr key={risk.bookingId}>
                <td>
                  <Link to={`${base}/bookings/${risk.bookingId}`} className="table-link">
                    {risk.guestName ?? 'No guest yet'}
                  </Link>{' '}
                  <span className="cell-note">{risk.reference}</span>
                  {parseReasons(risk.reasons).length > 0 ? (
                    <span className="risk-reasons">
                      Why: {parseReasons(risk.reasons).map(describeReason).join(' · ')}
                    </span>
                  ) : null}
                </td>
                <td>{formatDate(risk.arrivalDate)}</td>
                <td>{risk.resourceName}</td>
                <td className="numeric">{formatValue(risk.risk, 'percent', currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {risks[0]?.heldOutAuc != null ? (
        <p className="muted">
          The model ranks a no-show above a guest who came {Math.round(risks[0].heldOutAuc * 100)} times in 100 on
          bookings it had not seen (AUC {risks[0].heldOutAuc.toFixed(2)}; 0.50 is a coin toss).
        </p>
      ) : null}
    </section>
  );
});
