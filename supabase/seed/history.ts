// A year of demo history for Harbour Hotels (set up by supabase/seed.sql): guests, stays in the
// 40-room hotel with seasonality, weekday patterns, deposits, cancellations and no-shows (driven by lead
// time, channel, deposit, party size, stay length and the guest's record, see noShowChance), and dinner orders
// at the 20-table restaurant. Deterministic (a fixed seed), so every installation sees the same
// numbers, and set-based, so it loads in seconds. Dashboards and the forecasting models read it.
import type { TransactionSql } from 'postgres';
import { loadDemoHousekeeping } from './housekeeping.ts';

export const HISTORY_SEED = 20261122;
/**
 * A second stream for the no-show drivers (deposits, guests' reliability): the main stream draws what it drew
 * before, so the stays, guests and orders are the ones the history always had.
 */
const DRIVERS_SEED = HISTORY_SEED + 1;
/**
 * The day benchmarks build the history up to (and their loaders read it as "today"): the demo data
 * of `npm start` follows the calendar, but a benchmark's numbers must not change with the day it
 * runs (the hotel's forecast ratio moved from 0.746 to 0.819 between two days).
 */
export const BENCH_HISTORY_TODAY = '2026-11-22';
const ORGANIZATION = 'b0000000-0000-4000-8000-000000000001';
const HOTEL = 'c0000000-0000-4000-8000-000000000001';
const RESTAURANT = 'c0000000-0000-4000-8000-000000000002';
const DAYS_BACK = 365;
const DAYS_AHEAD = 90;

/** mulberry32: a small, well-distributed PRNG; the same seed gives the same history. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Ana',
  'João',
  'Maria',
  'Pedro',
  'Sofia',
  'Liam',
  'Emma',
  'Noah',
  'Mia',
  'Lukas',
  'Léa',
  'Hugo',
  'Chloé',
  'Mateo',
  'Lucía',
  'Oliver',
  'Amelia',
  'Jonas',
  'Ingrid',
  'Kenji',
];
const LAST = [
  'Silva',
  'Santos',
  'Ferreira',
  'Costa',
  'Smith',
  'Brown',
  'Müller',
  'Schmidt',
  'Martin',
  'Bernard',
  'García',
  'López',
  'Rossi',
  'Jensen',
  'Nilsson',
  'Tanaka',
  'Murphy',
  'Dubois',
  'Novak',
  'Kowalski',
];
const LANGUAGES = ['en', 'pt', 'de', 'fr', 'es'];

/** Occupancy pull of a day: high in August, low in January, higher at weekends. */
function demand(day: Date): number {
  const month = day.getUTCMonth();
  const season = 0.55 + 0.3 * Math.cos(((month - 7) / 12) * 2 * Math.PI);
  const weekday = day.getUTCDay();
  return Math.min(0.95, season + (weekday === 5 || weekday === 6 ? 0.15 : 0));
}

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

const isoDate = (day: Date) => day.toISOString().slice(0, 10);
const addDays = (day: Date, days: number) => new Date(day.getTime() + days * 86_400_000);

interface Stay {
  resourceId: string;
  arrival: string;
  nights: number;
  party: number;
  status: string;
  guest: number;
  source: 'staff' | 'widget' | 'api';
  leadDays: number;
  /** A deposit (the first night) paid on the booking's folio when it was made; always before arrival. */
  deposit: boolean;
  /** The uniform draw that decides the outcome, drawn where the main stream always drew the status. */
  roll: number;
}

async function insertGuests(tx: TransactionSql, next: () => number, count: number): Promise<string[]> {
  const names = Array.from({ length: count }, (_, i) =>
    `${pick(next, FIRST)} ${pick(next, LAST)}`.concat(i % 7 === 0 ? ' Jr' : ''),
  );
  const emails = names.map(
    (name, i) =>
      `${name
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z ]/g, '')
        .replace(/ /g, '.')}.${i}@guest.example`,
  );
  const languages = names.map(() => pick(next, LANGUAGES));
  const consent = names.map(() => String(next() < 0.3));
  const rows = await tx<{ id: string }[]>`
    insert into public.guests (organization_id, full_name, email, language, marketing_consent, marketing_consent_at)
    select ${ORGANIZATION}, g.name, g.email, g.language, g.consent::boolean, case when g.consent::boolean then now() end
    from unnest(${names}::text[], ${emails}::text[], ${languages}::text[], ${consent}::text[]) as g(name, email, language, consent)
    returning id`;
  return rows.map((row) => row.id);
}

// Why guests do not come. The directions follow the published hotel studies of cancellations and no-shows,
// chiefly Antonio, Almeida & Nunes, "Predicting hotel booking cancellations to decrease uncertainty and
// increase revenue" (Tourism & Management Studies, 2017) and "Hotel booking demand datasets" (Data in Brief,
// 2019): lead time is among the strongest drivers; bookings through online travel agencies (our `api`) fail
// far more often than direct ones, the hotel's own website (`widget`) in between, the desk or the phone
// (`staff`) least; a guest's earlier cancellations predict the next ones and repeat guests are the reliable
// ones; a deposit (a guarantee) lowers the risk, as revenue managers count on (in those data sets the
// "non refund" deposit type shows the opposite, widely read as an artefact of that data rather than of guests'
// behaviour; we do not copy it); stay length and party size matter little and not consistently across studies,
// so they get small weights. The sizes are ours, chosen so the rates stay realistic: on the benchmarks' fixed
// day 5.1 % of the past stays that were not cancelled are no-shows and 7.7 % of past bookings are cancelled.
const logistic = (logit: number) => 1 / (1 + Math.exp(-logit));
const CHANNEL_NO_SHOW = { staff: 0, widget: 0.5, api: 1.2 } as const;
const CHANNEL_CANCEL = { staff: 0, widget: 0.3, api: 0.8 } as const;
const CHANNEL_DEPOSIT = { staff: -0.3, widget: 0.9, api: -1.2 } as const;

/** Chance that a deposit is taken: most often on the hotel's own website, rarely on OTA bookings. */
function depositChance(stay: Pick<Stay, 'source' | 'leadDays'>): number {
  return logistic(-1.6 + CHANNEL_DEPOSIT[stay.source] + 0.25 * Math.log1p(stay.leadDays));
}

/** Chance that a booking is cancelled before arrival. */
function cancelChance(stay: Stay): number {
  return logistic(-4.0 + 0.5 * Math.log1p(stay.leadDays) + CHANNEL_CANCEL[stay.source] - 1.0 * Number(stay.deposit));
}

/** Chance that a booking that was not cancelled is a no-show, given what the guest did before. */
function noShowChance(stay: Stay, guest: { unreliable: boolean; noShows: number; stays: number }): number {
  return logistic(
    -4.6 +
      0.55 * Math.log1p(stay.leadDays) + // booked months ahead: plans change
      CHANNEL_NO_SHOW[stay.source] +
      -1.6 * Number(stay.deposit) + // money down: they come, or at least tell us
      -0.25 * (stay.party - 1) + // a family or a couple is less likely to vanish than one traveller
      0.15 * Math.log1p(stay.nights) +
      1.0 * Math.min(guest.noShows, 2) + // did it before
      -0.3 * Math.min(guest.stays, 3) + // a regular who comes back
      1.5 * Number(guest.unreliable), // the trait behind both (one guest in ten), seen only through the record
  );
}

/**
 * A quarter of the stays come from the first tenth of the guests (the regulars, several stays a year each),
 * the rest from everybody else, so the guests' earlier records (stays, no-shows) carry signal.
 */
function guestOf(draw: number, guests: number): number {
  const regulars = Math.floor(guests / 10);
  return draw < 0.25
    ? Math.floor((draw / 0.25) * regulars)
    : regulars + Math.floor(((draw - 0.25) / 0.75) * (guests - regulars));
}

/**
 * The year of stays, room by room. `next` is the main stream (it also draws the guests and the orders,
 * so what it draws here keeps its order); `drivers` draws the deposits and the guests' reliability.
 * Outcomes are decided in arrival order, so a guest's earlier no-shows are known when the next stay is.
 */
export function planStays(
  next: () => number,
  drivers: () => number,
  rooms: { id: string; maxGuests: number }[],
  today: Date,
  guests: number,
): Stay[] {
  const stays: Stay[] = [];
  for (const room of rooms) {
    let day = addDays(today, -DAYS_BACK);
    const end = addDays(today, DAYS_AHEAD);
    while (day < end) {
      if (next() >= demand(day) * 0.55) {
        day = addDays(day, 1);
        continue;
      }
      const weekendStart = day.getUTCDay() === 5;
      const nights = weekendStart ? 1 + Math.floor(next() * 2) : 1 + Math.floor(next() * next() * 7);
      const roll = next();
      stays.push({
        resourceId: room.id,
        arrival: isoDate(day),
        nights,
        party: 1 + Math.floor(next() * room.maxGuests),
        status: '',
        guest: guestOf(next(), guests),
        source: next() < 0.5 ? 'widget' : next() < 0.8 ? 'staff' : 'api',
        leadDays: Math.floor(next() * next() * 90),
        deposit: false,
        roll,
      });
      day = addDays(day, nights);
    }
  }
  const unreliable = Array.from({ length: guests }, () => drivers() < 0.1);
  const record = new Map<number, { noShows: number; stays: number }>();
  const todayIso = isoDate(today);
  const chronological = stays
    .map((stay, index) => ({ stay, index }))
    .sort((a, b) => a.stay.arrival.localeCompare(b.stay.arrival) || a.index - b.index);
  for (const { stay } of chronological) {
    // A deposit is paid when the booking is made, so only a booking made before its arrival day shows one.
    stay.deposit = stay.leadDays >= 1 && drivers() < depositChance(stay);
    const departure = isoDate(addDays(new Date(`${stay.arrival}T00:00:00Z`), stay.nights));
    const past = record.get(stay.guest) ?? { noShows: 0, stays: 0 };
    const cancel = cancelChance(stay);
    if (departure <= todayIso) {
      const noShow = noShowChance(stay, { ...past, unreliable: unreliable[stay.guest] === true });
      stay.status =
        stay.roll < cancel ? 'cancelled' : stay.roll < cancel + (1 - cancel) * noShow ? 'no_show' : 'checked_out';
    } else if (stay.arrival <= todayIso) stay.status = 'checked_in';
    // Upcoming stays: some of those that will be cancelled already are.
    else stay.status = stay.roll < 0.7 * cancel ? 'cancelled' : 'confirmed';
    if (stay.status === 'no_show') record.set(stay.guest, { ...past, noShows: past.noShows + 1 });
    if (stay.status === 'checked_out') record.set(stay.guest, { ...past, stays: past.stays + 1 });
  }
  return stays;
}

async function insertStays(tx: TransactionSql, stays: Stay[], guestIds: string[]): Promise<number> {
  // Every column travels as text[] (postgres.js types a parameter by its first element).
  const column = <K extends keyof Stay>(key: K) => stays.map((stay) => String(stay[key]));
  const inserted = await tx<{ id: string; resourceId: string; arrival: string }[]>`
    insert into public.bookings (organization_id, property_id, resource_id, guest_id, rate_plan_id, status, period,
      blocked_period, arrival_date, departure_date, party_size, currency, total_minor, price_breakdown, source,
      confirmed_at, checked_in_at, checked_out_at, cancelled_at, cancellation_fee_minor, created_at)
    select ${ORGANIZATION}, ${HOTEL}, s.resource_id, s.guest_id, rp.id, s.status::public.booking_status,
      tstzrange((s.arrival + ps.check_in_time) at time zone p.time_zone, (s.departure + ps.check_out_time) at time zone p.time_zone),
      tstzrange((s.arrival + ps.check_in_time) at time zone p.time_zone, (s.departure + ps.check_out_time) at time zone p.time_zone),
      s.arrival, s.departure, s.party, 'EUR', (q.quote ->> 'total_minor')::bigint, q.quote, s.source::public.booking_source,
      s.created, case when s.status in ('checked_in', 'checked_out') then (s.arrival + ps.check_in_time) at time zone p.time_zone end,
      case when s.status = 'checked_out' then (s.departure + time '10:30') at time zone p.time_zone end,
      case when s.status = 'cancelled' then least(s.created + (s.arrival - s.created::date) * interval '12 hours', now()) end,
      case when s.status = 'cancelled' then 0 end,
      s.created
    from unnest(${column('resourceId')}::text[], ${column('arrival')}::text[], ${column('nights')}::text[],
                ${column('party')}::text[], ${column('status')}::text[], ${stays.map((s) => guestIds[s.guest] as string)}::text[],
                ${column('source')}::text[], ${column('leadDays')}::text[])
      as u(resource_id, arrival, nights, party, status, guest_id, source, lead_days)
    cross join lateral (
      select u.resource_id::uuid as resource_id, u.arrival::date as arrival, u.nights::int as nights, u.party::int as party,
        u.status, u.guest_id::uuid as guest_id, u.source, u.arrival::date + u.nights::int as departure,
        least((u.arrival::date - u.lead_days::int)::timestamp at time zone 'Europe/Lisbon' + interval '10 hours', now()) as created
    ) as s
    join public.properties p on p.id = ${HOTEL}
    join public.property_settings ps on ps.property_id = p.id
    join public.resources r on r.id = s.resource_id
    join public.rate_plans rp on rp.resource_type_id = r.resource_type_id
    cross join lateral (
      select private.quote(rp, 'room', 'night',
        array(select s.arrival + d from generate_series(0, s.nights - 1) as d), s.party) as quote
    ) as q
    returning id, resource_id::text as "resourceId", arrival_date::text as arrival`;
  // A room has one stay per arrival day in the plan, so (room, arrival) finds each stay's booking.
  const bookingOf = new Map(inserted.map((row) => [`${row.resourceId} ${row.arrival}`, row.id]));
  await insertDeposits(
    tx,
    stays.filter((stay) => stay.deposit).map((stay) => bookingOf.get(`${stay.resourceId} ${stay.arrival}`) as string),
  );
  return inserted.length;
}

/**
 * Deposits as a tenant's staff would record them: the booking's folio with a card payment of the first
 * night, taken when the booking was made; a cancelled booking's deposit is refunded when it is cancelled.
 * The no-show model sees a deposit as money on the folio before the arrival day.
 */
async function insertDeposits(tx: TransactionSql, bookingIds: string[]): Promise<void> {
  if (!bookingIds.length) return;
  const folios = await tx<{ id: string }[]>`
    insert into public.folios (organization_id, property_id, kind, booking_id, guest_id, currency, created_at)
    select b.organization_id, b.property_id, 'booking'::public.folio_kind, b.id, b.guest_id, b.currency, b.created_at
    from unnest(${bookingIds}::uuid[]) as d(booking_id) join public.bookings b on b.id = d.booking_id
    returning id`;
  await tx`
    insert into public.folio_entries (organization_id, property_id, folio_id, kind, amount_minor, currency, description,
      payment_method, created_at)
    select f.organization_id, f.property_id, f.id, m.kind::public.folio_entry_kind, m.sign * deposit.amount, f.currency,
      m.description, 'card'::public.payment_method, m.at
    from unnest(${folios.map((folio) => folio.id)}::uuid[]) as u(id)
    join public.folios f on f.id = u.id
    join public.bookings b on b.id = f.booking_id
    cross join lateral (select (b.price_breakdown -> 'lines' -> 0 ->> 'amount_minor')::bigint as amount) as deposit
    cross join lateral (values ('payment', -1, 'Deposit (card)', b.created_at), ('refund', 1, 'Deposit refunded (card)', b.cancelled_at))
      as m(kind, sign, description, at)
    where m.at is not null
    order by m.at`;
}

interface MenuItem {
  id: string;
  name: string;
  category: string;
  price: number;
  tax: number;
  station: string;
}

/** Dinner service: covers by season and weekday, two to five lines an order, all closed. */
async function insertOrders(tx: TransactionSql, next: () => number, today: Date): Promise<number> {
  const menu = await tx<MenuItem[]>`
    select i.id, i.name, c.name as category, i.price_minor::int as price, i.tax_rate_bp as tax, r.station_id as station
    from public.catalogue_items i
    join public.catalogue_categories c on c.id = i.category_id
    join public.station_routes r on r.category_id = c.id and r.property_id = ${RESTAURANT}
    where i.organization_id = ${ORGANIZATION} order by i.name`;
  const tables = (
    await tx<{ id: string }[]>`
    select r.id from public.resources r where r.property_id = ${RESTAURANT} order by r.name`
  ).map((t) => t.id);
  const byCategory = (category: string) => menu.filter((item) => item.category === category);
  const orders: { table: string; at: string; lines: MenuItem[] }[] = [];
  for (let back = DAYS_BACK; back >= 1; back--) {
    const day = addDays(today, -back);
    const count = Math.round(demand(day) * 24 * (0.8 + next() * 0.4));
    for (let n = 0; n < count; n++) {
      const lines = [pick(next, byCategory('Mains')), pick(next, byCategory('Drinks'))];
      if (next() < 0.5) lines.push(pick(next, byCategory('Starters')));
      if (next() < 0.4) lines.push(pick(next, byCategory('Desserts')));
      const minutes = 19 * 60 + Math.floor(next() * 180);
      orders.push({
        table: pick(next, tables),
        at: `${isoDate(day)} ${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`,
        lines,
      });
    }
  }
  const ids = await tx<{ id: string }[]>`
    insert into public.orders (organization_id, property_id, kind, table_resource_id, status, currency, service_charge_bp,
      prices_include_tax, submitted_at, closed_at, created_at)
    select ${ORGANIZATION}, ${RESTAURANT}, 'table', o.table_id, 'closed', 'EUR', 0, true,
      o.at at time zone 'Europe/Lisbon', o.at at time zone 'Europe/Lisbon' + interval '75 minutes', o.at at time zone 'Europe/Lisbon'
    from unnest(${orders.map((o) => o.table)}::text[], ${orders.map((o) => o.at)}::text[]) with ordinality as u(table_id, at, n)
    cross join lateral (select u.table_id::uuid as table_id, u.at::timestamp as at, u.n) as o
    order by o.n
    returning id`;
  const lines = orders.flatMap((order, i) => order.lines.map((item) => ({ order: ids[i]?.id as string, item })));
  // Totals once per order rather than once per line: the per-line trigger is off for this bulk
  // insert only (inside the seed's transaction), then each order is recomputed by the same function.
  await tx`alter table public.order_items disable trigger order_items_recompute_order`;
  await tx`
    insert into public.order_items (organization_id, property_id, order_id, item_id, station_id, item_name,
      unit_price_minor, quantity, tax_rate_bp, prices_include_tax, status)
    select ${ORGANIZATION}, ${RESTAURANT}, l.order_id::uuid, l.item_id::uuid, l.station_id::uuid, l.name,
      l.price::bigint, 1, l.tax::int, true, 'served'
    from unnest(${lines.map((l) => l.order)}::text[], ${lines.map((l) => l.item.id)}::text[],
                ${lines.map((l) => l.item.station)}::text[], ${lines.map((l) => l.item.name)}::text[],
                ${lines.map((l) => String(l.item.price))}::text[], ${lines.map((l) => String(l.item.tax))}::text[])
      as l(order_id, item_id, station_id, name, price, tax)`;
  await tx`alter table public.order_items enable trigger order_items_recompute_order`;
  await tx`select private.recompute_order(o.id::uuid) from unnest(${ids.map((row) => row.id)}::text[]) as o(id)`;
  return orders.length;
}

/** Audit triggers of the tables the history fills: a bulk import is nobody's change to log. */
const AUDIT_TRIGGERS = [
  ['public.guests', 'guests_audit'],
  ['public.bookings', 'bookings_audit'],
  ['public.orders', 'orders_audit'],
  ['public.order_items', 'order_items_audit'],
  ['public.folios', 'folios_audit'],
  ['public.folio_entries', 'folio_entries_audit'],
  // Nor does it confirm old bookings to their guests or announce them to staff (decision 031).
  ['public.bookings', 'bookings_fire_workflows'],
  ['public.bookings', 'bookings_notify_staff'],
] as const;

async function setAuditTriggers(tx: TransactionSql, enabled: boolean): Promise<void> {
  for (const [table, trigger] of AUDIT_TRIGGERS) {
    await tx.unsafe(`alter table ${table} ${enabled ? 'enable' : 'disable'} trigger ${trigger}`);
  }
}

/**
 * Loads the history inside the seed's transaction; returns what it created. It ends `today`
 * (YYYY-MM-DD; by default the hotel's current date): benchmarks pass BENCH_HISTORY_TODAY.
 */
export async function loadDemoHistory(
  tx: TransactionSql,
  options: { today?: string } = {},
): Promise<{ guests: number; stays: number; orders: number }> {
  const next = random(HISTORY_SEED);
  await setAuditTriggers(tx, false);
  const [row] = await tx<{ today: string }[]>`
    select coalesce(${options.today ?? null}::date, (now() at time zone 'Europe/Lisbon')::date)::text as today`;
  const today = new Date(`${row?.today}T00:00:00Z`);
  const rooms = await tx<{ id: string; maxGuests: number }[]>`
    select r.id, r.max_guests as "maxGuests" from public.resources r where r.property_id = ${HOTEL} order by r.name`;
  const guestIds = await insertGuests(tx, next, 1500);
  const drivers = random(DRIVERS_SEED);
  const stays = await insertStays(tx, planStays(next, drivers, rooms, today, guestIds.length), guestIds);
  const orders = await insertOrders(tx, next, today);
  // The webhooks' deferred trigger on orders holds pending events on the new rows, and ALTER TABLE
  // refuses a table with pending events: fire them now, then defer it again for the rest of the
  // caller's transaction (not `all`: that would also fire, say, a new organization's owner check
  // before its owner's membership is inserted).
  await tx`set constraints orders_webhooks_created immediate`;
  await tx`set constraints orders_webhooks_created deferred`;
  await setAuditTriggers(tx, true);
  // Today's housekeeping board, for the demo only (a benchmark's anchored day has none).
  if (options.today === undefined) await loadDemoHousekeeping(tx);
  return { guests: guestIds.length, stays, orders };
}
