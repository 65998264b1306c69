// The floor plan's page: the table tiles (free, reserved soon, seated, ordering, bill requested)
// and the two ways to give a table (walk-in, reservation).
import { Form, Link, useActionData, useNavigation } from '@remix-run/react';
import { CheckedForm, FormButton, NumberField, SavedNotice } from '../../components/checked-form.tsx';
import { FormError, SelectField, TextField } from '../../components/forms.tsx';
import type { FloorBooking, FloorTable } from '../../data/floor.server.ts';
import type { FormFailure } from '../../utils/forms.ts';
import { useLiveChanges } from '../../utils/use-live-changes.ts';
import { type PresentPerson, usePropertyPresence } from '../../utils/use-presence.ts';
import { WalkInSchema } from './floor.schema.ts';
import { STATE_LABELS, type TableSituation } from './table-states.ts';

type Tile = FloorTable & TableSituation<FloorBooking>;

interface Props {
  base: string;
  property: { id: string; name: string; timeZone: string };
  today: { date: string; time: string };
  tiles: Tile[];
  searchResult: {
    query: Record<string, string>;
    failure: FormFailure | null;
    tables: { id: string; name: string }[];
  } | null;
  idempotencyKey: string;
}

const LIVE_TABLES = ['bookings', 'orders'] as const;
const SEARCH_FIELDS = ['guest_name', 'date', 'time', 'party_size', 'duration_minutes'];
const LIVE_TEXT = { connecting: 'Connecting…', live: 'Live', offline: 'Offline — reconnecting' };

export function FloorPlan({ base, property, today, tiles, searchResult, idempotencyKey }: Props) {
  const live = useLiveChanges({ tables: LIVE_TABLES, propertyId: property.id });
  // Who has which table open at a POS right now (presence, decision 023).
  const present = usePropertyPresence(property.id);
  const atTable = (tableId: string) =>
    present.filter((person) => !person.isMe && person.screen === 'table' && person.id === tableId);
  const time = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: property.timeZone });
  const at = (instant: string) => time.format(new Date(instant));
  const counts = Object.fromEntries(
    (['free', 'reserved', 'seated', 'ordering', 'bill'] as const).map((state) => [
      state,
      tiles.filter((tile) => tile.state === state).length,
    ]),
  );
  return (
    <div className="floor">
      <div className="floor-head">
        <h1>Floor</h1>
        <p className="muted">
          {counts.free} free · {counts.reserved} reserved soon · {counts.seated} seated · {counts.ordering} ordering ·{' '}
          {counts.bill} bill requested
        </p>
        <span className={`floor-live floor-live-${live}`} role="status">
          {LIVE_TEXT[live]}
        </span>
      </div>
      <SavedNotice intent="walk-in" text="Walk-in seated." />
      <SavedNotice intent="reserve" text="Table reserved." />
      <SavedNotice intent="seat" text="Reservation seated." />
      <SavedNotice intent="request-bill" text="Bill request noted: the POS shows it on the check." />
      <BillFailure />
      <div className="floor-layout">
        <section aria-label="Tables">
          {tiles.length === 0 ? (
            <p className="empty-state">
              This property has no tables yet. A manager adds them under Properties: a resource type of kind “table”,
              then its tables.
            </p>
          ) : (
            <ul className="floor-tiles">
              {tiles.map((tile) => (
                <li key={tile.id} className="floor-tile-cell">
                  <TableTile tile={tile} base={base} at={at} people={atTable(tile.id)} />
                  {tile.state === 'ordering' && tile.orderId ? (
                    <Form method="post" preventScrollReset>
                      <input type="hidden" name="intent" value="request-bill" />
                      <input type="hidden" name="order_id" value={tile.orderId} />
                      <button type="submit" className="button button-small floor-bill-button">
                        Bill requested<span className="visually-hidden"> at {tile.name}</span>
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
        <aside className="floor-side">
          <WalkInForm tiles={tiles} idempotencyKey={idempotencyKey} />
          <ReservationSearch today={today} result={searchResult} idempotencyKey={idempotencyKey} />
        </aside>
      </div>
    </div>
  );
}

/** A refused bill request (the check closed meanwhile), said once above the tiles. */
function BillFailure() {
  const failure = useActionData<FormFailure & { intent: string }>();
  if (failure?.intent !== 'request-bill') return null;
  return <FormError message={failure.formError ?? 'The bill request was refused.'} />;
}

function TableTile({
  tile,
  base,
  at,
  people,
}: {
  tile: Tile;
  base: string;
  at: (instant: string) => string;
  people: PresentPerson[];
}) {
  const seats = tile.minGuests === tile.maxGuests ? `${tile.maxGuests}` : `${tile.minGuests}–${tile.maxGuests}`;
  const body = (
    <>
      <span className="floor-tile-name">{tile.name}</span>
      <span className="floor-tile-state">{STATE_LABELS[tile.state]}</span>
      <span className="floor-tile-detail">
        {tile.booking
          ? `${tile.booking.guestName ?? 'Walk-in'} · ${tile.booking.partySize} guests · ${at(tile.booking.startsAt)}`
          : tile.next
            ? `Next: ${at(tile.next.startsAt)} · ${tile.next.partySize} guests`
            : `Seats ${seats}`}
      </span>
      {tile.state === 'ordering' && tile.orderStatus ? (
        <span className="floor-tile-detail">Order {tile.orderStatus}</span>
      ) : null}
      {tile.state === 'bill' ? <span className="floor-tile-detail">Take the payment on the POS</span> : null}
      {people.length > 0 ? (
        <span className="floor-tile-presence" data-testid="table-presence">
          At the POS: {[...new Set(people.map((person) => person.name))].join(', ')}
        </span>
      ) : null}
    </>
  );
  const className = `floor-tile floor-${tile.state}`;
  if (tile.state === 'seated' || tile.state === 'ordering' || tile.state === 'bill') {
    return (
      <Link className={className} to={`${base}/pos?table=${tile.id}`}>
        {body}
        <span className="floor-tile-open">Open POS</span>
      </Link>
    );
  }
  return (
    <article className={className} aria-label={`${tile.name}: ${STATE_LABELS[tile.state]}`}>
      {body}
      {tile.state === 'reserved' && tile.booking ? (
        <Form method="post" preventScrollReset>
          <input type="hidden" name="intent" value="seat" />
          <input type="hidden" name="booking_id" value={tile.booking.id} />
          <button type="submit" className="button button-small floor-seat">
            Seat now<span className="visually-hidden"> at {tile.name}</span>
          </button>
        </Form>
      ) : null}
    </article>
  );
}

function WalkInForm({ tiles, idempotencyKey }: { tiles: Tile[]; idempotencyKey: string }) {
  const free = tiles.filter((tile) => tile.state === 'free' || tile.state === 'reserved');
  return (
    <CheckedForm intent="walk-in" schema={WalkInSchema} formKey={idempotencyKey} label="Seat a walk-in">
      {(errors) => (
        <>
          <h2>Walk-in</h2>
          <FormError message={errors?.formError} />
          {free.length === 0 ? <p className="muted">Every table is taken right now.</p> : null}
          <SelectField label="Table" name="table_id" errors={errors?.fieldErrors.table_id} defaultValue="">
            <option value="" disabled>
              Choose a table
            </option>
            {free.map((tile) => (
              <option key={tile.id} value={tile.id}>
                {tile.name} (seats {tile.maxGuests}){tile.state === 'reserved' ? ' — reserved soon' : ''}
              </option>
            ))}
          </SelectField>
          <div className="field-row field-row-2">
            <NumberField label="Guests" name="party_size" value={2} errors={errors?.fieldErrors.party_size} />
            <NumberField
              label="Minutes"
              name="duration_minutes"
              value={90}
              errors={errors?.fieldErrors.duration_minutes}
            />
          </div>
          <input type="hidden" name="idempotency_key" value={`walk-in:${idempotencyKey}`} />
          <FormButton label="Seat walk-in" />
        </>
      )}
    </CheckedForm>
  );
}

function ReservationSearch({
  today,
  result,
  idempotencyKey,
}: {
  today: Props['today'];
  result: Props['searchResult'];
  idempotencyKey: string;
}) {
  const failure = useActionData<FormFailure & { intent: string }>();
  const reserveFailure = failure?.intent === 'reserve' ? failure : null;
  const navigation = useNavigation();
  const query = result?.query ?? {};
  const errors = result?.failure?.fieldErrors;
  return (
    <div className="form-panel">
      <h2>Reservation</h2>
      <Form method="get" preventScrollReset aria-label="Find a table" key={JSON.stringify(query)}>
        <TextField label="Name" name="guest_name" defaultValue={query.guest_name ?? ''} errors={errors?.guest_name} />
        <div className="field-row field-row-2">
          <TextField
            label="Date"
            name="date"
            type="date"
            defaultValue={query.date ?? today.date}
            errors={errors?.date}
          />
          <TextField label="Time" name="time" type="time" defaultValue={query.time ?? '19:30'} errors={errors?.time} />
        </div>
        <div className="field-row field-row-2">
          <TextField
            label="Guests"
            name="party_size"
            inputMode="numeric"
            defaultValue={query.party_size ?? '2'}
            errors={errors?.party_size}
          />
          <TextField
            label="Minutes"
            name="duration_minutes"
            inputMode="numeric"
            defaultValue={query.duration_minutes ?? '90'}
            errors={errors?.duration_minutes}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button" aria-busy={navigation.state === 'loading' || undefined}>
            Find tables
          </button>
        </div>
      </Form>
      {result && !result.failure ? (
        result.tables.length ? (
          <div className="floor-offers">
            <h3>Free at {query.time}</h3>
            <FormError message={reserveFailure?.formError ?? reserveFailure?.fieldErrors.table_id?.[0]} />
            <ul>
              {result.tables.map((table) => (
                <li key={table.id}>
                  <Form method="post" preventScrollReset>
                    <input type="hidden" name="intent" value="reserve" />
                    {Object.entries(query)
                      .filter(([name]) => SEARCH_FIELDS.includes(name))
                      .map(([name, value]) => (
                        <input key={name} type="hidden" name={name} value={value} />
                      ))}
                    <input type="hidden" name="table_id" value={table.id} />
                    <input type="hidden" name="idempotency_key" value={`reserve:${idempotencyKey}:${table.id}`} />
                    <button type="submit" className="button button-primary">
                      Reserve {table.name}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="muted">No table is free then for this party. Try another time.</p>
        )
      ) : null}
      {result?.failure?.formError ? <FormError message={result.failure.formError} /> : null}
    </div>
  );
}
