// The kitchen/bar display (KDS) of a property, per station: submitted orders with lines routed
// to the station, oldest first, their lines grouped by course, a timer each (late after the
// target), bump a line or a whole ticket (the database's status flow decides and may refuse),
// recall the last bumped ticket, and an alert on a new one. Live through Realtime; offline, the
// last tickets stay on screen marked stale. Staff and up who work in the property.
import { type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import {
  bumpItem,
  bumpTicket,
  DEFAULT_TARGET_MINUTES,
  lastBumped,
  listKitchenStations,
  listTickets,
} from '../../data/kitchen.server.ts';
import kitchenStyles from '../../styles/kitchen.css?url';
import { databaseFailure } from '../../utils/database-errors.ts';
import { parseForm } from '../../utils/forms.ts';
import { requireStaffProperty } from '../../utils/staff-access.server.ts';
import { BumpItemSchema, BumpTicketSchema } from './kitchen.schema.ts';
import { KitchenDisplay } from './kitchen-display.tsx';
import { KITCHEN_ERRORS } from './kitchen-errors.server.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: kitchenStyles }];

export async function loader(args: LoaderFunctionArgs) {
  const { property } = await requireStaffProperty(args);
  const supabase = args.context.supabase;
  const search = new URL(args.request.url).searchParams;
  const stations = await listKitchenStations(supabase, property.id);
  const wanted = search.get('station');
  const station = stations.find((entry) => entry.id === wanted) ?? null;
  if (wanted && wanted !== 'all' && !station) {
    throw data({ message: 'No such station at this property.' }, { status: 404 });
  }
  const now = new Date();
  const tickets = await listTickets(supabase, property.id, station?.id ?? null, now);
  const recallId = search.get('recall');
  const recalled = tickets.find((ticket) => ticket.bumped && ticket.orderId === recallId) ?? null;
  return {
    property: { id: property.id, name: property.name, timeZone: property.time_zone },
    stations,
    station: station ? { id: station.id, name: station.name } : null,
    stationChosen: wanted !== null,
    tickets: tickets.filter((ticket) => !ticket.bumped),
    recalled,
    lastBumpedId: lastBumped(tickets)?.orderId ?? null,
    targetMinutes: DEFAULT_TARGET_MINUTES,
    loadedAt: now.toISOString(),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { property } = await requireStaffProperty(args);
  const supabase = args.context.supabase;
  const form = await args.request.formData();
  const intent = String(form.get('intent'));
  const refused = (failure: { formError?: string }) =>
    data({ ok: false as const, formError: failure.formError ?? 'Nothing was bumped. Try again.' }, { status: 400 });
  if (intent === 'bump-item') {
    const parsed = parseForm(BumpItemSchema, form);
    if (!parsed.ok) return refused({ formError: parsed.failure.fieldErrors.item_id?.[0] });
    const result = await bumpItem(supabase, property.id, parsed.value.item_id);
    if (result.error) return refused(databaseFailure(result.error, KITCHEN_ERRORS));
    return { ok: true as const, formError: null };
  }
  if (intent === 'bump-ticket') {
    const parsed = parseForm(BumpTicketSchema, form);
    if (!parsed.ok) return refused({ formError: Object.values(parsed.failure.fieldErrors)[0]?.[0] });
    const { order_id, station_id } = parsed.value;
    const result = await bumpTicket(supabase, property.id, order_id, station_id || null);
    if (result.error) return refused(databaseFailure(result.error, KITCHEN_ERRORS));
    return { ok: true as const, formError: null };
  }
  throw data({ message: 'Unknown form.' }, { status: 400 });
}

export default function KitchenScreen() {
  const loaded = useLoaderData<typeof loader>();
  // A new station starts a new display (its own "seen" tickets for the alert).
  return <KitchenDisplay key={loaded.station?.id ?? 'all'} {...loaded} />;
}
