// Rate plans of one property, their weekday prices and date prices (public.rate_overrides), and
// the guest's price from the database's own search (private.quote behind search_availability):
// read and written as the signed-in user through the Data API, RLS and constraints deciding.
import type { PostgrestError } from '@supabase/supabase-js';
import type { Database, Json } from '../../../supabase/database.types.ts';
import { dateRangeLiteral, parseDateRange } from '../utils/calendar-dates.ts';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import type { Property, Saved } from './properties.server.ts';

type Tables = Database['public']['Tables'];

export type RatePlan = Pick<
  Tables['rate_plans']['Row'],
  | 'id'
  | 'resource_type_id'
  | 'name'
  | 'currency'
  | 'base_price_minor'
  | 'min_stay'
  | 'max_stay'
  | 'included_guests'
  | 'extra_guest_minor'
  | 'active'
  | 'updated_at'
>;

const PLAN_COLUMNS =
  'id, resource_type_id, name, currency, base_price_minor, min_stay, max_stay, included_guests, extra_guest_minor, active, updated_at';

/** A price per weekday, Monday first (ISO 1 … 7); null: the plan's base price. */
export type WeekdayPrices = (number | null)[];

type PropertyRef = Pick<Property, 'id' | 'organization_id' | 'currency'>;

/**
 * Every rate plan of the property, by name. Not paged: a property has a few plans per resource
 * type, and the price check and override form need all of them.
 */
export async function listRatePlans(supabase: Supabase, propertyId: string): Promise<RatePlan[]> {
  const { data, error } = await supabase
    .from('rate_plans')
    .select(PLAN_COLUMNS)
    .eq('property_id', propertyId)
    .order('name')
    .order('id');
  if (error) throw new DataError(error);
  return data;
}

interface WeekdayRow {
  id: string;
  rate_plan_id: string;
  weekdays: number[] | null;
  price_minor: number;
}

/** The weekday-only overrides of the property's plans, in the order the quote prefers them. */
async function weekdayRows(supabase: Supabase, propertyId: string, planId?: string): Promise<WeekdayRow[]> {
  let query = supabase
    .from('rate_overrides')
    .select('id, rate_plan_id, weekdays, price_minor')
    .eq('property_id', propertyId)
    .is('dates', null);
  if (planId) query = query.eq('rate_plan_id', planId);
  // private.quote's precedence among weekday-only overrides: priority, then the oldest.
  const { data, error } = await query.order('priority', { ascending: false }).order('created_at').order('id');
  if (error) throw new DataError(error);
  return data;
}

/** Per plan, the price each weekday gets from its weekday-only overrides (the winning one). */
function pricesByPlan(rows: WeekdayRow[]): Map<string, WeekdayPrices> {
  const byPlan = new Map<string, WeekdayPrices>();
  for (const row of rows) {
    const prices = byPlan.get(row.rate_plan_id) ?? Array<number | null>(7).fill(null);
    for (const day of row.weekdays ?? []) prices[day - 1] ??= row.price_minor;
    byPlan.set(row.rate_plan_id, prices);
  }
  return byPlan;
}

/** Each plan's weekday prices, and the ids of the overrides that set them (a quote's line names one). */
export async function listWeekdayPrices(
  supabase: Supabase,
  propertyId: string,
): Promise<{ prices: Record<string, WeekdayPrices>; overrideIds: string[] }> {
  const rows = await weekdayRows(supabase, propertyId);
  return { prices: Object.fromEntries(pricesByPlan(rows)), overrideIds: rows.map((row) => row.id) };
}

export type RatePlanFields = Omit<RatePlan, 'id' | 'currency' | 'active' | 'updated_at'>;

/** A new plan (the currency is the property's, filled in by the database), then its weekday prices. */
export async function createRatePlan(
  supabase: Supabase,
  property: PropertyRef,
  fields: RatePlanFields,
  weekdays: WeekdayPrices,
): Promise<Saved<RatePlan>> {
  const { data, error } = await supabase
    .from('rate_plans')
    .insert({
      organization_id: property.organization_id,
      property_id: property.id,
      currency: property.currency,
      ...fields,
    })
    .select(PLAN_COLUMNS)
    .single();
  if (error) return { error };
  const prices = await saveWeekdayPrices(supabase, property, data.id, weekdays);
  return prices.error ? { error: prices.error } : { row: data };
}

/** A plan's fields (its resource type stays) and weekday prices. */
export async function updateRatePlan(
  supabase: Supabase,
  property: PropertyRef,
  planId: string,
  { resource_type_id: _type, ...fields }: RatePlanFields,
  weekdays: WeekdayPrices,
): Promise<Saved<RatePlan>> {
  const { data, error } = await supabase
    .from('rate_plans')
    .update(fields)
    .eq('property_id', property.id)
    .eq('id', planId)
    .select(PLAN_COLUMNS)
    .single();
  if (error) return { error };
  const prices = await saveWeekdayPrices(supabase, property, planId, weekdays);
  return prices.error ? { error: prices.error } : { row: data };
}

export async function setRatePlanActive(
  supabase: Supabase,
  propertyId: string,
  planId: string,
  active: boolean,
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .from('rate_plans')
    .update({ active })
    .eq('property_id', propertyId)
    .eq('id', planId)
    .select('id')
    .single();
  return error ? { error } : { row: data };
}

/**
 * Makes the plan's weekday-only overrides say `weekdays`: one row per distinct price, naming its
 * days. The new rows are written before the old ones are removed, so a refused write leaves the
 * prices as they were; nothing is written when they already match.
 */
async function saveWeekdayPrices(
  supabase: Supabase,
  property: PropertyRef,
  planId: string,
  weekdays: WeekdayPrices,
): Promise<{ error?: PostgrestError }> {
  const current = await weekdayRows(supabase, property.id, planId);
  const now = pricesByPlan(current).get(planId) ?? Array<number | null>(7).fill(null);
  if (now.every((price, day) => price === (weekdays[day] ?? null))) return {};
  const daysByPrice = new Map<number, number[]>();
  weekdays.forEach((price, day) => {
    if (price !== null) daysByPrice.set(price, [...(daysByPrice.get(price) ?? []), day + 1]);
  });
  if (daysByPrice.size) {
    const { error } = await supabase.from('rate_overrides').insert(
      [...daysByPrice].map(([price, days]) => ({
        organization_id: property.organization_id,
        property_id: property.id,
        rate_plan_id: planId,
        weekdays: days,
        price_minor: price,
      })),
    );
    if (error) return { error };
  }
  if (current.length) {
    const { error } = await supabase
      .from('rate_overrides')
      .delete()
      .in(
        'id',
        current.map((row) => row.id),
      );
    if (error) return { error };
  }
  return {};
}

export interface DateOverride {
  id: string;
  rate_plan_id: string;
  first: string;
  last: string;
  price_minor: number;
  priority: number;
}

export const OVERRIDES_PAGE_SIZE = 20;

/** One page (0-based) of the date prices that end today or later, soonest first, and their count. */
export async function listUpcomingDateOverrides(
  supabase: Supabase,
  propertyId: string,
  today: string,
  page: number,
): Promise<{ overrides: DateOverride[]; total: number }> {
  const from = page * OVERRIDES_PAGE_SIZE;
  const { data, error, count } = await supabase
    .from('rate_overrides')
    .select('id, rate_plan_id, dates, price_minor, priority', { count: 'exact' })
    .eq('property_id', propertyId)
    .overlaps('dates', `[${today},)`)
    .order('dates')
    .order('id')
    .range(from, from + OVERRIDES_PAGE_SIZE - 1);
  if (error) throw new DataError(error);
  const overrides = data.flatMap(({ dates, ...row }) => {
    const span = parseDateRange(String(dates));
    return span ? [{ ...row, ...span }] : [];
  });
  return { overrides, total: count ?? overrides.length };
}

export async function addDateOverride(
  supabase: Supabase,
  property: PropertyRef,
  fields: { rate_plan_id: string; first: string; last: string; price_minor: number; priority: number },
): Promise<Saved<{ id: string }>> {
  const { first, last, ...rest } = fields;
  const { data, error } = await supabase
    .from('rate_overrides')
    .insert({
      organization_id: property.organization_id,
      property_id: property.id,
      dates: dateRangeLiteral(first, last),
      ...rest,
    })
    .select('id')
    .single();
  return error ? { error } : { row: data };
}

export async function removeDateOverride(
  supabase: Supabase,
  propertyId: string,
  overrideId: string,
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .from('rate_overrides')
    .delete()
    .eq('property_id', propertyId)
    .eq('id', overrideId)
    .not('dates', 'is', null)
    .select('id')
    .single();
  return error ? { error } : { row: data };
}

/** A line of the database's price breakdown (private.quote, decision 006). */
export interface Breakdown {
  unit: 'night' | 'slot';
  units: number;
  currency: string;
  party_size: number;
  lines: {
    date: string;
    rate_minor: number;
    extra_guests_minor: number;
    amount_minor: number;
    override_id: string | null;
  }[];
  subtotal_minor: number;
  taxes: {
    id: string;
    name: string;
    basis: 'percentage' | 'per_unit';
    rate_bps: number | null;
    amount_per_unit_minor: number | null;
    inclusive: boolean;
    amount_minor: number;
  }[];
  exclusive_taxes_minor: number;
  inclusive_taxes_minor: number;
  total_minor: number;
}

export interface Offer {
  resource_type_id: string;
  rate_plan_id: string;
  rate_plan_name: string;
  free: number;
  total_minor: number;
  breakdown: Breakdown;
}

export type PriceRequest =
  | { unit: 'night'; arrival: string; departure: string; guests: number }
  | { unit: 'slot'; arrival: string; time: string; duration: number; guests: number };

/**
 * What a guest searching the property would be offered (public.search_availability or
 * search_table_availability, as the booking widget asks): per resource type and active rate
 * plan with a free resource, the database's quote. The database's refusal of the request
 * (invalid_departure, invalid_party_size, …) comes back for the form.
 */
export async function checkPrices(
  supabase: Supabase,
  propertyId: string,
  request: PriceRequest,
): Promise<Saved<Offer[]>> {
  const { data, error } =
    request.unit === 'night'
      ? await supabase.rpc('search_availability', {
          p_property_id: propertyId,
          p_arrival: request.arrival,
          p_departure: request.departure,
          p_party_size: request.guests,
        })
      : await supabase.rpc('search_table_availability', {
          p_property_id: propertyId,
          p_date: request.arrival,
          p_time: request.time,
          p_duration_minutes: request.duration,
          p_party_size: request.guests,
        });
  if (error) return { error };
  return {
    row: data.map((offer) => ({
      resource_type_id: offer.resource_type_id,
      rate_plan_id: offer.rate_plan_id,
      rate_plan_name: offer.rate_plan_name,
      free: offer.resource_ids.length,
      total_minor: Number(offer.total_minor),
      breakdown: offer.price_breakdown as Json as unknown as Breakdown,
    })),
  };
}
