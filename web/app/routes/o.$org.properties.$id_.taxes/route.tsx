// A property's taxes and fees (managers of it and up; staff and viewers get 403): list a page at
// a time, add, edit, deactivate, or remove after a confirmation. The price check on the rate
// plans page shows what they add to a guest's price; property_taxes' constraints decide.
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { SavedNotice } from '../../components/checked-form.tsx';
import { IntentError } from '../../components/intent-error.tsx';
import { Pagination } from '../../components/pagination.tsx';
import { PropertyNav } from '../../components/property-nav.tsx';
import { createTax, getTax, listTaxes, removeTax, TAXES_PAGE_SIZE, updateTax } from '../../data/taxes.server.ts';
import { databaseFailure } from '../../utils/database-errors.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import { requireProperty } from '../../utils/property-access.server.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

import pricingStyles from '../../styles/pricing.css?url';
import { TaxActiveSchema, TaxIdSchema, taxSchema } from './tax.schema.ts';
import { TAX_ERRORS } from './tax-errors.server.ts';
import { TaxForm } from './tax-form.tsx';
import { RemoveTaxPanel, TaxTable } from './tax-list.tsx';

export const links = () => [{ rel: 'stylesheet', href: pricingStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Taxes and fees · ${data?.property.name ?? 'Property'} · Roost` },
];

export async function loader(args: LoaderFunctionArgs) {
  const { organization, property } = await requireProperty(args);
  const supabase = args.context.supabase;
  const url = new URL(args.request.url);
  const page = Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1);
  // The row opened for editing or removal is read on its own: it may be on another page.
  const opened = url.searchParams.get('tax') ?? url.searchParams.get('remove');
  const [{ taxes, total }, openedTax] = await Promise.all([
    listTaxes(supabase, property.id, page - 1),
    opened ? getTax(supabase, property.id, opened) : Promise.resolve(null),
  ]);
  return {
    organization: { slug: organization.slug, locale: organization.locale },
    property: { id: property.id, name: property.name, time_zone: property.time_zone, currency: property.currency },
    taxes,
    total,
    page,
    pageSize: TAXES_PAGE_SIZE,
    editing: url.searchParams.has('tax') ? openedTax : null,
    removing: url.searchParams.has('remove') ? openedTax : null,
  };
}

type Intent = 'add-tax' | 'edit-tax' | 'tax-active' | 'remove-tax';
const failed = (intent: Intent, failure: FormFailure) => data({ intent, ...failure }, { status: 400 });

export async function action(args: ActionFunctionArgs) {
  const { organization, property } = await requireProperty(args);
  const supabase = args.context.supabase;
  const form = await args.request.formData();
  const intent = String(form.get('intent')) as Intent;
  const done = (what: Intent) =>
    redirect(`/o/${organization.slug}/properties/${property.id}/taxes?saved=${what}#taxes-heading`);
  switch (intent) {
    case 'add-tax':
    case 'edit-tax': {
      const parsed = parseForm(taxSchema(property.currency), form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      let saved: Awaited<ReturnType<typeof createTax>>;
      if (intent === 'add-tax') {
        saved = await createTax(supabase, property, parsed.value);
      } else {
        const id = parseForm(TaxIdSchema, form);
        if (!id.ok) return failed(intent, { fieldErrors: {}, formError: 'Choose a tax or fee to edit.' });
        saved = await updateTax(supabase, property.id, id.value.tax_id, parsed.value);
      }
      if (saved.error) return failed(intent, databaseFailure(saved.error, TAX_ERRORS));
      throw done(intent);
    }
    case 'tax-active': {
      const parsed = parseForm(TaxActiveSchema, form);
      if (!parsed.ok) throw data({ message: 'Choose a tax or fee.' }, { status: 400 });
      const saved = await updateTax(supabase, property.id, parsed.value.tax_id, { active: parsed.value.active });
      if (saved.error) return failed(intent, databaseFailure(saved.error, TAX_ERRORS));
      throw done(intent);
    }
    case 'remove-tax': {
      const parsed = parseForm(TaxIdSchema, form);
      if (!parsed.ok) throw data({ message: 'Choose a tax or fee.' }, { status: 400 });
      const saved = await removeTax(supabase, property.id, parsed.value.tax_id);
      if (saved.error) return failed(intent, databaseFailure(saved.error, TAX_ERRORS));
      throw done(intent);
    }
    default:
      throw data({ message: 'Unknown form.' }, { status: 400 });
  }
}

export default function TaxesAndFees() {
  const { organization, property, taxes, total, page, pageSize, editing, removing } = useLoaderData<typeof loader>();
  const base = `/o/${organization.slug}/properties/${property.id}`;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (params: Record<string, string>) =>
    `?${new URLSearchParams({ ...(page > 1 ? { page: String(page) } : {}), ...params })}`;
  const back = `${href({})}#taxes-heading`;
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/o/${organization.slug}/properties`}>Properties</Link>
      </p>
      <h1>{property.name}</h1>
      <p className="muted">
        {property.time_zone.replaceAll('_', ' ')} · Amounts in {property.currency}
      </p>
      <PropertyNav base={base} />
      <section className="section" aria-labelledby="taxes-heading">
        <h2 id="taxes-heading">Taxes and fees</h2>
        <p className="muted">
          Charged on every booking they apply to: a percentage of each night or slot, or a fixed amount per night or
          slot. Added ones raise the guest’s total; included ones are shown as part of the price. The{' '}
          <Link to={`${base}/rates#check-heading`}>price check</Link> shows the result.
        </p>
        <SavedNotice intent="tax-active" text="Tax or fee updated." />
        <SavedNotice intent="remove-tax" text="Tax or fee removed." />
        <IntentError intent="tax-active" />
        <IntentError intent="remove-tax" />
        {removing ? <RemoveTaxPanel tax={removing} back={back} /> : null}
        {taxes.length ? (
          <TaxTable
            taxes={taxes}
            locale={organization.locale}
            href={(params) => `${href(params)}#${'tax' in params ? 'tax-form' : 'taxes-heading'}`}
          />
        ) : (
          <p className="empty-state">
            {page > 1
              ? 'No taxes or fees on this page.'
              : 'No taxes or fees yet: guests pay the rate plans’ prices only. Add VAT or a city tax below.'}
          </p>
        )}
        <Pagination page={page} pages={pages} href={(n) => `${n > 1 ? `?page=${n}` : '?'}#taxes-heading`} />
      </section>
      <TaxForm currency={property.currency} count={total} tax={editing ?? undefined} back={back} />
    </>
  );
}
