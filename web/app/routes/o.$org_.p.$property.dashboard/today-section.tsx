// Today's tiles, revenue by category and the kitchen's stations: the loader's figures, or the
// worker's newer pushed ones (decision 027). The only part of the page a push of today's figures
// redraws (it reads the live store itself; the page around it does not re-render).
import { memo } from 'react';
import { minutes, moneyIn, percent, Tile } from './kpi-tile.tsx';
import { newerTiles, type TodayTiles } from './live-tiles.ts';
import { type LiveStore, useLiveToday } from './use-live-tiles.ts';

export const TodaySection = memo(function TodaySection({
  store,
  loaded,
  hasRooms,
  hasTables,
  currency,
}: {
  store: LiveStore;
  /** The loader's figures of today. */
  loaded: TodayTiles;
  hasRooms: boolean;
  hasTables: boolean;
  currency: string;
}) {
  const { today: now, stations, openOrders } = newerTiles(loaded, useLiveToday(store));
  const money = moneyIn(currency);
  const revenueToday = now.roomRevenueMinor + now.foodRevenueMinor + now.beverageRevenueMinor + now.otherRevenueMinor;
  return (
    <>
      <section className="section" aria-labelledby="today-heading">
        <h2 id="today-heading">Today</h2>
        <dl className="kpi-tiles" data-testid="today-tiles">
          {hasRooms ? (
            <>
              <Tile
                label="Occupancy"
                value={percent(now.occupancy)}
                detail={`${now.roomsSold} of ${now.roomsAvailable} rooms sold${now.roomsOutOfOrder ? ` · ${now.roomsOutOfOrder} out of order` : ''}`}
              />
              <Tile label="ADR" value={money(now.adrMinor)} detail="Room revenue per room sold" />
              <Tile label="RevPAR" value={money(now.revparMinor)} detail="Room revenue per room available" />
              <Tile
                label="Arrivals"
                value={String(now.arrivals)}
                detail={now.noShows ? `${now.noShows} no-show` : undefined}
              />
              <Tile label="Departures" value={String(now.departures)} />
              <Tile label="In house" value={String(now.inHouse)} detail="Stays checked in tonight" />
            </>
          ) : null}
          {hasTables ? (
            <>
              <Tile label="Covers booked" value={String(now.coversBooked)} detail={`${now.coversSeated} seated`} />
              <Tile
                label="Open orders"
                value={String(Object.values(openOrders).reduce((sum, count) => sum + count, 0))}
                detail={`${openOrders.submitted ?? 0} sent · ${openOrders.preparing ?? 0} preparing · ${openOrders.ready ?? 0} ready · ${openOrders.served ?? 0} served`}
              />
            </>
          ) : null}
          <Tile label="Revenue so far" value={money(revenueToday)} detail="Net of taxes and discounts" />
        </dl>
        <table className="table revenue-table">
          <caption>Revenue today by category</caption>
          <thead>
            <tr>
              <th scope="col" className="numeric">
                Rooms
              </th>
              <th scope="col" className="numeric">
                Food
              </th>
              <th scope="col" className="numeric">
                Beverage
              </th>
              <th scope="col" className="numeric">
                Other
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td className="numeric">{money(now.roomRevenueMinor)}</td>
              <td className="numeric">{money(now.foodRevenueMinor)}</td>
              <td className="numeric">{money(now.beverageRevenueMinor)}</td>
              <td className="numeric">{money(now.otherRevenueMinor)}</td>
            </tr>
          </tbody>
        </table>
      </section>

      {stations.length > 0 ? (
        <section className="section" aria-labelledby="service-heading">
          <h2 id="service-heading">Kitchen and bar today</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Station</th>
                <th scope="col" className="numeric">
                  Tickets done
                </th>
                <th scope="col" className="numeric">
                  Average ticket time
                </th>
                <th scope="col" className="numeric">
                  Lines waiting now
                </th>
              </tr>
            </thead>
            <tbody>
              {stations.map((station) => (
                <tr key={station.id}>
                  <th scope="row">{station.name}</th>
                  <td className="numeric">{station.ticketsDone}</td>
                  <td className="numeric">{minutes(station.averageTicketSeconds)}</td>
                  <td className="numeric">{station.linesWaiting}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  );
});
