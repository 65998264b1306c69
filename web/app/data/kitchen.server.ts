// The kitchen display's data: a property's stations and its tickets (submitted orders with lines
// routed to a station), read as the signed-in user (RLS), and the bumps, which go through the
// database's status flow (set_order_item_status, advance_order_status) and return its refusals.
import type { PostgrestError } from '@supabase/supabase-js';
import type { Database } from '../../../supabase/database.types.ts';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';

type OrderStatus = Database['public']['Enums']['order_status'];
type ItemStatus = Database['public']['Enums']['order_item_status'];

export interface KitchenStation {
  id: string;
  name: string;
  kind: Database['public']['Enums']['station_kind'];
}

export interface TicketOption {
  group: string;
  name: string;
}

export interface TicketLine {
  id: string;
  name: string;
  quantity: number;
  options: TicketOption[];
  note: string | null;
  status: ItemStatus;
  stationId: string | null;
  seat: number | null;
}

export interface TicketCourse {
  name: string;
  lines: TicketLine[];
}

export interface Ticket {
  orderId: string;
  status: OrderStatus;
  kind: Database['public']['Enums']['order_kind'];
  /** Table name, guest name or "Takeaway": how the pass calls the order. */
  label: string;
  /** Placed by a guest online (the order widget), not at the POS. */
  online: boolean;
  /** An online takeaway's pickup time. */
  pickupAt: string | null;
  /** The room of a room service order's stay, when the kitchen can see it. */
  room: string | null;
  submittedAt: string;
  courses: TicketCourse[];
  /** Every line of this station done (ready or served): off the rail, recallable. */
  bumped: boolean;
  /** When this station last moved one of its lines (for "recall the last bumped"). */
  lastChangeAt: string;
}

/** Without a target in order_settings (it has none yet), a ticket is late after this. */
export const DEFAULT_TARGET_MINUTES = 15;

/** Orders still in the kitchen's hands, or just served (recall). */
const KITCHEN_STATUSES: OrderStatus[] = ['submitted', 'preparing', 'ready', 'served'];
const PENDING: ItemStatus[] = ['queued', 'preparing'];
/** How far back the rail looks: a shift. */
const WINDOW_HOURS = 18;

export async function listKitchenStations(supabase: Supabase, propertyId: string): Promise<KitchenStation[]> {
  const { data, error } = await supabase
    .from('stations')
    .select('id, name, kind')
    .eq('property_id', propertyId)
    .order('name');
  if (error) throw new DataError(error);
  return data;
}

interface RawOption {
  group_name?: unknown;
  name?: unknown;
}

function optionsOf(value: unknown): TicketOption[] {
  if (!Array.isArray(value)) return [];
  return value.map((option: RawOption) => ({
    group: String(option.group_name ?? ''),
    name: String(option.name ?? ''),
  }));
}

/**
 * The tickets of one station (or of every station with `stationId` null), oldest first. A line's
 * course is the one the POS noted (Course 1, 2…); a line without one goes with its catalogue
 * category (Starters, Mains…), in the menu's order, after the numbered courses.
 */
export async function listTickets(
  supabase: Supabase,
  propertyId: string,
  stationId: string | null,
  now = new Date(),
): Promise<Ticket[]> {
  const since = new Date(now.getTime() - WINDOW_HOURS * 3600_000).toISOString();
  const orders = await supabase
    .from('orders')
    .select('id, kind, status, submitted_at, guest_name, table_resource_id, source, pickup_at, booking_id')
    .eq('property_id', propertyId)
    .in('status', KITCHEN_STATUSES)
    .gte('submitted_at', since)
    .order('submitted_at')
    .limit(300);
  if (orders.error) throw new DataError(orders.error);
  if (orders.data.length === 0) return [];
  const orderIds = orders.data.map((order) => order.id);
  const bookingIds = [
    ...new Set(orders.data.flatMap((order) => (order.kind === 'room' && order.booking_id ? [order.booking_id] : []))),
  ];
  const stays = bookingIds.length
    ? await supabase.from('bookings').select('id, resource_id').in('id', bookingIds)
    : { data: [] as { id: string; resource_id: string }[], error: null };
  if (stays.error) throw new DataError(stays.error as PostgrestError);
  const roomOf = new Map(stays.data.map((stay) => [stay.id, stay.resource_id]));
  const tableIds = [...new Set([...orders.data.flatMap((order) => order.table_resource_id ?? []), ...roomOf.values()])];
  let itemsQuery = supabase
    .from('order_items')
    .select('id, order_id, item_id, station_id, item_name, options, note, quantity, status, seat, course, updated_at')
    .eq('property_id', propertyId)
    .in('order_id', orderIds)
    .neq('status', 'voided')
    .order('created_at');
  if (stationId) itemsQuery = itemsQuery.eq('station_id', stationId);
  const [items, tables] = await Promise.all([
    itemsQuery,
    tableIds.length
      ? supabase.from('resources').select('id, name').in('id', tableIds)
      : Promise.resolve({ data: [] as { id: string; name: string }[], error: null }),
  ]);
  if (items.error) throw new DataError(items.error);
  if (tables.error) throw new DataError(tables.error as PostgrestError);

  const catalogueIds = [...new Set(items.data.flatMap((line) => line.item_id ?? []))];
  const courseOf = new Map<string, { name: string; order: number }>();
  if (catalogueIds.length) {
    const catalogue = await supabase
      .from('catalogue_items')
      .select('id, catalogue_categories(name, sort_order)')
      .in('id', catalogueIds);
    if (catalogue.error) throw new DataError(catalogue.error);
    for (const row of catalogue.data) {
      const category = row.catalogue_categories as { name: string; sort_order: number } | null;
      if (category) courseOf.set(row.id, { name: category.name, order: category.sort_order });
    }
  }
  const tableName = new Map(tables.data.map((table) => [table.id, table.name]));
  const linesByOrder = new Map<string, (typeof items.data)[number][]>();
  for (const line of items.data) linesByOrder.set(line.order_id, [...(linesByOrder.get(line.order_id) ?? []), line]);

  return orders.data.flatMap((order): Ticket[] => {
    const lines = linesByOrder.get(order.id);
    if (!lines?.length) return [];
    const courses = new Map<string, { order: number; lines: TicketLine[] }>();
    for (const line of lines) {
      const course =
        line.course !== null
          ? { name: `Course ${line.course}`, order: line.course - 1000 }
          : (line.item_id && courseOf.get(line.item_id)) || { name: 'Other', order: Number.MAX_SAFE_INTEGER };
      const entry = courses.get(course.name) ?? { order: course.order, lines: [] };
      entry.lines.push({
        id: line.id,
        name: line.item_name,
        quantity: line.quantity,
        options: optionsOf(line.options),
        note: line.note,
        status: line.status,
        stationId: line.station_id,
        seat: line.seat,
      });
      courses.set(course.name, entry);
    }
    const table = order.table_resource_id ? tableName.get(order.table_resource_id) : undefined;
    return [
      {
        orderId: order.id,
        status: order.status,
        kind: order.kind,
        label: table
          ? `Table ${table}`
          : order.kind === 'room'
            ? `Room service${order.guest_name ? ` · ${order.guest_name}` : ''}`
            : (order.guest_name ?? 'Takeaway'),
        online: order.source === 'widget',
        pickupAt: order.pickup_at,
        room: (order.booking_id && tableName.get(roomOf.get(order.booking_id) ?? '')) || null,
        submittedAt: order.submitted_at ?? now.toISOString(),
        courses: [...courses]
          .sort(([, a], [, b]) => a.order - b.order)
          .map(([name, entry]) => ({ name, lines: entry.lines })),
        bumped: lines.every((line) => !PENDING.includes(line.status)),
        lastChangeAt:
          lines
            .map((line) => line.updated_at)
            .sort()
            .at(-1) ?? '',
      },
    ];
  });
}

/** The ticket most recently taken off this station's rail, if any. */
export function lastBumped(tickets: Ticket[]): Ticket | null {
  return tickets
    .filter((ticket) => ticket.bumped)
    .reduce<Ticket | null>(
      (latest, ticket) => (!latest || ticket.lastChangeAt > latest.lastChangeAt ? ticket : latest),
      null,
    );
}

export type Refused = { error: PostgrestError } | { error?: never };

async function stepItem(supabase: Supabase, id: string, status: ItemStatus): Promise<Refused> {
  // queued → preparing → ready, one step at a time as the database's flow demands.
  if (status === 'queued') {
    const { error } = await supabase.rpc('set_order_item_status', { p_order_item_id: id, p_status: 'preparing' });
    if (error) return { error };
  }
  const { error } = await supabase.rpc('set_order_item_status', { p_order_item_id: id, p_status: 'ready' });
  return error ? { error } : {};
}

/** The order follows its lines: preparing once one is touched, ready once none is left to make. */
async function advanceOrder(supabase: Supabase, orderId: string): Promise<Refused> {
  const [order, open] = await Promise.all([
    supabase.from('orders').select('status').eq('id', orderId).single(),
    supabase
      .from('order_items')
      .select('id', { count: 'exact', head: true })
      .eq('order_id', orderId)
      .in('status', PENDING),
  ]);
  if (order.error) return { error: order.error };
  if (open.error) return { error: open.error };
  let status = order.data.status;
  if (status === 'submitted') {
    const { error } = await supabase.rpc('advance_order_status', { p_order_id: orderId, p_status: 'preparing' });
    if (error) return { error };
    status = 'preparing';
  }
  if (status === 'preparing' && open.count === 0) {
    const { error } = await supabase.rpc('advance_order_status', { p_order_id: orderId, p_status: 'ready' });
    if (error) return { error };
  }
  return {};
}

async function readLine(supabase: Supabase, propertyId: string, id: string) {
  return supabase
    .from('order_items')
    .select('id, order_id, status, station_id')
    .eq('property_id', propertyId)
    .eq('id', id)
    .maybeSingle();
}

/** One line done. A line already past preparing is sent as is, so the database says why not. */
export async function bumpItem(supabase: Supabase, propertyId: string, itemId: string): Promise<Refused> {
  const line = await readLine(supabase, propertyId, itemId);
  if (line.error) return { error: line.error };
  if (!line.data) return { error: refusal('order_item_not_found') };
  const stepped = await stepItem(supabase, itemId, line.data.status);
  if (stepped.error) return stepped;
  return advanceOrder(supabase, line.data.order_id);
}

/** Every line of the ticket at this station (all stations with null) done, then the order follows. */
export async function bumpTicket(
  supabase: Supabase,
  propertyId: string,
  orderId: string,
  stationId: string | null,
): Promise<Refused> {
  let query = supabase
    .from('order_items')
    .select('id, status')
    .eq('property_id', propertyId)
    .eq('order_id', orderId)
    .in('status', PENDING)
    .order('created_at');
  if (stationId) query = query.eq('station_id', stationId);
  const lines = await query;
  if (lines.error) return { error: lines.error };
  // Nothing left here: bumped on another screen meanwhile.
  if (lines.data.length === 0) return { error: refusal('already_bumped') };
  for (const line of lines.data) {
    const stepped = await stepItem(supabase, line.id, line.status);
    if (stepped.error) return stepped;
  }
  return advanceOrder(supabase, orderId);
}

/** A refusal found before asking the database, shaped as its errors are (decision 003). */
function refusal(message: string): PostgrestError {
  return { code: 'P0001', message, details: '', hint: '', name: 'PostgrestError' } as PostgrestError;
}
