// A property's rate plans (managers of it and up; staff and viewers get 403): plans per resource
// type with weekday prices and stay and guest rules, date prices, and a price check that asks
// the database's own search what a guest would pay. Forms post an intent; RLS, constraints and
// private.quote decide, and their answers show on the fields.
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { SavedNotice } from '../../components/checked-form.tsx';
import { IntentError } from '../../components/intent-error.tsx';
import { PropertyNav } from '../../components/property-nav.tsx';
import {
  addDateOverride,
  checkPrices,
  createRatePlan,
  listRatePlans,
  listUpcomingDateOverrides,
  listWeekdayPrices,
  OVERRIDES_PAGE_SIZE,
  type PriceRequest,
  removeDateOverride,
  setRatePlanActive,
  updateRatePlan,
} from '../../data/rate-plans.server.ts';
import { listResourceTypes } from '../../data/resources.server.ts';
import { addDays, todayIn } from '../../utils/calendar-dates.ts';
import { databaseFailure } from '../../utils/database-errors.ts';
import { type FormFailure, formFields, parseForm } from '../../utils/forms.ts';
import { requireProperty } from '../../utils/property-access.server.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

import pricingStyles from '../../styles/pricing.css?url';
import { DatePrices } from './date-prices.tsx';
import { PlanForm } from './plan-form.tsx';
import { PlanTables } from './plans.tsx';
import { PriceCheck, type PriceCheckState } from './price-check.tsx';
import { OVERRIDE_ERRORS, PLAN_ERRORS, PRICE_CHECK_ERRORS } from './rate-errors.server.ts';
import {
  dateOverrideSchema,
  OverrideIdSchema,
  PlanActiveSchema,
  PlanIdSchema,
  ratePlanSchema,
  SlotCheckSchema,
  StayCheckSchema,
} from './rate-plan.schema.ts';

export const links = () => [{ rel: 'stylesheet', href: pricingStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Rate plans · ${data?.property.name ?? 'Property'} · Roost` },
];

const pageOf = (value: string | null) => Math.max(1, Number.parseInt(value ?? '1', 10) || 1);

/** The price check in the URL, checked; the database's answer when it is well formed. */
async function priceCheck(args: LoaderFunctionArgs, propertyId: string): Promise<PriceCheckState | null> {
  const url = new URL(args.request.url);
  const kind = url.searchParams.get('check');
  if (kind !== 'stay' && kind !== 'slot') return null;
  const form = new FormData();
  for (const [key, value] of url.searchParams) form.append(key, value);
  const values = formFields(form);
  const parsed = kind === 'stay' ? parseForm(StayCheckSchema, form) : parseForm(SlotCheckSchema, form);
  if (!parsed.ok) return { kind, values, failure: parsed.failure, offers: null };
  const input = parsed.value;
  const request: PriceRequest =
    input.check === 'stay'
      ? { unit: 'night', arrival: input.arrival, departure: input.departure, guests: input.guests }
      : { unit: 'slot', arrival: input.arrival, time: input.time, duration: input.duration, guests: input.guests };
  const answer = await checkPrices(args.context.supabase, propertyId, request);
  if (answer.error) return { kind, values, failure: databaseFailure(answer.error, PRICE_CHECK_ERRORS), offers: null };
  const offers = answer.row.filter((offer) => offer.resource_type_id === input.resource_type_id);
  return { kind, values, failure: null, offers };
}

export async function loader(args: LoaderFunctionArgs) {
  const { organization, property } = await requireProperty(args);
  const supabase = args.context.supabase;
  const url = new URL(args.request.url);
  const page = pageOf(url.searchParams.get('page'));
  const today = todayIn(property.time_zone);
  const [types, plans, weekdays, dated, check] = await Promise.all([
    listResourceTypes(supabase, property.id),
    listRatePlans(supabase, property.id),
    listWeekdayPrices(supabase, property.id),
    listUpcomingDateOverrides(supabase, property.id, today, page - 1),
    priceCheck(args, property.id),
  ]);
  return {
    organization: { slug: organization.slug, locale: organization.locale },
    property: { id: property.id, name: property.name, time_zone: property.time_zone, currency: property.currency },
    types,
    plans,
    weekdayPrices: weekdays.prices,
    weekdayOverrideIds: weekdays.overrideIds,
    overrides: dated.overrides,
    overridesTotal: dated.total,
    page,
    pageSize: OVERRIDES_PAGE_SIZE,
    today,
    editing: url.searchParams.get('plan'),
    removing: url.searchParams.get('remove'),
    check,
    checkDefaults: { arrival: addDays(today, 14), departure: addDays(today, 16) },
  };
}

type Intent = 'add-plan' | 'edit-plan' | 'plan-active' | 'add-override' | 'remove-override';
const failed = (intent: Intent, failure: FormFailure) => data({ intent, ...failure }, { status: 400 });

export async function action(args: ActionFunctionArgs) {
  const { organization, property } = await requireProperty(args);
  const supabase = args.context.supabase;
  const form = await args.request.formData();
  const intent = String(form.get('intent')) as Intent;
  const base = `/o/${organization.slug}/properties/${property.id}/rates`;
  const done = (what: Intent, search = '') => redirect(`${base}?saved=${what}${search}`);
  switch (intent) {
    case 'add-plan':
    case 'edit-plan': {
      const parsed = parseForm(ratePlanSchema(property.currency), form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      const { plan, weekdays } = parsed.value;
      let saved: Awaited<ReturnType<typeof createRatePlan>>;
      if (intent === 'add-plan') {
        saved = await createRatePlan(supabase, property, plan, weekdays);
      } else {
        const id = parseForm(PlanIdSchema, form);
        if (!id.ok) return failed(intent, { fieldErrors: {}, formError: 'Choose a rate plan to edit.' });
        saved = await updateRatePlan(supabase, property, id.value.plan_id, plan, weekdays);
      }
      if (saved.error) return failed(intent, databaseFailure(saved.error, PLAN_ERRORS));
      throw done(intent, '#plans-heading');
    }
    case 'plan-active': {
      const parsed = parseForm(PlanActiveSchema, form);
      if (!parsed.ok) throw data({ message: 'Choose a rate plan.' }, { status: 400 });
      const saved = await setRatePlanActive(supabase, property.id, parsed.value.plan_id, parsed.value.active);
      if (saved.error) return failed(intent, databaseFailure(saved.error, PLAN_ERRORS));
      throw done(intent, '#plans-heading');
    }
    case 'add-override': {
      const parsed = parseForm(dateOverrideSchema(property.currency), form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      const saved = await addDateOverride(supabase, property, parsed.value);
      if (saved.error) return failed(intent, databaseFailure(saved.error, OVERRIDE_ERRORS));
      throw done(intent, '#dates-heading');
    }
    case 'remove-override': {
      const parsed = parseForm(OverrideIdSchema, form);
      if (!parsed.ok) throw data({ message: 'Choose a date price.' }, { status: 400 });
      const saved = await removeDateOverride(supabase, property.id, parsed.value.override_id);
      if (saved.error) return failed(intent, databaseFailure(saved.error, OVERRIDE_ERRORS));
      const page = pageOf(String(form.get('page') ?? '1'));
      throw done(intent, `${page > 1 ? `&page=${page}` : ''}#dates-heading`);
    }
    default:
      throw data({ message: 'Unknown form.' }, { status: 400 });
  }
}

export default function RatePlans() {
  const data = useLoaderData<typeof loader>();
  const { organization, property, types, plans, weekdayPrices } = data;
  const locale = organization.locale;
  const base = `/o/${organization.slug}/properties/${property.id}`;
  const editingPlan = plans.find((plan) => plan.id === data.editing);
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/o/${organization.slug}/properties`}>Properties</Link>
      </p>
      <h1>{property.name}</h1>
      <p className="muted">
        {property.time_zone.replaceAll('_', ' ')} · Prices in {property.currency}
      </p>
      <PropertyNav base={base} />
      {types.length ? (
        <>
          <section className="section" aria-labelledby="plans-heading">
            <h2 id="plans-heading">Rate plans</h2>
            <p className="muted">
              Each plan prices one resource type. Guests are offered every active plan whose stay limits fit; inactive
              plans stay on past bookings.
            </p>
            <SavedNotice intent="plan-active" text="Rate plan updated." />
            <IntentError intent="plan-active" />
            <PlanTables types={types} plans={plans} weekdayPrices={weekdayPrices} locale={locale} />
          </section>
          <PlanForm
            types={types}
            currency={property.currency}
            planCount={plans.length}
            editing={editingPlan ? { plan: editingPlan, weekdays: weekdayPrices[editingPlan.id] } : undefined}
          />
          <DatePrices
            overrides={data.overrides}
            total={data.overridesTotal}
            page={data.page}
            pageSize={data.pageSize}
            plans={plans}
            types={types}
            currency={property.currency}
            locale={locale}
            today={data.today}
            removing={data.removing}
          />
          <PriceCheck
            types={types}
            currency={property.currency}
            locale={locale}
            defaults={data.checkDefaults}
            weekdayOverrideIds={data.weekdayOverrideIds}
            check={data.check}
          />
        </>
      ) : (
        <section className="section" aria-labelledby="plans-heading">
          <h2 id="plans-heading">Rate plans</h2>
          <div className="empty-state">
            <p>
              This property has no resource types yet. A rate plan prices a type, such as Double room or Table for four.
            </p>
            <p>
              <Link className="button button-primary" to={`${base}#types-heading`}>
                Add a resource type
              </Link>
            </p>
          </div>
        </section>
      )}
    </>
  );
}
