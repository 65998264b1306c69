// Inviting by email with a role (and, below admin, the properties the person will work in), and
// the invitations still waiting for an answer (resend sends a fresh link and voids the old one,
// keeping its role and properties; revoke voids it).
import { Form, useNavigation } from '@remix-run/react';
import { useState } from 'react';
import { FormError, SelectField, TextField } from '../../components/forms.tsx';
import type { OpenInvitation } from '../../data/invitations.server.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import { ROLE_LABELS, type Role, roleAtLeast } from '../../utils/roles.ts';
import { grantableRoles } from './member-rules.ts';
import { InviteSchema } from './members.schema.ts';

interface PropertyChoice {
  id: string;
  name: string;
}

interface InviteProps {
  actor: Role;
  properties: PropertyChoice[];
  failure?: FormFailure | undefined;
}

export function InviteForm({ actor, properties, failure }: InviteProps) {
  const [clientErrors, setClientErrors] = useState<FormFailure | null>(null);
  const [role, setRole] = useState<Role>('staff');
  const [scope, setScope] = useState<'all' | 'some'>('all');
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
          const form = new FormData(event.currentTarget);
          const parsed = parseForm(InviteSchema, form);
          const noneTicked = scope === 'some' && !roleAtLeast(role, 'admin') && form.getAll('property').length === 0;
          const failure = parsed.ok ? undefined : parsed.failure;
          const errors = noneTicked
            ? { fieldErrors: { ...failure?.fieldErrors, property: ['Tick at least one property.'] } }
            : failure;
          setClientErrors(errors ?? null);
          if (errors) event.preventDefault();
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
          <SelectField
            label="Role"
            name="role"
            value={role}
            onChange={(event) => setRole(event.currentTarget.value as Role)}
            errors={errors?.fieldErrors.role}
          >
            {roles.map((choice) => (
              <option key={choice} value={choice}>
                {ROLE_LABELS[choice]}
              </option>
            ))}
          </SelectField>
        </div>
        <p className="field-hint">
          Admins manage settings and members and work in every property; managers run properties; staff take bookings
          and orders; viewers only look. The email’s link is valid for 7 days.
        </p>
        {roleAtLeast(role, 'admin') || properties.length === 0 ? null : (
          <PropertyScope
            properties={properties}
            scope={scope}
            onScope={setScope}
            errors={errors?.fieldErrors.property}
          />
        )}
        <div className="invite-submit">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Sending…' : 'Send invitation'}
          </button>
        </div>
      </Form>
    </section>
  );
}

interface ScopeProps {
  properties: PropertyChoice[];
  scope: 'all' | 'some';
  onScope: (scope: 'all' | 'some') => void;
  errors?: string[] | undefined;
}

/** Every property, or only the ticked ones (posted as repeated `property` fields). */
function PropertyScope({ properties, scope, onScope, errors }: ScopeProps) {
  return (
    <div className="invite-scope">
      <fieldset className="choice-group">
        <legend>Works in</legend>
        <label className="choice">
          <input type="radio" name="scope" value="all" checked={scope === 'all'} onChange={() => onScope('all')} />
          Every property, including ones added later
        </label>
        <label className="choice">
          <input type="radio" name="scope" value="some" checked={scope === 'some'} onChange={() => onScope('some')} />
          Only some properties
        </label>
      </fieldset>
      {scope === 'some' ? (
        <fieldset
          className="choice-group choice-list"
          aria-describedby={errors?.length ? 'invite-property-errors' : undefined}
        >
          <legend>Properties</legend>
          {properties.map((property) => (
            <label className="choice" key={property.id}>
              <input type="checkbox" name="property" value={property.id} />
              {property.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      {errors?.length ? (
        <ul className="field-errors" id="invite-property-errors">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

interface ListProps {
  organization: { locale: string; timeZone: string };
  actor: Role;
  invitations: OpenInvitation[];
  properties: PropertyChoice[];
  now: string;
}

export function InvitationList({ organization, actor, invitations, properties, now }: ListProps) {
  const propertyName = new Map(properties.map((property) => [property.id, property.name]));
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
                    {invitation.propertyIds ? (
                      <div className="cell-note">
                        Only{' '}
                        {invitation.propertyIds.map((id) => propertyName.get(id) ?? 'a removed property').join(', ') ||
                          'no property left'}
                      </div>
                    ) : null}
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
