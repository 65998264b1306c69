// How the dashboard counts, in the words a hotel's revenue manager uses (the SQL in migration
// 20261206150600 is the authority; keep the two in step).
import { memo } from 'react';

export const Definitions = memo(function Definitions() {
  return (
    <details className="section definitions">
      <summary>How these figures are counted</summary>
      <dl>
        <dt>Day</dt>
        <dd>A calendar day in the property's time zone; a night belongs to the day it starts.</dd>
        <dt>Rooms available</dt>
        <dd>
          Active rooms minus rooms out of order that night (an out-of-service period overlapping check-in time to the
          next day's check-out time).
        </dd>
        <dt>Rooms sold</dt>
        <dd>
          Confirmed, checked-in and checked-out stays covering the night. Holds, cancellations and no-shows are not
          sold.
        </dd>
        <dt>Occupancy</dt>
        <dd>Rooms sold ÷ rooms available.</dd>
        <dt>Room revenue</dt>
        <dd>The nightly rates (and extra-guest charges) of the nights sold, net of taxes.</dd>
        <dt>ADR</dt>
        <dd>Average daily rate: room revenue ÷ rooms sold.</dd>
        <dt>RevPAR</dt>
        <dd>Revenue per available room: room revenue ÷ rooms available (equals occupancy × ADR).</dd>
        <dt>Covers</dt>
        <dd>Guests of table bookings on the day they start; seated once checked in.</dd>
        <dt>Pickup</dt>
        <dd>Bookings confirmed on a day; cancellations are confirmed bookings cancelled that day.</dd>
        <dt>Food, beverage, other</dt>
        <dd>
          Order lines sent that day, net of discounts and taxes, by the station that prepares them: kitchen, bar, or
          anything else.
        </dd>
        <dt>Ticket time</dt>
        <dd>From an order being sent to the last of its lines at a station being ready, for tickets finished today.</dd>
        <dt>Same weekday last year</dt>
        <dd>52 weeks earlier, so Saturdays compare with Saturdays.</dd>
      </dl>
    </details>
  );
});
