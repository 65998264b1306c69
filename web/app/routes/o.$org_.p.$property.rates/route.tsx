// Rate suggestions for a property's managers (issue 15 item 6, decision 028): the bounds each room
// type's price keeps to, and per night and room type what the database suggests from the occupancy
// forecast and the bookings on the books against last year. Nothing changes a price until a manager
// ticks suggestions and confirms; accept_rate_suggestions then writes the rate overrides and the
// audit trail in one transaction. Managers and above only: a lower role gets 403 on page and post.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { useLoaderData, useSearchParams } from '@remix-run/react';
import { ScreenErrorBoundary } from '../../components/error-page.tsx';
import { PeriodPicker } from '../../components/period-picker.tsx';
import {
  acceptRateSuggestions,
  listRateBounds,
  listRateSuggestions,
  listRoomTypes,
  saveRateBounds,
} from '../../data/rates.server.ts';
import dashboardStyles from '../../styles/dashboard.css?url';
import frontDeskStyles from '../../styles/front-desk.css?url';
import { addDays, formatDate, todayIn } from '../../utils/calendar-dates.ts';
import { databaseFailure, type ErrorPlacement } from '../../utils/database-errors.ts';
import { parseForm } from '../../utils/forms.ts';
import { requireStaffProperty } from '../../utils/staff-access.server.ts';
import { BoundsForms } from './bounds-forms.tsx';
import ratesStyles from './rates.css?url';
import { AcceptSchema, boundsSchema, DEFAULT_NIGHTS, ratesPeriod } from './rates.schema.ts';
import { SuggestionsTable } from './suggestions-table.tsx';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: frontDeskStyles },
  // The period picker's styles.
  { rel: 'stylesheet', href: dashboardStyles },
  { rel: 'stylesheet', href: ratesStyles },
];

export const meta: MetaFunction = () => [{ title: 'Rates · Roost' }];

/** Rows per page of the suggestions table (a page is what one "Accept selected" covers). */
export const PAGE_SIZE = 60;

export async function loader(args: LoaderFunctionArgs) {
  const { property } = await requireStaffProperty(args, 'manager');
  const search = new URL(args.request.url).searchParams;
  const today = todayIn(property.time_zone);
  const period = ratesPeriod(search, today);
  const [roomTypes, bounds, suggestions] = await Promise.all([
    listRoomTypes(args.context.supabase, property.id),
    listRateBounds(args.context.supabase, property.id),
    listRateSuggestions(args.context.supabase, property.id, period.from, period.to),
  ]);
  const pages = Math.max(1, Math.ceil(suggestions.length / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number.parseInt(search.get('page') ?? '1', 10) || 1));
  return {
    property: { id: property.id, name: property.name, currency: property.currency, timeZone: property.time_zone },
    today,
    period,
    roomTypes,
    bounds,
    suggestions: suggestions.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    total: suggestions.length,
    changes: suggestions.filter((s) => s.change_minor !== 0).length,
    page,
    pages,
  };
}

const BOUNDS_ERRORS: Record<string, ErrorPlacement> = {
  rate_bounds_floor_below_ceiling: { field: 'ceiling', message: 'The highest price cannot be below the lowest.' },
  rate_bounds_floor_range: { field: 'floor', message: 'Enter a price from 0.' },
  rate_bounds_step_positive: { field: 'step', message: 'The step must be more than zero.' },
  rate_bounds_type_fkey: { field: 'resource_type_id', message: 'Choose a room type of this property.' },
  '42501': { message: 'Only managers may set the bounds.' },
};

const ACCEPT_ERRORS: Record<string, ErrorPlacement> = {
  suggestion_changed: {
    message:
      'A suggestion changed since the page was loaded (new bookings or a new forecast). Review the table and accept again.',
  },
  no_rate_bounds: { message: 'Set the bounds of this room type first.' },
  invalid_stay_date: { message: 'Only nights from today to a year ahead can be repriced.' },
  override_not_effective: {
    message: 'Another rate override with the highest priority wins on one of these nights; lower it first.',
  },
  resource_type_not_found: { message: 'One of the room types no longer exists. Reload the page.' },
};

export async function action(args: ActionFunctionArgs) {
  const { property } = await requireStaffProperty(args, 'manager');
  const form = await args.request.formData();
  const intent = form.get('intent');
  const back = new URL(args.request.url);

  if (typeof intent === 'string' && intent.startsWith('bounds-')) {
    const parsed = parseForm(boundsSchema(property.currency), form);
    if (!parsed.ok) return data({ intent, ...parsed.failure }, { status: 400 });
    const { resource_type_id, floor, ceiling, step } = parsed.value;
    const saved = await saveRateBounds(args.context.supabase, property, {
      resource_type_id,
      floor_minor: floor,
      ceiling_minor: ceiling,
      max_step_minor: step,
    });
    if (saved.error) return data({ intent, ...databaseFailure(saved.error, BOUNDS_ERRORS) }, { status: 400 });
    back.searchParams.set('saved', intent);
    return redirect(`${back.pathname}${back.search}`);
  }

  if (intent === 'accept') {
    const parsed = AcceptSchema.safeParse(form.getAll('item'));
    if (!parsed.success) {
      return data(
        { intent, fieldErrors: {}, formError: parsed.error.issues[0]?.message ?? 'Tick the suggestions to accept.' },
        { status: 400 },
      );
    }
    const accepted = await acceptRateSuggestions(args.context.supabase, property.id, parsed.data);
    if (accepted.error) {
      return data({ intent, ...databaseFailure(accepted.error, ACCEPT_ERRORS) }, { status: 400 });
    }
    back.searchParams.set('saved', 'accept');
    back.searchParams.set('accepted', String(accepted.rows.filter((row) => row.changed).length));
    return redirect(`${back.pathname}${back.search}`);
  }

  return data({ intent: 'unknown', fieldErrors: {}, formError: 'Unknown action.' }, { status: 400 });
}

export default function RatesScreen() {
  const { property, today, period, roomTypes, bounds, suggestions, total, changes, page, pages } =
    useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const choices = [
    { label: `Next ${DEFAULT_NIGHTS} nights`, from: today, to: addDays(today, DEFAULT_NIGHTS - 1) },
    { label: 'Next 7 nights', from: today, to: addDays(today, 6) },
    { label: 'Next 90 nights', from: today, to: addDays(today, 89) },
  ];
  const withBounds = new Set(bounds.map((b) => b.resource_type_id));
  return (
    <div className="rates-screen">
      <header className="grid-header">
        <h1>Rates</h1>
        <p className="grid-span muted">
          {property.name} · prices per night in {property.currency} · {property.timeZone}
        </p>
      </header>

      <section className="section" aria-labelledby="bounds-heading">
        <h2 id="bounds-heading">Bounds per room type</h2>
        <p className="muted">
          Suggestions never go below the lowest price or above the highest, and one accepted change moves a price by at
          most the step.
        </p>
        {roomTypes.length ? (
          <BoundsForms roomTypes={roomTypes} bounds={bounds} currency={property.currency} />
        ) : (
          <p className="empty-state">This property has no room types yet. Add them on the property’s page first.</p>
        )}
      </section>

      <section className="section" aria-labelledby="suggestions-heading">
        <h2 id="suggestions-heading">Suggestions</h2>
        <p className="muted">
          From the latest occupancy forecast (70 % counts as normal) and the rooms on the books against the same weekday
          last year at the same time before arrival: the price moves by half the demand above or below normal, from the
          price before any accepted suggestion. Nothing changes until you accept.
        </p>
        <PeriodPicker from={period.from} to={period.to} choices={choices} />
        {params.get('saved') === 'accept' ? (
          <div className="alert alert-success" role="status">
            {params.get('accepted') === '0'
              ? 'These prices were already in place.'
              : `${params.get('accepted')} price${params.get('accepted') === '1' ? '' : 's'} changed. The table shows the new current prices.`}
          </div>
        ) : null}
        {withBounds.size === 0 ? (
          <p className="empty-state">Set the bounds of a room type above to see suggestions for it.</p>
        ) : total === 0 ? (
          <p className="empty-state">
            No suggestions for {formatDate(period.from)} – {formatDate(period.to)}: the room types with bounds need an
            active rate plan.
          </p>
        ) : (
          <SuggestionsTable
            key={`${period.from}-${period.to}-${page}-${params.get('accepted') ?? ''}`}
            suggestions={suggestions}
            currency={property.currency}
            total={total}
            changes={changes}
            page={page}
            pages={pages}
          />
        )}
      </section>
    </div>
  );
}

export { ScreenErrorBoundary as ErrorBoundary };
