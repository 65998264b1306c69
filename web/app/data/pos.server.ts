// The POS's reads and writes at one property, as the signed-in user. The menu is what the
// property sells (item_availability: price override, stock) with each item's modifier groups;
// orders are placed whole through place_order (create, lines, submit in one transaction under
// the client's idempotency key, so a retry or a replayed offline queue returns the same order)
// and moved on with advance_order_status, charge_order_to_folio and close_order. A table's open
// check takes further rounds (add_order_round), is marked when the table asks for the bill
// (request_bill), split into checks (split_order) and paid and closed (settle_order). Totals
// are read back from the orders the database computed; nothing is priced here.
import type { Database, Json } from '../../../supabase/database.types.ts';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import type { Saved } from './properties.server.ts';

type Tables = Database['public']['Tables'];
export type OrderRow = Tables['orders']['Row'];
export type OrderKind = Database['public']['Enums']['order_kind'];

export interface MenuCategory {
  id: string;
  name: string;
  parent_id: string | null;
}

export interface MenuOption {
  id: string;
  name: string;
  price_delta_minor: number;
}

export interface MenuGroup {
  id: string;
  name: string;
  required: boolean;
  min_choices: number;
  max_choices: number;
  options: MenuOption[];
}

export interface MenuItem {
  id: string;
  name: string;
  category_id: string;
  /** The property's price: its override, else the item's. */
  price_minor: number;
  /** null: stock is not tracked. */
  stock_count: number | null;
  low_stock: boolean;
  groups: MenuGroup[];
}

export interface Menu {
  categories: MenuCategory[];
  items: MenuItem[];
}

/** The active items the property sells, in menu order, with their active options. */
export async function loadMenu(supabase: Supabase, organizationId: string, propertyId: string): Promise<Menu> {
  const [categories, availability, links] = await Promise.all([
    supabase
      .from('catalogue_categories')
      .select('id, name, parent_id')
      .eq('organization_id', organizationId)
      .order('sort_order')
      .order('name'),
    supabase
      .from('item_availability')
      .select(
        'price_override_minor, stock_count, low_stock, catalogue_items!inner (id, name, category_id, price_minor, active, sort_order)',
      )
      .eq('property_id', propertyId)
      .eq('catalogue_items.active', true),
    supabase
      .from('item_modifier_groups')
      .select(
        'item_id, sort_order, modifier_groups!inner (id, name, required, min_choices, max_choices, modifier_options (id, name, price_delta_minor, active, sort_order))',
      )
      .eq('organization_id', organizationId)
      .order('sort_order'),
  ]);
  for (const result of [categories, availability, links]) if (result.error) throw new DataError(result.error);

  const groupsByItem = new Map<string, MenuGroup[]>();
  for (const link of links.data ?? []) {
    const group = link.modifier_groups;
    const options = group.modifier_options
      .filter((option) => option.active)
      .sort((a, b) => a.sort_order - b.sort_order || a.name.localeCompare(b.name))
      .map(({ id, name, price_delta_minor }) => ({ id, name, price_delta_minor }));
    const list = groupsByItem.get(link.item_id) ?? [];
    list.push({
      id: group.id,
      name: group.name,
      required: group.required,
      min_choices: group.min_choices,
      max_choices: group.max_choices,
      options,
    });
    groupsByItem.set(link.item_id, list);
  }
  const items = (availability.data ?? [])
    .map((row) => ({ row, item: row.catalogue_items }))
    .sort((a, b) => a.item.sort_order - b.item.sort_order || a.item.name.localeCompare(b.item.name))
    .map(({ row, item }) => ({
      id: item.id,
      name: item.name,
      category_id: item.category_id,
      price_minor: row.price_override_minor ?? item.price_minor,
      stock_count: row.stock_count,
      low_stock: row.low_stock ?? false,
      groups: groupsByItem.get(item.id) ?? [],
    }));
  const used = new Set(items.map((item) => item.category_id));
  return { categories: (categories.data ?? []).filter((c) => used.has(c.id)), items };
}

export interface TableChoice {
  id: string;
  name: string;
}

/** The property's active tables, by name. */
export async function listTables(supabase: Supabase, propertyId: string): Promise<TableChoice[]> {
  const { data, error } = await supabase
    .from('resources')
    .select('id, name, resource_types!inner (kind)')
    .eq('property_id', propertyId)
    .eq('active', true)
    .eq('resource_types.kind', 'table')
    .order('name');
  if (error) throw new DataError(error);
  return data.map(({ id, name }) => ({ id, name }));
}

export interface InHouseStay {
  id: string;
  label: string;
}

/** Stays checked in at the property (room service and room charges go to them). */
export async function listInHouseStays(supabase: Supabase, propertyId: string): Promise<InHouseStay[]> {
  const { data, error } = await supabase
    .from('bookings')
    .select('id, reference, guest_id, resource_id')
    .eq('property_id', propertyId)
    .eq('status', 'checked_in')
    .order('reference')
    .limit(200);
  if (error) throw new DataError(error);
  if (data.length === 0) return [];
  const [guests, rooms] = await Promise.all([
    supabase
      .from('guests')
      .select('id, full_name')
      .in(
        'id',
        data.map((b) => b.guest_id).filter((id): id is string => id !== null),
      ),
    supabase
      .from('resources')
      .select('id, name')
      .in(
        'id',
        data.map((b) => b.resource_id),
      ),
  ]);
  if (guests.error) throw new DataError(guests.error);
  if (rooms.error) throw new DataError(rooms.error);
  const guestName = new Map(guests.data.map((g) => [g.id, g.full_name]));
  const roomName = new Map(rooms.data.map((r) => [r.id, r.name]));
  return data
    .map((b) => ({
      id: b.id,
      label: [roomName.get(b.resource_id) ?? 'Room', b.guest_id ? guestName.get(b.guest_id) : null, b.reference]
        .filter(Boolean)
        .join(' · '),
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

export interface OpenOrderLine {
  id: string;
  item_name: string;
  quantity: number;
  options: { name: string }[];
  note: string | null;
  seat: number | null;
  course: number | null;
  status: Database['public']['Enums']['order_item_status'];
}

export interface OpenOrder {
  id: string;
  kind: OrderKind;
  status: Database['public']['Enums']['order_status'];
  table_resource_id: string | null;
  booking_id: string | null;
  guest_name: string | null;
  folio_id: string | null;
  idempotency_key: string | null;
  subtotal_minor: number;
  discount_minor: number;
  tax_minor: number;
  service_charge_minor: number;
  total_minor: number;
  prices_include_tax: boolean;
  submitted_at: string | null;
  bill_requested_at: string | null;
  lines: OpenOrderLine[];
}

/** Orders of the property still in service (sent, not closed or voided), oldest first. */
export async function listOpenOrders(supabase: Supabase, propertyId: string): Promise<OpenOrder[]> {
  const { data, error } = await supabase
    .from('orders')
    .select(
      'id, kind, status, table_resource_id, booking_id, guest_name, folio_id, idempotency_key, subtotal_minor, discount_minor, tax_minor, service_charge_minor, total_minor, prices_include_tax, submitted_at, bill_requested_at, order_items (id, item_name, quantity, options, note, seat, course, status, created_at)',
    )
    .eq('property_id', propertyId)
    .in('status', ['submitted', 'preparing', 'ready', 'served'])
    .order('submitted_at')
    .order('created_at')
    .limit(50);
  if (error) throw new DataError(error);
  return data.map(({ order_items, ...order }) => ({
    ...order,
    lines: [...order_items]
      .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))
      .map(({ created_at: _created, options, ...line }) => ({ ...line, options: optionNames(options) })),
  }));
}

function optionNames(options: Json): { name: string }[] {
  if (!Array.isArray(options)) return [];
  return options.flatMap((option) =>
    option && typeof option === 'object' && !Array.isArray(option) && typeof option.name === 'string'
      ? [{ name: option.name }]
      : [],
  );
}

export interface PlacedLine {
  item_id: string;
  quantity: number;
  option_ids: string[];
  note: string | null;
  seat: number | null;
  course: number | null;
}

export interface OrderToPlace {
  propertyId: string;
  idempotencyKey: string;
  kind: OrderKind;
  tableResourceId: string | null;
  bookingId: string | null;
  guestName: string | null;
  lines: PlacedLine[];
}

/** Creates, fills and submits the order; a key used before returns the order it made. */
export async function placeOrder(supabase: Supabase, order: OrderToPlace): Promise<Saved<OrderRow>> {
  const { data, error } = await supabase.rpc('place_order', {
    p_property_id: order.propertyId,
    p_idempotency_key: order.idempotencyKey,
    p_kind: order.kind,
    p_lines: order.lines as unknown as Json,
    ...(order.tableResourceId ? { p_table_resource_id: order.tableResourceId } : {}),
    ...(order.bookingId ? { p_booking_id: order.bookingId } : {}),
    ...(order.guestName ? { p_guest_name: order.guestName } : {}),
  });
  return error ? { error } : { row: data };
}

/** The kitchen is done and the food is on the table. */
export async function markServed(supabase: Supabase, orderId: string): Promise<Saved<OrderRow>> {
  const { data, error } = await supabase.rpc('advance_order_status', { p_order_id: orderId, p_status: 'served' });
  return error ? { error } : { row: data };
}

export async function closeOrder(supabase: Supabase, orderId: string): Promise<Saved<OrderRow>> {
  const { data, error } = await supabase.rpc('close_order', { p_order_id: orderId });
  return error ? { error } : { row: data };
}

/** Charges a served order to its stay's folio (opened on the first charge). */
export async function chargeToRoom(
  supabase: Supabase,
  orderId: string,
  bookingId: string,
): Promise<Saved<{ id: string }>> {
  const folio = await supabase.rpc('open_booking_folio', { p_booking_id: bookingId });
  if (folio.error) return { error: folio.error };
  const { data, error } = await supabase.rpc('charge_order_to_folio', {
    p_order_id: orderId,
    p_folio_id: folio.data.id,
  });
  return error ? { error } : { row: { id: data.id } };
}

/**
 * Charges a served order to the table's open tab, opening one only when the table has none (the
 * counter always gets a new one: nothing tells two counter guests' tabs apart).
 */
export async function chargeToTab(
  supabase: Supabase,
  propertyId: string,
  orderId: string,
  label: string,
  tableResourceId: string | null,
): Promise<Saved<{ id: string }>> {
  let folioId: string | null = null;
  if (tableResourceId) {
    const open = await supabase
      .from('folios')
      .select('id')
      .eq('property_id', propertyId)
      .eq('kind', 'tab')
      .eq('status', 'open')
      .eq('table_resource_id', tableResourceId)
      .order('created_at')
      .limit(1)
      .maybeSingle();
    if (open.error) return { error: open.error };
    folioId = open.data?.id ?? null;
  }
  if (!folioId) {
    const tab = await supabase.rpc('open_tab', {
      p_property_id: propertyId,
      p_label: label,
      ...(tableResourceId ? { p_table_resource_id: tableResourceId } : {}),
    });
    if (tab.error) return { error: tab.error };
    folioId = tab.data.id;
  }
  const { data, error } = await supabase.rpc('charge_order_to_folio', { p_order_id: orderId, p_folio_id: folioId });
  return error ? { error } : { row: { id: data.id } };
}

/** A further round onto an open check; the key makes a retry add it once. */
export async function addRound(
  supabase: Supabase,
  round: { orderId: string; idempotencyKey: string; lines: PlacedLine[] },
): Promise<Saved<OrderRow>> {
  const { data, error } = await supabase.rpc('add_order_round', {
    p_order_id: round.orderId,
    p_idempotency_key: round.idempotencyKey,
    p_lines: round.lines as unknown as Json,
  });
  return error ? { error } : { row: data };
}

/** The table asked for the bill. */
export async function requestBill(supabase: Supabase, orderId: string): Promise<Saved<OrderRow>> {
  const { data, error } = await supabase.rpc('request_bill', { p_order_id: orderId });
  return error ? { error } : { row: data };
}

/** Moves the chosen lines to a new check for the same table; returns the new check. */
export async function splitOrder(supabase: Supabase, orderId: string, itemIds: string[]): Promise<Saved<OrderRow>> {
  const { data, error } = await supabase.rpc('split_order', { p_order_id: orderId, p_item_ids: itemIds });
  return error ? { error } : { row: data };
}

export type PaymentMethod = 'cash' | 'card';

/** Pays a served check in full (a recorded payment on its tab) and closes it. */
export async function settleOrder(
  supabase: Supabase,
  orderId: string,
  method: PaymentMethod,
): Promise<Saved<OrderRow>> {
  const { data, error } = await supabase.rpc('settle_order', { p_order_id: orderId, p_method: method });
  return error ? { error } : { row: data };
}
