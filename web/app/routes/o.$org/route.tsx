// The portal's frame for one organization: the switcher, the navigation the user's role opens,
// and the account menu. Each child route guards itself too (loaders run in parallel).
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, NavLink, Outlet, useLoaderData, useRouteError } from '@remix-run/react';
import { ErrorPage } from '../../components/error-page.tsx';
import { NotificationBell } from '../../components/notification-bell.tsx';
import { SignOutForm } from '../../components/sign-out-form.tsx';
import { listMyOrganizations } from '../../data/memberships.server.ts';
import { logoUrl } from '../../data/organizations.server.ts';
import { getProfile } from '../../data/profiles.server.ts';
import { requireMember } from '../../utils/auth.server.ts';
import { ROLE_LABELS, type Role, roleAtLeast } from '../../utils/roles.ts';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organization.name ?? 'Roost'} · Roost` },
];

/** The portal's sections and the least role each needs (the routes enforce the same). */
const SECTIONS: { to: string; label: string; minRole: Role }[] = [
  { to: '', label: 'Overview', minRole: 'viewer' },
  { to: 'dashboard', label: 'Dashboard', minRole: 'viewer' },
  { to: 'properties', label: 'Properties', minRole: 'viewer' },
  { to: 'guests', label: 'Guests', minRole: 'staff' },
  { to: 'catalogue', label: 'Catalogue', minRole: 'manager' },
  { to: 'vendors', label: 'Vendors', minRole: 'staff' },
  { to: 'maintenance', label: 'Maintenance costs', minRole: 'manager' },
  { to: 'members', label: 'Members', minRole: 'manager' },
  { to: 'settings', label: 'Settings', minRole: 'admin' },
  { to: 'emails', label: 'Emails', minRole: 'admin' },
  { to: 'webhooks', label: 'Webhooks', minRole: 'admin' },
  { to: 'widget-keys', label: 'Widget keys', minRole: 'admin' },
  { to: 'jobs', label: 'Jobs', minRole: 'staff' },
  { to: 'audit', label: 'Audit log', minRole: 'admin' },
  { to: 'settings/retention', label: 'Data retention', minRole: 'admin' },
  { to: 'settings/offboarding', label: 'Export or delete', minRole: 'owner' },
  { to: 'billing', label: 'Billing', minRole: 'owner' },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, organization, membership } = await requireMember(request, context, params.org);
  const [organizations, profile] = await Promise.all([
    listMyOrganizations(context.supabase, user.id),
    getProfile(context.supabase, user.id),
  ]);
  return {
    user: { email: user.email, name: profile?.displayName ?? null },
    organization: {
      slug: organization.slug,
      name: organization.name,
      logo: logoUrl(context.supabase, organization.logo_path),
    },
    role: membership.role,
    organizations: organizations.map(({ slug, name }) => ({ slug, name })),
  };
}

export default function OrganizationShell() {
  const { user, organization, role, organizations } = useLoaderData<typeof loader>();
  const others = organizations.filter((org) => org.slug !== organization.slug);
  return (
    <div className="shell">
      <header className="topbar">
        <Link to="/?pick" className="brand brand-link">
          Roost
        </Link>
        <details className="switcher">
          <summary aria-label={`Organization: ${organization.name}. Switch organization`}>
            {organization.logo ? (
              <img src={organization.logo} alt="" className="switcher-logo" width={32} height={32} />
            ) : null}
            {organization.name}
          </summary>
          <div className="switcher-menu">
            {others.length ? (
              <ul>
                {others.map((org) => (
                  <li key={org.slug}>
                    <Link to={`/o/${org.slug}`}>{org.name}</Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">You belong to no other organization.</p>
            )}
            <Link to="/?pick" className="switcher-all">
              All organizations
            </Link>
          </div>
        </details>
        <NotificationBell />
        <details className="account">
          <summary aria-label={`Account: ${user.email}`}>
            <span className="account-email">{user.email}</span>
          </summary>
          <div className="account-menu">
            <p>
              <strong>{user.name ?? user.email}</strong>
              <br />
              {user.name ? (
                <>
                  <span className="muted">{user.email}</span>
                  <br />
                </>
              ) : null}
              <span className="muted">
                {ROLE_LABELS[role]} of {organization.name}
              </span>
            </p>
            <p>
              <Link to="/account">Your account</Link>
            </p>
            <SignOutForm />
          </div>
        </details>
      </header>
      <nav className="sidenav" aria-label="Portal">
        <ul>
          {SECTIONS.filter((section) => roleAtLeast(role, section.minRole)).map((section) => (
            <li key={section.label}>
              <NavLink
                to={`/o/${organization.slug}${section.to ? `/${section.to}` : ''}`}
                end={!section.to || section.to === 'settings'}
              >
                {section.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content" id="main">
        <Outlet />
      </main>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
