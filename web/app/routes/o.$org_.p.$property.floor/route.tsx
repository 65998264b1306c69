// The restaurant floor: the property's tables as tiles with live states (free, reserved soon,
// seated, ordering) from today's bookings and open orders, a walk-in form (booked from now and
// seated at once), a reservation search and booking through search_table_availability and
// create_booking, seating a reservation that arrived, and noting that a table asked for the bill
// (request_bill; the tile turns "bill requested" on every device). A seated table opens the POS.
// Staff and up who work in the property.
import { type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import {
  checkIn,
  floorActivity,
  guestForReservation,
  listTables,
  reserveTable,
  searchTables,
  seatWalkIn,
} from '../../data/floor.server.ts';
import { requestBill } from '../../data/pos.server.ts';
import floorStyles from '../../styles/floor.css?url';
import { databaseFailure } from '../../utils/database-errors.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import { requireStaffProperty } from '../../utils/staff-access.server.ts';
import { BillSchema, ReserveSchema, SearchSchema, SeatSchema, WalkInSchema } from './floor.schema.ts';
import { FLOOR_ERRORS } from './floor-errors.server.ts';
import { FloorPlan } from './floor-plan.tsx';
import { tableSituation } from './table-states.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: floorStyles }];

/** The property's local date (YYYY-MM-DD) and time (HH:MM) now. */
function localNow(timeZone: string, now: Date) {
  const date = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    now,
  );
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(now);
  return { date, time };
}

export async function loader(args: LoaderFunctionArgs) {
  const { organization, property } = await requireStaffProperty(args);
  const supabase = args.context.supabase;
  const now = new Date();
  const today = localNow(property.time_zone, now);
  const tables = await listTables(supabase, property.id);
  const { bookings, orders } = await floorActivity(
    supabase,
    property.id,
    tables.map((table) => table.id),
    today.date,
  );

  // A reservation search, when the search form was sent (GET).
  const search = new URL(args.request.url).searchParams;
  let searchResult: {
    query: Record<string, string>;
    failure: FormFailure | null;
    tables: { id: string; name: string }[];
  } | null = null;
  if (search.has('date')) {
    const query = Object.fromEntries(search);
    const parsed = parseForm(SearchSchema, toForm(query));
    if (!parsed.ok) {
      searchResult = { query, failure: parsed.failure, tables: [] };
    } else {
      const found = await searchTables(supabase, property.id, {
        date: parsed.value.date,
        time: parsed.value.time,
        durationMinutes: parsed.value.duration_minutes,
        partySize: parsed.value.party_size,
      });
      const ids = new Set(found.offers.flatMap((offer) => offer.resourceIds));
      searchResult = {
        query,
        failure: found.error ? databaseFailure(found.error, FLOOR_ERRORS) : null,
        tables: tables.filter((table) => ids.has(table.id)).map(({ id, name }) => ({ id, name })),
      };
    }
  }

  return {
    base: `/o/${organization.slug}/p/${property.id}`,
    property: { id: property.id, name: property.name, timeZone: property.time_zone },
    today,
    tiles: tables.map((table) => ({ ...table, ...tableSituation(table.id, bookings, orders, now) })),
    searchResult,
    // A fresh key per page load: a double tap or a retry of the same form books once.
    idempotencyKey: crypto.randomUUID(),
  };
}

function toForm(query: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(query)) form.set(name, value);
  return form;
}

export async function action(args: ActionFunctionArgs) {
  const { organization, property } = await requireStaffProperty(args);
  const supabase = args.context.supabase;
  const form = await args.request.formData();
  const intent = String(form.get('intent'));
  const failed = (failure: FormFailure) => data({ intent, ...failure }, { status: 400 });
  const done = () => redirect(`/o/${organization.slug}/p/${property.id}/floor?saved=${intent}`);
  const today = localNow(property.time_zone, new Date());
  switch (intent) {
    case 'walk-in': {
      const parsed = parseForm(WalkInSchema, form);
      if (!parsed.ok) return failed(parsed.failure);
      const seated = await seatWalkIn(supabase, {
        resourceId: parsed.value.table_id,
        date: today.date,
        time: today.time,
        durationMinutes: parsed.value.duration_minutes,
        partySize: parsed.value.party_size,
        idempotencyKey: parsed.value.idempotency_key,
      });
      if (seated.error) return failed(databaseFailure(seated.error, FLOOR_ERRORS));
      throw done();
    }
    case 'reserve': {
      const parsed = parseForm(ReserveSchema, form);
      if (!parsed.ok) return failed(parsed.failure);
      const guest = await guestForReservation(supabase, organization.id, parsed.value.guest_name);
      if (guest.error) return failed(databaseFailure(guest.error, FLOOR_ERRORS));
      const booked = await reserveTable(supabase, {
        resourceId: parsed.value.table_id,
        guestId: guest.row.id,
        date: parsed.value.date,
        time: parsed.value.time,
        durationMinutes: parsed.value.duration_minutes,
        partySize: parsed.value.party_size,
        idempotencyKey: parsed.value.idempotency_key,
      });
      if (booked.error) return failed(databaseFailure(booked.error, FLOOR_ERRORS));
      throw done();
    }
    case 'seat': {
      const parsed = parseForm(SeatSchema, form);
      if (!parsed.ok) return failed(parsed.failure);
      const seated = await checkIn(supabase, parsed.value.booking_id);
      if (seated.error) return failed(databaseFailure(seated.error, FLOOR_ERRORS));
      throw done();
    }
    case 'request-bill': {
      const parsed = parseForm(BillSchema, form);
      if (!parsed.ok) return failed(parsed.failure);
      const noted = await requestBill(supabase, parsed.value.order_id);
      if (noted.error) return failed(databaseFailure(noted.error, FLOOR_ERRORS));
      throw done();
    }
    default:
      throw data({ message: 'Unknown form.' }, { status: 400 });
  }
}

export default function FloorScreen() {
  return <FloorPlan {...useLoaderData<typeof loader>()} />;
}
