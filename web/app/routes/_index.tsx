// After signing in: the organizations the user belongs to. One organization: straight into it.
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { SignOutForm } from '../components/sign-out-form.tsx';
import { listMyOrganizations } from '../data/memberships.server.ts';
import { requireUser } from '../utils/auth.server.ts';
import { ROLE_LABELS } from '../utils/roles.ts';
import accountStyles from './account._index/account.css?url';

// .picker-actions (creating an organization, the account page) lives with the account page's styles.
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: accountStyles }];

export const meta: MetaFunction = () => [{ title: 'Your organizations · Roost' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const organizations = await listMyOrganizations(context.supabase, user.id);
  const url = new URL(request.url);
  if (organizations.length === 1 && !url.searchParams.has('pick')) {
    throw redirect(`/o/${(organizations[0] as { slug: string }).slug}`);
  }
  return { email: user.email, organizations };
}

export default function OrganizationPicker() {
  const { email, organizations } = useLoaderData<typeof loader>();
  return (
    <main className="centered">
      <div className="card picker-card">
        <p className="brand" aria-hidden="true">
          Roost
        </p>
        <h1>Choose an organization</h1>
        <p className="muted">Signed in as {email}</p>
        {organizations.length === 0 ? (
          <div className="empty-state">
            <p>You are not a member of any organization yet.</p>
            <p className="muted">Ask an owner or admin of your business to invite {email}, or start your own.</p>
          </div>
        ) : (
          <ul className="picker-list">
            {organizations.map((org) => (
              <li key={org.id}>
                <Link to={`/o/${org.slug}`} className="picker-item">
                  <span className="picker-name">{org.name}</span>
                  <span className="badge">{ROLE_LABELS[org.role]}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        <p className="picker-actions">
          <Link to="/organizations/new" className={organizations.length ? 'button' : 'button button-primary'}>
            Create an organization
          </Link>
          <Link to="/account">Your account</Link>
        </p>
        <SignOutForm />
      </div>
    </main>
  );
}
