// Members (managers and up), read-only for now: who has which role, and since when.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { listMembers } from '../../data/memberships.server.ts';
import { requireMember } from '../../utils/auth.server.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

import { ROLE_LABELS } from '../../utils/roles.ts';

export const meta: MetaFunction = () => [{ title: 'Members · Roost' }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'manager');
  return { organization, members: await listMembers(context.supabase, organization.id) };
}

export default function Members() {
  const { organization, members } = useLoaderData<typeof loader>();
  const joined = new Intl.DateTimeFormat(organization.locale, {
    dateStyle: 'medium',
    timeZone: organization.time_zone,
  });
  return (
    <>
      <h1>Members</h1>
      <p className="muted">
        {members.length} {members.length === 1 ? 'person has' : 'people have'} access to {organization.name}.
      </p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Properties</th>
            <th scope="col">Member since</th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.userId}>
              <td>{member.displayName ?? 'Unnamed member'}</td>
              <td>
                <span className={`badge badge-${member.role}`}>{ROLE_LABELS[member.role]}</span>
              </td>
              <td>{member.allProperties ? 'All properties' : 'Some properties'}</td>
              <td>{joined.format(new Date(member.since))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
