// The members table: each member's role (a select for those the signed-in admin may change, the
// reason beside it when not), the properties they work in, and the way to remove them.
import { Form, Link, useNavigation } from '@remix-run/react';
import type { PropertyChoice } from '../../data/members.server.ts';
import type { Member } from '../../data/memberships.server.ts';
import { ROLE_LABELS, type Role, roleAtLeast } from '../../utils/roles.ts';
import { canBeRestricted, grantableRoles, memberControl } from './member-rules.ts';

interface Props {
  organization: { slug: string; locale: string; timeZone: string };
  me: string;
  actor: Role;
  members: Member[];
  /** Owners in the organization, over every page. */
  owners: number;
  page: number;
  pages: number;
  properties: PropertyChoice[];
  access: Record<string, string[]>;
}

export const memberName = (member: Member) => member.displayName ?? 'Unnamed member';

/** The members screen at `page`, with extra query parameters (a row's step). */
export function membersHref(slug: string, page: number, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ ...(page > 1 ? { page: String(page) } : {}), ...extra }).toString();
  return `/o/${slug}/members${query ? `?${query}` : ''}`;
}

export function MemberTable({ organization, me, actor, members, owners, page, pages, properties, access }: Props) {
  const admin = roleAtLeast(actor, 'admin');
  const joined = new Intl.DateTimeFormat(organization.locale, { dateStyle: 'medium', timeZone: organization.timeZone });
  const propertyNames = new Map(properties.map((property) => [property.id, property.name]));
  const busy = useNavigation().state !== 'idle';
  return (
    <section aria-labelledby="members-title" className="members-section">
      <h2 id="members-title">People with access</h2>
      <table className="table members-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Properties</th>
            {admin ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {members.map((member) => {
            const name = memberName(member);
            const control = memberControl(actor, member, owners);
            const reasonId = `reason-${member.userId}`;
            const restricted = !member.allProperties && canBeRestricted(member.role);
            const listed = (access[member.userId] ?? []).map((id) => propertyNames.get(id) ?? 'A property');
            return (
              <tr key={member.userId}>
                <th scope="row">
                  <span className="member-heading">
                    <span className="member-name">{name}</span>
                    {member.userId === me ? <span className="you-tag">You</span> : null}
                  </span>
                  <span className="member-since">Since {joined.format(new Date(member.since))}</span>
                </th>
                <td>
                  {admin && control.editable ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="role" />
                      <input type="hidden" name="userId" value={member.userId} />
                      <input type="hidden" name="name" value={name} />
                      <select name="role" defaultValue={member.role} aria-label={`Role of ${name}`} key={member.role}>
                        {grantableRoles(actor).map((role) => (
                          <option key={role} value={role}>
                            {ROLE_LABELS[role]}
                          </option>
                        ))}
                      </select>
                      <button
                        type="submit"
                        className="button button-small"
                        disabled={busy}
                        aria-label={`Change role of ${name}`}
                      >
                        Change
                      </button>
                    </Form>
                  ) : admin ? (
                    <div className="inline-form">
                      <select
                        disabled
                        aria-label={`Role of ${name}`}
                        aria-describedby={reasonId}
                        defaultValue={member.role}
                      >
                        <option value={member.role}>{ROLE_LABELS[member.role]}</option>
                      </select>
                    </div>
                  ) : (
                    <span className={`badge badge-${member.role}`}>{ROLE_LABELS[member.role]}</span>
                  )}
                  {admin && control.reason ? (
                    <p className="control-reason" id={reasonId}>
                      {control.reason}
                    </p>
                  ) : null}
                </td>
                <td>
                  {!canBeRestricted(member.role) ? (
                    <span className="muted">All properties</span>
                  ) : restricted ? (
                    admin ? (
                      listed.join(', ') || 'None yet'
                    ) : (
                      'Some properties'
                    )
                  ) : (
                    'All properties'
                  )}
                  {admin && control.editable && canBeRestricted(member.role) && properties.length ? (
                    <>
                      {' '}
                      <Link
                        to={membersHref(organization.slug, page, { access: member.userId })}
                        className="text-link"
                        aria-label={`Change properties of ${name}`}
                      >
                        Change
                      </Link>
                    </>
                  ) : null}
                </td>
                {admin ? (
                  <td className="row-actions">
                    {control.editable ? (
                      <Link
                        to={membersHref(organization.slug, page, { remove: member.userId })}
                        className="button button-small button-danger-quiet"
                        aria-label={`Remove ${name}`}
                      >
                        Remove
                      </Link>
                    ) : (
                      <button
                        type="button"
                        className="button button-small"
                        disabled
                        aria-label={`Remove ${name}`}
                        aria-describedby={reasonId}
                      >
                        Remove
                      </button>
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
      {pages > 1 ? (
        <nav className="member-pages" aria-label="Member pages">
          {page > 1 ? (
            <Link to={membersHref(organization.slug, page - 1)} className="button" rel="prev">
              Previous
            </Link>
          ) : null}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? (
            <Link to={membersHref(organization.slug, page + 1)} className="button" rel="next">
              Next
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
