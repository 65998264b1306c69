// Inviting by email with a role, and the invitations still waiting for an answer (resend sends
// a fresh link and voids the old one; revoke voids it).
import { Form, useNavigation } from '@remix-run/react';
import { useState } from 'react';
import { FormError, SelectField, TextField } from '../../components/forms.tsx';
import type { OpenInvitation } from '../../data/invitations.server.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import { ROLE_LABELS, type Role } from '../../utils/roles.ts';
import { grantableRoles } from './member-rules.ts';
import { InviteSchema } from './members.schema.ts';

export function InviteForm({ actor, failure }: { actor: Role; failure?: FormFailure | undefined }) {
  const [clientErrors, setClientErrors] = useState<FormFailure | null>(null);
  const navigation = useNavigation();
  const busy = navigation.state !== 'idle' && navigation.formData?.get('intent') === 'invite';
  const errors = clientErrors ?? failure;
  const roles = grantableRoles(actor);
  return (
    <section className="form-panel invite-panel" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite someone</h2>
      <FormError message={errors?.formError} />
      <Form
        method="post"
        noValidate
        onSubmit={(event) => {
          const parsed = parseForm(InviteSchema, new FormData(event.currentTarget));
          setClientErrors(parsed.ok ? null : parsed.failure);
          if (!parsed.ok) event.preventDefault();
        }}
      >
        <input type="hidden" name="intent" value="invite" />
        <div className="invite-row">
          <TextField
            label="Email address"
            name="email"
            type="email"
            autoComplete="off"
            errors={errors?.fieldErrors.email}
          />
          <SelectField label="Role" name="role" defaultValue="staff" errors={errors?.fieldErrors.role}>
            {roles.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </SelectField>
          <div className="invite-submit">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? 'Sending…' : 'Send invitation'}
            </button>
          </div>
        </div>
        <p className="field-hint">
          Admins manage settings and members; managers run properties; staff take bookings and orders; viewers only
          look. The email’s link is valid for 7 days. Once they have joined you can limit them to some properties.
        </p>
      </Form>
    </section>
  );
}

interface ListProps {
  organization: { locale: string; timeZone: string };
  actor: Role;
  invitations: OpenInvitation[];
  now: string;
}

export function InvitationList({ organization, actor, invitations, now }: ListProps) {
  const busy = useNavigation().state !== 'idle';
  const date = new Intl.DateTimeFormat(organization.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: organization.timeZone,
  });
  const manageable = new Set(grantableRoles(actor));
  return (
    <section aria-labelledby="invitations-title" className="members-section">
      <h2 id="invitations-title">Pending invitations</h2>
      {invitations.length === 0 ? (
        <p className="empty-state">No invitation is waiting for an answer.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Valid until</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((invitation) => {
              const expired = invitation.expiresAt <= now;
              return (
                <tr key={invitation.id}>
                  <td className="invitation-email">{invitation.email}</td>
                  <td>
                    <span className={`badge badge-${invitation.role}`}>{ROLE_LABELS[invitation.role]}</span>
                  </td>
                  <td>
                    {expired ? (
                      <span className="badge badge-expired">Expired</span>
                    ) : (
                      date.format(new Date(invitation.expiresAt))
                    )}
                  </td>
                  <td className="row-actions">
                    {manageable.has(invitation.role) ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="invitationId" value={invitation.id} />
                        <button
                          type="submit"
                          name="intent"
                          value="resend"
                          className="button button-small"
                          disabled={busy}
                          aria-label={`Resend the invitation to ${invitation.email}`}
                        >
                          Resend
                        </button>
                        <button
                          type="submit"
                          name="intent"
                          value="revoke"
                          className="button button-small button-danger-quiet"
                          disabled={busy}
                          aria-label={`Revoke the invitation to ${invitation.email}`}
                        >
                          Revoke
                        </button>
                      </Form>
                    ) : (
                      <span className="muted">Only owners change this invitation.</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
