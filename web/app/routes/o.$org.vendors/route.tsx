// Vendors (staff read, managers and up write): the organization's contractors and suppliers that
// work orders ask for quotes, a page at a time; add one, archive one no longer used (its quotes
// stay), restore it.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { CheckedForm, FormButton, SavedNotice } from '../../components/checked-form.tsx';
import { ScreenErrorBoundary } from '../../components/error-page.tsx';
import { FormError, TextField } from '../../components/forms.tsx';
import { Pagination } from '../../components/pagination.tsx';
import { createVendor, listVendorPage, updateVendor } from '../../data/vendors.server.ts';
import maintenanceStyles from '../../styles/maintenance.css?url';
import { requireMember } from '../../utils/auth.server.ts';
import { databaseFailure } from '../../utils/database-errors.ts';
import { parseForm } from '../../utils/forms.ts';
import { roleAtLeast } from '../../utils/roles.ts';
import { archiveSchema, VENDOR_ERRORS, vendorSchema } from './vendors.schema.ts';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: maintenanceStyles }];
export const meta: MetaFunction = () => [{ title: 'Vendors · Roost' }];

const PER_PAGE = 25;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organization, membership } = await requireMember(request, context, params.org, 'staff');
  const requested = Number(new URL(request.url).searchParams.get('page'));
  const page = Number.isInteger(requested) && requested >= 1 && requested <= 10_000 ? requested : 1;
  const { vendors, total } = await listVendorPage(context.supabase, organization.id, { page, perPage: PER_PAGE });
  return {
    slug: organization.slug,
    canEdit: roleAtLeast(membership.role, 'manager'),
    vendors,
    page,
    pages: Math.max(1, Math.ceil(total / PER_PAGE)),
    total,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'manager');
  const form = await request.formData();
  const intent = String(form.get('intent') ?? '');
  if (intent === 'archive') {
    const parsed = parseForm(archiveSchema, form);
    if (!parsed.ok) return data({ ...parsed.failure, intent }, { status: 400 });
    const saved = await updateVendor(context.supabase, organization.id, parsed.value.vendor_id, {
      active: parsed.value.active,
    });
    if (saved.error) return data({ ...databaseFailure(saved.error, VENDOR_ERRORS), intent }, { status: 400 });
    throw redirect(`?saved=${parsed.value.active ? 'restored' : 'archived'}`);
  }
  const parsed = parseForm(vendorSchema, form);
  if (!parsed.ok) return data({ ...parsed.failure, intent: 'add' }, { status: 400 });
  const saved = await createVendor(context.supabase, organization.id, parsed.value);
  if (saved.error) return data({ ...databaseFailure(saved.error, VENDOR_ERRORS), intent: 'add' }, { status: 400 });
  throw redirect('?saved=add');
}

export default function Vendors() {
  const { slug, canEdit, vendors, page, pages, total } = useLoaderData<typeof loader>();
  const href = (n: number) => (n > 1 ? `/o/${slug}/vendors?page=${n}` : `/o/${slug}/vendors`);
  return (
    <>
      <h1>Vendors</h1>
      <p className="muted">
        Contractors and suppliers your properties ask for quotes from a work order (Maintenance, in each property’s
        staff screens). {total} vendor{total === 1 ? '' : 's'}.
      </p>
      <SavedNotice intent="add" text="Vendor added." />
      <SavedNotice intent="archived" text="Vendor archived: no new quote requests go to them." />
      <SavedNotice intent="restored" text="Vendor restored." />
      {vendors.length === 0 ? (
        <p className="empty-state">
          No vendors yet.{' '}
          {canEdit ? 'Add the plumbers, electricians and others you work with below.' : 'A manager can add them.'}
        </p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Trade</th>
              <th scope="col">Email</th>
              <th scope="col">Phone</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {vendors.map((vendor) => (
              <tr key={vendor.id} className={vendor.active ? undefined : 'muted'}>
                <td>
                  {vendor.name}
                  {vendor.notes ? <span className="cell-note"> {vendor.notes}</span> : null}
                </td>
                <td>{vendor.trade ?? '—'}</td>
                <td>
                  <a href={`mailto:${vendor.email}`}>{vendor.email}</a>
                </td>
                <td>{vendor.phone ?? '—'}</td>
                <td>
                  {canEdit ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="archive" />
                      <input type="hidden" name="vendor_id" value={vendor.id} />
                      <input type="hidden" name="active" value={vendor.active ? 'false' : 'true'} />
                      <button
                        type="submit"
                        className="button button-quiet"
                        aria-label={`${vendor.active ? 'Archive' : 'Restore'} ${vendor.name}`}
                        onClick={(event) => {
                          if (
                            vendor.active &&
                            !window.confirm(`Archive ${vendor.name}? No new quote requests go to them.`)
                          )
                            event.preventDefault();
                        }}
                      >
                        {vendor.active ? 'Archive' : 'Restore'}
                      </button>
                    </Form>
                  ) : vendor.active ? (
                    'Active'
                  ) : (
                    'Archived'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={page} pages={pages} href={href} labels={{ previous: '← Previous', next: 'Next →' }} />
      {canEdit ? (
        <section className="section" aria-labelledby="add-vendor">
          <h2 id="add-vendor">Add a vendor</h2>
          <CheckedForm intent="add" schema={vendorSchema} formKey={total} label="Add a vendor">
            {(errors) => (
              <>
                <FormError message={errors?.formError} />
                <div className="field-row field-row-2">
                  <TextField label="Name" name="name" required maxLength={120} errors={errors?.fieldErrors.name} />
                  <TextField
                    label="Trade"
                    name="trade"
                    maxLength={80}
                    hint="e.g. Plumbing"
                    errors={errors?.fieldErrors.trade}
                  />
                </div>
                <div className="field-row field-row-2">
                  <TextField label="Email" name="email" type="email" required errors={errors?.fieldErrors.email} />
                  <TextField label="Phone" name="phone" type="tel" maxLength={40} errors={errors?.fieldErrors.phone} />
                </div>
                <TextField label="Notes" name="notes" maxLength={2000} errors={errors?.fieldErrors.notes} />
                <FormButton label="Add vendor" />
              </>
            )}
          </CheckedForm>
        </section>
      ) : (
        <p className="muted">
          Managers add and archive vendors. <Link to={`/o/${slug}`}>Back to the overview</Link>
        </p>
      )}
    </>
  );
}

export { ScreenErrorBoundary as ErrorBoundary };
