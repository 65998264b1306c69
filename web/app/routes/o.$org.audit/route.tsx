// The audit log (admins and owners): every change to the organization's rows, newest first,
// filtered by table, actor and calendar days in the organization's time zone, a page at a time,
// each change opening onto its fields before and after. Read through the Data API as the user:
// RLS shows admins their organization's log, and nobody else anything.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useLocation, useNavigation } from '@remix-run/react';
import { Pagination } from '../../components/pagination.tsx';
import { AUDIT_PAGE_SIZE, listAuditEntries } from '../../data/audit.server.ts';
import { listMembers } from '../../data/memberships.server.ts';
import { requireMember } from '../../utils/auth.server.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

import { ACTION_LABELS, fieldChanges, rowLabel, systemActor, tableLabel } from './audit-entry.ts';
import { AUDITED_TABLES, auditFilter, auditSearch, readAuditQuery } from './audit-filter.ts';

export const meta: MetaFunction = () => [{ title: 'Audit log · Roost' }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'admin');
  const query = readAuditQuery(new URL(request.url));
  const page = (query.page ?? 1) - 1;
  const [{ entries, total }, members] = await Promise.all([
    listAuditEntries(context.supabase, organization.id, auditFilter(query, organization.time_zone), page),
    listMembers(context.supabase, organization.id),
  ]);
  const names = new Map(members.map((member) => [member.userId, member.displayName ?? 'Unnamed member']));
  return {
    organization: {
      slug: organization.slug,
      name: organization.name,
      time_zone: organization.time_zone,
      locale: organization.locale,
    },
    query,
    total,
    page: page + 1,
    pageSize: AUDIT_PAGE_SIZE,
    actors: members.map((member) => ({ id: member.userId, name: member.displayName ?? 'Unnamed member' })),
    entries: entries.map((entry) => ({
      id: entry.id,
      at: entry.created_at,
      actor: entry.actor_id ? (names.get(entry.actor_id) ?? 'A former member') : systemActor(entry.actor_role),
      table: tableLabel(entry.table_name),
      label: rowLabel(entry),
      action: entry.action,
      changes: fieldChanges(entry),
    })),
  };
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export default function AuditLog() {
  const { organization, query, total, page, pageSize, actors, entries } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === 'loading';
  // Remounted per URL, so the fields show the filter in force (after Clear or Back too).
  const { search } = useLocation();
  const when = new Intl.DateTimeFormat(organization.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: organization.time_zone,
  });
  // Timestamps in a row read in the organization's time zone, like the rest of the screen.
  const readable = (value: string | null) => (value && ISO_INSTANT.test(value) ? when.format(new Date(value)) : value);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = (page - 1) * pageSize + 1;
  const filtered = Boolean(query.table || query.actor || query.from || query.to);
  const base = `/o/${organization.slug}/audit`;
  return (
    <>
      <div className="page-heading">
        <div>
          <h1>Audit log</h1>
          <p className="muted">
            Every change to {organization.name}: who made it, when, and what it was before and after. Times are in{' '}
            {organization.time_zone.replaceAll('_', ' ')}.
          </p>
        </div>
        <a
          className="button"
          href={`/o/${organization.slug}/audit.csv${auditSearch({ ...query, page: undefined })}`}
          download
        >
          Download CSV
        </a>
      </div>
      <Form method="get" className="filters" aria-label="Filter the audit log" key={search}>
        <div className="field">
          <label htmlFor="audit-table">Table</label>
          <select id="audit-table" name="table" defaultValue={query.table ?? ''}>
            <option value="">All tables</option>
            {AUDITED_TABLES.map((table) => (
              <option key={table} value={table}>
                {tableLabel(table)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-actor">Changed by</label>
          <select id="audit-actor" name="actor" defaultValue={query.actor ?? ''}>
            <option value="">Anyone</option>
            {actors.map((actor) => (
              <option key={actor.id} value={actor.id}>
                {actor.name}
              </option>
            ))}
            <option value="system">Roost itself (no person)</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">From</label>
          <input id="audit-from" type="date" name="from" defaultValue={query.from ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">To</label>
          <input id="audit-to" type="date" name="to" defaultValue={query.to ?? ''} />
        </div>
        <div className="filters-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            Apply
          </button>
          {filtered ? (
            <Link to={base} className="button button-quiet">
              Clear
            </Link>
          ) : null}
        </div>
      </Form>
      {entries.length ? (
        <>
          <p className="muted" role="status">
            {first}–{first + entries.length - 1} of {total} {total === 1 ? 'change' : 'changes'}
            {filtered ? ' matching the filter' : ''}.
          </p>
          <table className="table audit-table">
            <thead>
              <tr>
                <th scope="col" className="col-when">
                  When and who
                </th>
                <th scope="col">What</th>
                <th scope="col" className="col-change">
                  Change
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <span className="nowrap">{when.format(new Date(entry.at))}</span>
                    <br />
                    <span className="audit-actor muted">{entry.actor}</span>
                  </td>
                  <td>
                    <span className={`badge badge-action-${entry.action}`}>
                      {ACTION_LABELS[entry.action] ?? entry.action}
                    </span>{' '}
                    {entry.table}
                    {entry.label ? <span className="muted"> · {entry.label}</span> : null}
                  </td>
                  <td>
                    <details className="diff">
                      <summary>
                        {entry.changes.length} {entry.changes.length === 1 ? 'field' : 'fields'}
                        {entry.action === 'update' ? ' changed' : ''}
                      </summary>
                      <table className="diff-table">
                        <thead>
                          <tr>
                            <th scope="col">Field</th>
                            {entry.action !== 'insert' ? <th scope="col">Before</th> : null}
                            {entry.action !== 'delete' ? <th scope="col">After</th> : null}
                          </tr>
                        </thead>
                        <tbody>
                          {entry.changes.map((change) => (
                            <tr key={change.field}>
                              <th scope="row">{change.field}</th>
                              {entry.action !== 'insert' ? (
                                <td className="diff-before">{readable(change.before)}</td>
                              ) : null}
                              {entry.action !== 'delete' ? (
                                <td className="diff-after">{readable(change.after)}</td>
                              ) : null}
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination
            page={page}
            pages={pages}
            href={(n) => `${base}${auditSearch(query, { page: n === 1 ? undefined : n })}`}
          />
        </>
      ) : (
        <div className="empty-state">
          {filtered ? 'No change matches this filter.' : `Nothing has changed in ${organization.name} yet.`}
        </div>
      )}
    </>
  );
}
