// The four member requests of the Data API benchmark, each written twice: through supabase-js over
// /rest/v1 (as the app sends it) and as the SQL a hand-written data layer would run for the same
// answer, in an RLS transaction with the same claims (asRequest: role `authenticated` and
// `request.jwt.claims`, as PostgREST sets them). Iteration `i` picks the same inputs on both sides.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Sql } from 'postgres';
import type { Database } from '../../supabase/database.types.ts';
import { asRequest } from '../../supabase/local/rls-request.ts';

export type Side = 'rest' | 'raw';

export interface Fixture {
  organizationId: string;
  propertyId: string;
  /** The day the dataset is anchored to (YYYY-MM-DD): count windows are months before it. */
  anchor: string;
  /** The property's local today (YYYY-MM-DD): availability searches start a week after it. */
  today: string;
  claims: Record<string, unknown>;
  /** Distinguishes this run's inserted rows (names are unique per organization). */
  runId: string;
}

export interface Query {
  name: QueryName;
  rest(client: SupabaseClient<Database>, i: number): Promise<unknown>;
  raw(sql: Sql, i: number): Promise<unknown>;
}

/**
 * In this order: the count is a HEAD request, after which Node's fetch (undici 7) closes the
 * connection, and once HEADs had run, every later POST of the process opened a new TCP connection
 * too (measured: 30 of 30); the insert and the RPC run first so that this is not charged to them.
 */
export const QUERY_NAMES = ['page50', 'insert', 'rpc', 'count'] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

const PAGES = 10;
const PAGE_SIZE = 50;
const WINDOWS = 12;
const SEARCH_DAYS = 14;

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Iteration i's 30-day window of arrivals, among the 12 before the anchor. */
function windowOf(fixture: Fixture, i: number): { from: string; to: string } {
  const from = addDays(fixture.anchor, -360 + 30 * (i % WINDOWS));
  return { from, to: addDays(from, 30) };
}

/** Iteration i's two-night stay for two guests, in the fortnight after next week. */
function stayOf(fixture: Fixture, i: number): { arrival: string; departure: string } {
  const arrival = addDays(fixture.today, 7 + (i % SEARCH_DAYS));
  return { arrival, departure: addDays(arrival, 2) };
}

export function check<T extends { error: unknown }>(result: T): T {
  if (result.error) throw new Error(`rest bench: the Data API answered an error: ${JSON.stringify(result.error)}`);
  return result;
}

const PAGE_COLUMNS = 'id, reference, status, arrival_date, departure_date, party_size, total_minor, currency';

export function queries(fixture: Fixture): Query[] {
  const { organizationId, propertyId, claims, runId } = fixture;
  const member = <T>(sql: Sql, fn: Parameters<typeof asRequest<T>>[3]) => asRequest(sql, 'authenticated', claims, fn);
  return [
    {
      // A page of the property's bookings, newest arrivals first, with the room and the guest.
      name: 'page50',
      async rest(client, i) {
        const offset = (i % PAGES) * PAGE_SIZE;
        const { data } = check(
          await client
            .from('bookings')
            .select(`${PAGE_COLUMNS}, resources(name), guests(full_name)`)
            .eq('property_id', propertyId)
            .order('arrival_date', { ascending: false })
            .order('id')
            .range(offset, offset + PAGE_SIZE - 1),
        );
        return data;
      },
      raw(sql, i) {
        const offset = (i % PAGES) * PAGE_SIZE;
        return member(
          sql,
          (tx) => tx`
            select b.id, b.reference, b.status, b.arrival_date::text as arrival_date,
              b.departure_date::text as departure_date, b.party_size, b.total_minor, b.currency,
              case when r.id is not null then json_build_object('name', r.name) end as resources,
              case when g.id is not null then json_build_object('full_name', g.full_name) end as guests
            from public.bookings b
            left join public.resources r on r.property_id = b.property_id and r.id = b.resource_id
            left join public.guests g on g.organization_id = b.organization_id and g.id = b.guest_id
            where b.property_id = ${propertyId}
            order by b.arrival_date desc, b.id
            limit ${PAGE_SIZE} offset ${offset}`,
        );
      },
    },
    {
      // A new menu section (guests are written only through RPCs: authenticated has no insert on them).
      name: 'insert',
      async rest(client, i) {
        check(
          await client
            .from('catalogue_categories')
            .insert({ organization_id: organizationId, name: `Bench ${runId} rest ${i}` }),
        );
        return null;
      },
      async raw(sql, i) {
        await member(
          sql,
          (tx) => tx`
            insert into public.catalogue_categories (organization_id, name)
            values (${organizationId}, ${`Bench ${runId} raw ${i}`})`,
        );
        return null;
      },
    },
    {
      // Room types and prices free for a two-night stay for two.
      name: 'rpc',
      async rest(client, i) {
        const { arrival, departure } = stayOf(fixture, i);
        const { data } = check(
          await client.rpc('search_availability', {
            p_property_id: propertyId,
            p_arrival: arrival,
            p_departure: departure,
            p_party_size: 2,
          }),
        );
        return data;
      },
      raw(sql, i) {
        const { arrival, departure } = stayOf(fixture, i);
        return member(
          sql,
          (tx) => tx`select * from public.search_availability(${propertyId}, ${arrival}::date, ${departure}::date, 2)`,
        );
      },
    },
    {
      // How many stays of a month ended checked out (a dashboard tile).
      name: 'count',
      async rest(client, i) {
        const { from, to } = windowOf(fixture, i);
        const { count } = check(
          await client
            .from('bookings')
            .select('*', { count: 'exact', head: true })
            .eq('property_id', propertyId)
            .eq('status', 'checked_out')
            .gte('arrival_date', from)
            .lt('arrival_date', to),
        );
        return count;
      },
      async raw(sql, i) {
        const { from, to } = windowOf(fixture, i);
        const [row] = await member(
          sql,
          (tx) => tx<{ count: string }[]>`
            select count(*) from public.bookings
            where property_id = ${propertyId} and status = 'checked_out'
              and arrival_date >= ${from} and arrival_date < ${to}`,
        );
        return Number(row?.count);
      },
    },
  ];
}
