// Properties of the organization that the user works in (RLS leaves out the others, so a member
// restricted to some properties sees only those). Everyone reads; managers open a property to
// change it, and unrestricted managers and up add new ones (the policies allow the same).
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react';
import { TextField } from '../../components/forms.tsx';
import { Pagination } from '../../components/pagination.tsx';
import { listPropertyPage } from '../../data/properties.server.ts';
import { requireMember } from '../../utils/auth.server.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

import { roleAtLeast } from '../../utils/roles.ts';
import { KIND_LABELS } from '../o.$org.properties.$id/labels.ts';

export const meta: MetaFunction = () => [{ title: 'Properties · Roost' }];

const PER_PAGE = 25;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organization, membership } = await requireMember(request, context, params.org);
  const query = new URL(request.url).searchParams;
  const search = (query.get('q') ?? '').trim().slice(0, 100);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(query.get('page') ?? '', 10) || 1));
  const { properties, total } = await listPropertyPage(context.supabase, organization.id, {
    page,
    perPage: PER_PAGE,
    search,
  });
  const canEdit = roleAtLeast(membership.role, 'manager');
  return {
    canOperate: roleAtLeast(membership.role, 'staff'),
    organization: { slug: organization.slug, name: organization.name },
    properties,
    total,
    search,
    page,
    pages: Math.max(1, Math.ceil(total / PER_PAGE)),
    canEdit,
    canCreate: canEdit && membership.allProperties,
  };
}

export default function Properties() {
  const { organization, properties, total, search, page, pages, canEdit, canCreate, canOperate } =
    useLoaderData<typeof loader>();
  const location = useLocation();
  const pageHref = (to: number) => {
    const params = new URLSearchParams(location.search);
    params.set('page', String(to));
    return `?${params}`;
  };
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Properties</h1>
          <p className="muted">
            {canEdit
              ? search
                ? `${total === 1 ? '1 property matches' : `${total} properties match`} “${search}”.`
                : `${total === 1 ? '1 property' : `${total} properties`} of ${organization.name}.`
              : `The properties of ${organization.name} you work in. A manager can change them.`}
          </p>
        </div>
        {canCreate && (total || search) ? (
          <Link to="new" className="button button-primary">
            New property
          </Link>
        ) : null}
      </div>
      {total > PER_PAGE || search ? (
        <Form method="get" className="filters filters-compact" aria-label="Find a property" key={location.search}>
          <TextField label="Name contains" name="q" type="search" defaultValue={search} maxLength={100} />
          <div className="filters-actions">
            <button type="submit" className="button">
              Find
            </button>
            {search ? (
              <Link to="." className="button">
                Show all
              </Link>
            ) : null}
          </div>
        </Form>
      ) : null}
      {properties.length ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Time zone</th>
              <th scope="col">Currency</th>
              {canOperate ? (
                <th scope="col">
                  <span className="visually-hidden">Staff screens</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {properties.map((property) => (
              <tr key={property.id}>
                <td>
                  {canEdit ? (
                    <Link to={property.id} className="table-link">
                      {property.name}
                    </Link>
                  ) : (
                    property.name
                  )}
                </td>
                <td>{KIND_LABELS[property.kind]}</td>
                <td>{property.time_zone.replaceAll('_', ' ')}</td>
                <td>{property.currency}</td>
                {canOperate ? (
                  <td className="row-actions">
                    <Link
                      to={`/o/${organization.slug}/p/${property.id}`}
                      className="button button-small"
                      aria-label={`Open the staff screens of ${property.name}`}
                    >
                      Open
                    </Link>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : search || page > 1 ? (
        <p className="empty-state">No property on this page matches. Try another name, or show all.</p>
      ) : (
        <div className="empty-state">
          <p>
            <strong>No properties yet.</strong>
          </p>
          <p className="muted">
            {canCreate
              ? 'Add your first hotel, restaurant or venue to set up its rooms, tables and booking rules.'
              : 'When a manager adds a property you work in, it appears here.'}
          </p>
          {canCreate ? (
            <Link to="new" className="button button-primary">
              Add a property
            </Link>
          ) : null}
        </div>
      )}
      <Pagination page={page} pages={pages} href={pageHref} labels={{ previous: '← Previous', next: 'Next →' }} />
    </>
  );
}
