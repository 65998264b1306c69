// The organization's guests (staff and up; viewers get 403, as the navigation shows): search by
// name, email or phone, sort by name or last stay, a page at a time with the exact number of
// matches. The database's search_guests matches and counts under RLS; the list only asks.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useLocation, useNavigation } from '@remix-run/react';
import { Pagination } from '../../components/pagination.tsx';
import { GUEST_PAGE_SIZE, searchGuests } from '../../data/guests.server.ts';
import guestStyles from '../../styles/guests.css?url';
import { requireMember } from '../../utils/auth.server.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

import { guestSearch, readGuestQuery } from './guest-query.ts';

export const meta: MetaFunction = () => [{ title: 'Guests · Roost' }];
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: guestStyles }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'staff');
  const query = readGuestQuery(new URL(request.url));
  const { guests, total } = await searchGuests(context.supabase, organization.id, {
    query: query.q,
    sort: query.sort,
    page: query.page,
  });
  return {
    organization: { slug: organization.slug, name: organization.name, locale: organization.locale },
    query,
    guests,
    total,
    pageSize: GUEST_PAGE_SIZE,
  };
}

export default function Guests() {
  const { organization, query, guests, total, pageSize } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === 'loading';
  // Remounted per URL, so the fields show the search in force (after Clear or Back too).
  const { search } = useLocation();
  // Last stays are the property's calendar dates: read as dates, not instants.
  const day = new Intl.DateTimeFormat(organization.locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = (query.page - 1) * pageSize + 1;
  const base = `/o/${organization.slug}/guests`;
  const nobodyYet = total === 0 && !query.q;
  return (
    <>
      <div className="page-heading">
        <div>
          <h1>Guests</h1>
          <p className="muted">
            Guest profiles of {organization.name}, shared by all its properties: contact details, consent, loyalty
            points and stays.
          </p>
        </div>
        {nobodyYet ? null : (
          <Link to="new" className="button button-primary">
            New guest
          </Link>
        )}
      </div>
      {nobodyYet ? null : (
        <Form method="get" className="filters guest-search" role="search" aria-label="Search guests" key={search}>
          <div className="field">
            <label htmlFor="guest-q">Name, email or phone</label>
            <input id="guest-q" type="search" name="q" defaultValue={query.q} maxLength={200} />
          </div>
          <div className="field">
            <label htmlFor="guest-sort">Sort by</label>
            <select id="guest-sort" name="sort" defaultValue={query.sort}>
              <option value="name">Name</option>
              <option value="last_stay">Last stay</option>
            </select>
          </div>
          <div className="filters-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              Search
            </button>
            {query.q ? (
              <Link to={`${base}${guestSearch({ sort: query.sort })}`} className="button button-quiet">
                Clear
              </Link>
            ) : null}
          </div>
        </Form>
      )}
      {guests.length ? (
        <>
          <p className="muted" role="status">
            {first}–{first + guests.length - 1} of {total} {total === 1 ? 'guest' : 'guests'}
            {query.q ? ` matching “${query.q}”` : ''}.
          </p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Phone</th>
                <th scope="col">Last stay</th>
                <th scope="col" className="numeric">
                  Stays
                </th>
                <th scope="col" className="numeric">
                  Points
                </th>
              </tr>
            </thead>
            <tbody>
              {guests.map((guest) => (
                <tr key={guest.id}>
                  <td>
                    <Link to={guest.id} className="table-link">
                      {guest.full_name}
                    </Link>
                  </td>
                  <td>{guest.email ?? <span className="muted">—</span>}</td>
                  <td className="nowrap">{guest.phone ?? <span className="muted">—</span>}</td>
                  <td className="nowrap">
                    {guest.last_stay ? day.format(new Date(guest.last_stay)) : <span className="muted">Never</span>}
                  </td>
                  <td className="numeric">{guest.stays}</td>
                  <td className="numeric">{guest.loyalty_points.toLocaleString(organization.locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination
            page={query.page}
            pages={pages}
            href={(page) => `${base}${guestSearch({ ...query, page })}`}
            labels={{ previous: '← Previous', next: 'Next →' }}
          />
        </>
      ) : nobodyYet ? (
        <div className="empty-state">
          <p>
            <strong>No guests yet.</strong>
          </p>
          <p className="muted">
            Guests appear here when they book or order. Add one yourself to keep their details before they arrive.
          </p>
          <Link to="new" className="button button-primary">
            Add a guest
          </Link>
        </div>
      ) : query.q ? (
        <div className="empty-state">
          <p>
            <strong>No guest matches “{query.q}”.</strong>
          </p>
          <p className="muted">
            Try part of the name, the email or a few digits of the phone number, or add them as a new guest.
          </p>
          <Link to="new" className="button">
            Add a guest
          </Link>
        </div>
      ) : (
        <div className="empty-state">
          <p>
            <strong>No guests on this page.</strong>
          </p>
          <Link to={base} className="button">
            Back to the first page
          </Link>
        </div>
      )}
    </>
  );
}
