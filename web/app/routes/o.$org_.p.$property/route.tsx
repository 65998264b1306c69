// The staff screens' frame for one property, full width for a tablet in landscape: the
// property, the screens its kind uses, who is signed in, and the way back to the portal. Each
// child route guards itself too (loaders run in parallel).
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, NavLink, Outlet, useLoaderData, useRouteError } from '@remix-run/react';
import { ErrorPage } from '../../components/error-page.tsx';
import { NotificationBell } from '../../components/notification-bell.tsx';
import staffStyles from '../../styles/staff.css?url';
import { ROLE_LABELS } from '../../utils/roles.ts';
import { requireStaffProperty } from '../../utils/staff-access.server.ts';
import { staffScreens } from './screens.ts';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: staffStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.property.name ?? 'Property'} · Roost` },
];

export async function loader(args: LoaderFunctionArgs) {
  const { user, organization, membership, property } = await requireStaffProperty(args);
  return {
    user: { email: user.email },
    organization: { slug: organization.slug, name: organization.name },
    property: { id: property.id, name: property.name, kind: property.kind },
    role: membership.role,
  };
}

export default function StaffShell() {
  const { user, organization, property, role } = useLoaderData<typeof loader>();
  const base = `/o/${organization.slug}/p/${property.id}`;
  return (
    <div className="staff-shell">
      <header className="staff-bar">
        <Link
          to={`/o/${organization.slug}`}
          className="staff-back"
          aria-label={`Back to ${organization.name}'s portal`}
        >
          ← Portal
        </Link>
        <p className="staff-property">
          <strong>{property.name}</strong>
          <span className="muted"> · {organization.name}</span>
        </p>
        <nav className="staff-nav" aria-label="Staff screens">
          <ul>
            {staffScreens(property.kind, role).map((screen) => (
              <li key={screen.to}>
                <NavLink to={`${base}/${screen.to}`}>{screen.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <NotificationBell />
        <p className="staff-user muted">
          {user.email} · {ROLE_LABELS[role]}
        </p>
      </header>
      <main className="staff-content" id="main">
        <Outlet />
      </main>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
