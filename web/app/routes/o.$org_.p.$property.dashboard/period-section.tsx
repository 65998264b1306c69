// The chosen period: its totals against last year, the occupancy (or covers) chart against the
// forecast, and pickup. Pushed days' figures are folded into the period's rows (the charts and
// totals are built again only when one differs), and the charts' "today" points follow the pushed
// tiles; a push that moves neither does not redraw this part (decision 027).
import { memo, useMemo } from 'react';
import { PeriodPicker } from '../../components/period-picker.tsx';
import { formatDate, formatDateSpan } from '../../utils/calendar-dates.ts';
import type { loadDashboard } from './dashboard.server.ts';
import type { presets } from './dashboard-period.ts';
import { moneyIn, percent, Tile } from './kpi-tile.tsx';
import { foldDays, newerTiles, type TodayTiles, withDay } from './live-tiles.ts';
import { totalsOf, trendChart } from './period-charts.ts';
import { ChartTable, TrendChart } from './trend-chart.tsx';
import { type LiveStore, useLiveDays, useLiveValues } from './use-live-tiles.ts';

type Dashboard = Awaited<ReturnType<typeof loadDashboard>>;

/** The period's fields and choices change only with the loader: not redrawn for pushed tiles. */
const Period = memo(PeriodPicker);
const PICKUP_COLUMNS = ['made', 'cancelled'];

/** Today's points of the charts (compared value by value, see useLiveValues). */
const todayPoints = (tiles: TodayTiles) =>
  [
    tiles.day,
    tiles.today.occupancy,
    tiles.today.adrMinor,
    tiles.today.revparMinor,
    tiles.today.coversBooked,
    tiles.today.bookingsMade,
    tiles.today.cancellations,
  ] as const;

export const PeriodSection = memo(function PeriodSection({
  store,
  loaded,
  dashboard,
  choices,
  compare,
  currency,
  base,
}: {
  store: LiveStore;
  /** The loader's figures of today (its readAt is the load's). */
  loaded: TodayTiles;
  dashboard: Dashboard;
  choices: ReturnType<typeof presets>;
  compare: boolean;
  currency: string;
  /** The property's path (/o/:org/p/:property). */
  base: string;
}) {
  const { readAt } = loaded;
  const pushedDays = useLiveDays(store);
  const [day, occupancy, adr, revpar, booked, made, cancelled] = useLiveValues(store, (tiles) =>
    todayPoints(newerTiles(loaded, tiles)),
  );
  const days = useMemo(() => foldDays(dashboard.days, pushedDays, readAt), [dashboard.days, pushedDays, readAt]);
  const lastYearDays = useMemo(
    () => (dashboard.lastYearDays ? foldDays(dashboard.lastYearDays, pushedDays, readAt) : null),
    [dashboard.lastYearDays, pushedDays, readAt],
  );
  const folded = days !== dashboard.days || lastYearDays !== dashboard.lastYearDays;
  const period = useMemo(
    () =>
      folded
        ? {
            ...dashboard.period,
            totals: totalsOf(days),
            lastYear: lastYearDays ? totalsOf(lastYearDays) : null,
          }
        : dashboard.period,
    [folded, dashboard.period, days, lastYearDays],
  );
  const loadedTrend = useMemo(
    () => (folded ? trendChart(days, lastYearDays, dashboard.forecastByDay, dashboard.hasRooms) : dashboard.trend),
    [folded, days, lastYearDays, dashboard.forecastByDay, dashboard.hasRooms, dashboard.trend],
  );
  // The charts' points for today follow the pushed tiles.
  const trend = useMemo(
    () =>
      withDay(
        loadedTrend,
        day,
        dashboard.hasRooms
          ? { 'on-the-books': occupancy ?? null, adr: adr ?? null, revpar: revpar ?? null }
          : { booked: booked ?? null },
      ),
    [loadedTrend, dashboard.hasRooms, day, occupancy, adr, revpar, booked],
  );
  const pickup = useMemo(
    () => withDay(dashboard.pickup, day, { made: made ?? null, cancelled: cancelled ?? null }),
    [dashboard.pickup, day, made, cancelled],
  );
  const trendColumns = useMemo(
    () => [dashboard.hasRooms ? 'on-the-books' : 'booked', 'forecast', ...(compare ? ['last-year'] : [])],
    [dashboard.hasRooms, compare],
  );
  const { forecast } = dashboard;
  const money = moneyIn(currency);
  const comparing: Record<string, string> = compare ? {} : { compare: '0' };
  const csv = (chart: string) =>
    `${base}/dashboard.csv?${new URLSearchParams({ chart, from: period.from, to: period.to, ...comparing })}`;
  const lastYear = period.lastYear;

  return (
    <>
      <section className="section" aria-labelledby="period-heading">
        <div className="section-header">
          <h2 id="period-heading">{formatDateSpan(period.from, period.to)}</h2>
          <div className="period-controls">
            <Period from={period.from} to={period.to} choices={choices} compare={compare} />
          </div>
        </div>
        <dl className="kpi-tiles">
          {dashboard.hasRooms ? (
            <>
              <Tile
                label="Occupancy on the books"
                value={percent(period.totals.occupancy)}
                detail={`${period.totals.roomsSold} room nights${lastYear ? ` · last year ${percent(lastYear.occupancy)}` : ''}`}
              />
              <Tile
                label="ADR"
                value={money(period.totals.adrMinor)}
                detail={lastYear ? `Last year ${money(lastYear.adrMinor)}` : undefined}
              />
              <Tile
                label="RevPAR"
                value={money(period.totals.revparMinor)}
                detail={lastYear ? `Last year ${money(lastYear.revparMinor)}` : undefined}
              />
              <Tile
                label="Room revenue"
                value={money(period.totals.roomRevenueMinor)}
                detail={lastYear ? `Last year ${money(lastYear.roomRevenueMinor)}` : undefined}
              />
            </>
          ) : (
            <Tile
              label="Covers booked"
              value={String(period.totals.coversBooked)}
              detail={lastYear ? `Last year ${lastYear.coversBooked}` : undefined}
            />
          )}
          <Tile
            label="Food and beverage"
            value={money(period.totals.foodRevenueMinor + period.totals.beverageRevenueMinor)}
            detail={`Food ${money(period.totals.foodRevenueMinor)} · beverage ${money(period.totals.beverageRevenueMinor)}`}
          />
        </dl>
        <figure className="chart-figure">
          <figcaption>
            {trend.title}: on the books, the forecast{compare ? ' and the same weekdays last year' : ''}{' '}
            <a href={csv(trend.id)} className="table-link" download>
              Download CSV
            </a>
          </figcaption>
          <TrendChart chart={trend} columns={trendColumns} currency={currency} />
          <p className="muted chart-note">
            {forecast
              ? `Forecast ${forecast.modelVersion}, made ${formatDate(forecast.createdAt.slice(0, 10))}; backtest error ${percent(forecast.backtestMape)} (repeating last week: ${percent(forecast.baselineMape)}).`
              : 'No forecast yet: start one from the jobs page, and it appears here when the worker has finished.'}
          </p>
          <details>
            <summary>The numbers by day</summary>
            <ChartTable chart={trend} currency={currency} caption={`${trend.title} by day`} />
          </details>
        </figure>
      </section>

      <section className="section" aria-labelledby="pickup-heading">
        <h2 id="pickup-heading">Pickup in the last 30 days</h2>
        <figure className="chart-figure">
          <figcaption>
            Bookings made and cancelled per day{' '}
            <a href={csv(pickup.id)} className="table-link" download>
              Download CSV
            </a>
          </figcaption>
          <TrendChart chart={pickup} columns={PICKUP_COLUMNS} currency={currency} />
          <details>
            <summary>The numbers by day</summary>
            <ChartTable chart={pickup} currency={currency} caption="Pickup by day" />
          </details>
        </figure>
      </section>
    </>
  );
});
