import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requireMember } from '../../utils/auth.server.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

import { ROLE_LABELS, roleAtLeast } from '../../utils/roles.ts';

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organization, membership } = await requireMember(request, context, params.org);
  return { organization, role: membership.role };
}

export default function Overview() {
  const { organization, role } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{organization.name}</h1>
      <p className="muted">You are {ROLE_LABELS[role].toLowerCase()} of this organization.</p>
      <dl className="facts">
        <div>
          <dt>Time zone</dt>
          <dd>{organization.time_zone}</dd>
        </div>
        <div>
          <dt>Currency</dt>
          <dd>{organization.currency}</dd>
        </div>
        <div>
          <dt>Language</dt>
          <dd>{organization.locale}</dd>
        </div>
      </dl>
      {roleAtLeast(role, 'admin') ? (
        <p>
          <Link to="settings" className="button">
            Edit organization settings
          </Link>
        </p>
      ) : null}
    </>
  );
}
