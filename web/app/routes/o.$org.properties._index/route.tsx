// Properties of the organization that the user works in (RLS leaves out the others, so a member
// restricted to some properties sees only those). Everyone reads; managers open a property to
// change it, and unrestricted managers and up add new ones (the policies allow the same).
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { listProperties } from '../../data/properties.server.ts';
import { requireMember } from '../../utils/auth.server.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

import { roleAtLeast } from '../../utils/roles.ts';
import { KIND_LABELS } from '../o.$org.properties.$id/labels.ts';

export const meta: MetaFunction = () => [{ title: 'Properties · Roost' }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organization, membership } = await requireMember(request, context, params.org);
  const properties = await listProperties(context.supabase, organization.id);
  const canEdit = roleAtLeast(membership.role, 'manager');
  return {
    organization: { slug: organization.slug, name: organization.name },
    properties,
    canEdit,
    canCreate: canEdit && membership.allProperties,
  };
}

export default function Properties() {
  const { organization, properties, canEdit, canCreate } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Properties</h1>
          <p className="muted">
            {canEdit
              ? `${properties.length === 1 ? '1 property' : `${properties.length} properties`} of ${organization.name}.`
              : `The properties of ${organization.name} you work in. A manager can change them.`}
          </p>
        </div>
        {canCreate && properties.length ? (
          <Link to="new" className="button button-primary">
            New property
          </Link>
        ) : null}
      </div>
      {properties.length ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Time zone</th>
              <th scope="col">Currency</th>
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
              </tr>
            ))}
          </tbody>
        </table>
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
    </>
  );
}
