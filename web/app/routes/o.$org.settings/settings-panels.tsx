// The settings page's logo and MFA requirement sections.
import { Form, Link, useNavigation } from '@remix-run/react';
import { useState } from 'react';
import { SavedNotice } from '../../components/checked-form.tsx';
import { FormError } from '../../components/forms.tsx';
import type { FormFailure } from '../../utils/forms.ts';
import { LogoSchema } from './settings.schema.ts';

export function LogoPanel({
  organizationName,
  logo,
  updatedAt,
  failure,
}: {
  organizationName: string;
  logo: string | null;
  updatedAt: string;
  failure?: FormFailure | undefined;
}) {
  const [clientErrors, setClientErrors] = useState<string[] | null>(null);
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'logo';
  const errors = clientErrors ?? failure?.fieldErrors.logo;
  return (
    <section className="section" aria-labelledby="logo-heading">
      <h2 id="logo-heading">Logo</h2>
      <p className="muted">Shown beside the organization’s name at the top of the portal.</p>
      <SavedNotice intent="logo" text="Logo saved." />
      <SavedNotice intent="logo-removed" text="Logo removed." />
      <FormError message={failure?.formError} />
      <div className="form-panel settings-panel settings-logo">
        <div className="settings-logo-preview">
          {logo ? (
            <img src={logo} alt={`Logo of ${organizationName}`} width={96} height={96} />
          ) : (
            <span className="muted">No logo yet</span>
          )}
        </div>
        <Form
          method="post"
          encType="multipart/form-data"
          noValidate
          preventScrollReset
          aria-label="Upload a logo"
          key={updatedAt}
          onSubmit={(event) => {
            const checked = LogoSchema.safeParse({ logo: new FormData(event.currentTarget).get('logo') });
            setClientErrors(checked.success ? null : checked.error.issues.map((issue) => issue.message));
            if (!checked.success) event.preventDefault();
          }}
        >
          <input type="hidden" name="intent" value="logo" />
          <div className="field">
            <label htmlFor="logo-file">Logo image</label>
            <input
              id="logo-file"
              type="file"
              name="logo"
              accept="image/png,image/jpeg,image/webp"
              aria-describedby={errors?.length ? 'logo-hint logo-errors' : 'logo-hint'}
              aria-invalid={errors?.length ? true : undefined}
            />
            <p className="field-hint" id="logo-hint">
              PNG, JPEG or WebP, at most 1 MB. A square image works best.
            </p>
            {errors?.length ? (
              <ul className="field-errors" id="logo-errors">
                {errors.map((error) => (
                  <li key={error}>{error}</li>
                ))}
              </ul>
            ) : null}
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? 'Uploading…' : logo ? 'Replace logo' : 'Upload logo'}
            </button>
            {logo ? (
              <button type="submit" form="remove-logo" className="button button-quiet">
                Remove logo
              </button>
            ) : null}
          </div>
        </Form>
        {logo ? (
          // Its button sits beside the upload button (form="remove-logo").
          <Form method="post" preventScrollReset id="remove-logo" hidden>
            <input type="hidden" name="intent" value="remove-logo" />
          </Form>
        ) : null}
      </div>
    </section>
  );
}

interface MfaProps {
  organizationName: string;
  organizationSlug: string;
  required: boolean;
  sessionConfirmed: boolean;
  withoutMfa: { userId: string; role: 'admin' | 'owner'; name: string; isMe: boolean }[];
  updatedAt: string;
  failure?: FormFailure | undefined;
}

/** At the top of the page: while the requirement is on, an aal1 session's changes are refused. */
export function MfaNotice({
  organizationName,
  organizationSlug,
  required,
  sessionConfirmed,
  withoutMfa,
}: Omit<MfaProps, 'updatedAt' | 'failure'>) {
  if (!required || sessionConfirmed) return null;
  const back = `/o/${organizationSlug}/settings`;
  const iHaveNoFactor = withoutMfa.some((admin) => admin.isMe);
  const confirmLink = iHaveNoFactor
    ? `/account/mfa?${new URLSearchParams({ reason: 'required', redirectTo: back })}`
    : `/mfa/challenge?${new URLSearchParams({ redirectTo: back })}`;
  return (
    <div className="alert" role="status">
      {organizationName} requires two-step verification for owners and admins, and this session has not confirmed a code
      yet. <Link to={confirmLink}>{iHaveNoFactor ? 'Set up an authenticator app' : 'Enter a code from your app'}</Link>{' '}
      to change settings here.
    </div>
  );
}

export function MfaPanel({ organizationSlug, required, withoutMfa, updatedAt, failure }: MfaProps) {
  const back = `/o/${organizationSlug}/settings`;
  return (
    <section className="section" aria-labelledby="mfa-heading">
      <h2 id="mfa-heading">Two-step verification for admins</h2>
      <p className="muted">
        When required, owners and admins must enter a code from an authenticator app before they change members,
        invitations or these settings, or delete a property. Turning the requirement on or off needs a code too.
      </p>
      <SavedNotice
        intent="mfa"
        text={required ? 'Admins and owners must now use two-step verification.' : 'The requirement is off.'}
      />
      <FormError message={failure?.formError} />
      <Form
        method="post"
        preventScrollReset
        className="form-panel settings-panel"
        aria-label="Two-step verification requirement"
        key={updatedAt}
      >
        <input type="hidden" name="intent" value="mfa" />
        <div className="settings-check">
          <input
            type="checkbox"
            id="require-admin-mfa"
            name="require_admin_mfa"
            defaultChecked={required}
            aria-describedby="require-admin-mfa-hint"
          />
          <label htmlFor="require-admin-mfa">Require two-step verification for owners and admins</label>
        </div>
        <p className="field-hint" id="require-admin-mfa-hint">
          Managers, staff and viewers are not affected.
        </p>
        <h3 className="settings-subheading">Owners and admins without an authenticator app</h3>
        {withoutMfa.length ? (
          <ul className="settings-people">
            {withoutMfa.map((admin) => (
              <li key={admin.userId}>
                {admin.name}{' '}
                <span className={`badge badge-${admin.role}`}>{admin.role === 'owner' ? 'Owner' : 'Admin'}</span>
                {admin.isMe ? (
                  <>
                    {' '}
                    (you: <Link to={`/account/mfa?${new URLSearchParams({ redirectTo: back })}`}>set one up</Link>)
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>Every owner and admin has an authenticator app.</p>
        )}
        {withoutMfa.length && !required ? (
          <p className="field-hint">
            Once it is required, they can still sign in, but must add an app before making admin changes.
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            Save requirement
          </button>
        </div>
      </Form>
    </section>
  );
}
