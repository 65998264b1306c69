// The POS at one property (/o/:org/p/:property/pos), tablet-first: the menu the property sells
// (categories, search, items; an item with modifier groups opens a picker that keeps to the
// groups' rules), the order being taken (target, seat, course, notes) and the orders in service
// with their kitchen status, live. Orders are built here and sent whole through the outbox
// (IndexedDB) to the submit route, so a dropped connection queues them and a retry never
// duplicates. A table's open check takes further rounds, the bill request, a split into checks
// and its payment. Totals are the database's, read back once an order is placed.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { presenceLinks } from '../../components/presence-note.tsx';
import {
  chargeToRoom,
  chargeToTab,
  closeOrder,
  listInHouseStays,
  listOpenOrders,
  listTables,
  loadMenu,
  markServed,
  requestBill,
  settleOrder,
  splitOrder,
} from '../../data/pos.server.ts';
import posStyles from '../../styles/pos.css?url';
import { parseForm } from '../../utils/forms.ts';
import { presenceUser } from '../../utils/presence.server.ts';
import { requireStaffProperty } from '../../utils/staff-access.server.ts';
import { OrderActionSchema, SettleSchema, SplitSchema } from './pos.schema.ts';
import { placeOrderFailure } from './pos-errors.ts';
import { PosScreen } from './pos-screen.tsx';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: posStyles }, ...presenceLinks()];

export const meta: MetaFunction = () => [{ title: 'POS · Roost' }];

export async function loader(args: LoaderFunctionArgs) {
  const { organization, property, user, membership } = await requireStaffProperty(args);
  const supabase = args.context.supabase;
  const [menu, tables, stays, openOrders, viewer] = await Promise.all([
    loadMenu(supabase, organization.id, property.id),
    listTables(supabase, property.id),
    listInHouseStays(supabase, property.id),
    listOpenOrders(supabase, property.id),
    presenceUser(supabase, user, membership.role),
  ]);
  // The floor's "Open POS" link names the table.
  const table = new URL(args.request.url).searchParams.get('table');
  return {
    organization: { slug: organization.slug },
    preselectedTable: tables.some((t) => t.id === table) ? table : null,
    property: { id: property.id, name: property.name, currency: property.currency, time_zone: property.time_zone },
    menu,
    tables,
    stays,
    openOrders,
    viewer,
  };
}

export type PosData = Awaited<ReturnType<typeof loader>>;

const DONE: Record<string, string> = {
  served: 'Marked served.',
  close: 'Order closed.',
  charge_room: 'Charged to the room.',
  charge_tab: 'Added to a table tab.',
  request_bill: 'Bill requested.',
  split: 'Split into a new check.',
  settle: 'Paid and closed.',
};

export async function action(args: ActionFunctionArgs) {
  const { property } = await requireStaffProperty(args);
  const form = await args.request.formData();
  const parsed = parseForm(OrderActionSchema, form);
  if (!parsed.ok)
    return data({ ok: false as const, message: 'Choose an order and what to do with it.' }, { status: 400 });
  const { intent, order_id } = parsed.value;
  const supabase = args.context.supabase;
  const orders = await listOpenOrders(supabase, property.id);
  const order = orders.find((o) => o.id === order_id);
  if (!order) return data({ ok: false as const, message: 'This order is no longer open.' }, { status: 404 });
  let result: { error?: Parameters<typeof placeOrderFailure>[0] | null };
  if (intent === 'settle') {
    const settle = SettleSchema.safeParse({ order_id, method: form.get('method') });
    if (!settle.success) return data({ ok: false as const, message: 'Choose card or cash.' }, { status: 400 });
    result = await settleOrder(supabase, order.id, settle.data.method);
  } else if (intent === 'split') {
    const split = SplitSchema.safeParse({ order_id, item_ids: form.getAll('item_id') });
    if (!split.success) {
      const message = split.error.issues[0]?.message ?? 'Choose the lines for the new check.';
      return data({ ok: false as const, message }, { status: 400 });
    }
    result = await splitOrder(supabase, order.id, split.data.item_ids);
  } else if (intent === 'request_bill') result = await requestBill(supabase, order.id);
  else if (intent === 'served') result = await markServed(supabase, order.id);
  else if (intent === 'close') result = await closeOrder(supabase, order.id);
  else if (intent === 'charge_room') {
    if (!order.booking_id)
      return data({ ok: false as const, message: 'Only room orders go to a room.' }, { status: 400 });
    result = await chargeToRoom(supabase, order.id, order.booking_id);
  } else {
    const tables = await listTables(supabase, property.id);
    const table = tables.find((t) => t.id === order.table_resource_id);
    result = await chargeToTab(
      supabase,
      property.id,
      order.id,
      table ? `Table ${table.name}` : 'Counter',
      table?.id ?? null,
    );
  }
  if (result.error) {
    const failure = placeOrderFailure(result.error);
    return data(
      { ok: false as const, message: failure.message },
      { status: failure.status === 502 ? 400 : failure.status },
    );
  }
  return { ok: true as const, message: DONE[intent] ?? 'Done.' };
}

export default function PosRoute() {
  return <PosScreen data={useLoaderData<typeof loader>()} />;
}
