// The name co-members see and the profile photo: upload (checked in the browser for type and
// size before sending, then by the bucket) or remove.
import { Form, useActionData, useNavigation } from '@remix-run/react';
import { useState } from 'react';
import { CheckedForm, FormButton, SavedNotice } from '../../components/checked-form.tsx';
import { FormError, TextField } from '../../components/forms.tsx';
import type { FormFailure } from '../../utils/forms.ts';
import { AVATAR_TYPES, avatarProblem, ProfileSchema } from './account.schema.ts';

interface Props {
  displayName: string;
  avatarUrl: string | null;
  formKey: string;
}

export function Avatar({ name, url, size = 'large' }: { name: string; url: string | null; size?: 'large' | 'small' }) {
  const className = `avatar avatar-${size}`;
  if (url)
    return (
      <img
        className={className}
        src={url}
        alt=""
        width={size === 'large' ? 96 : 32}
        height={size === 'large' ? 96 : 32}
      />
    );
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase())
    .join('');
  return (
    <span className={className} aria-hidden="true">
      {initials || '?'}
    </span>
  );
}

export function ProfileSection({ displayName, avatarUrl, formKey }: Props) {
  return (
    <section className="section" aria-labelledby="profile-heading">
      <h2 id="profile-heading">Profile</h2>
      <p className="muted">Your name and photo, as the people in your organizations see them.</p>
      <SavedNotice intent="profile" text="Name saved." />
      <CheckedForm intent="profile" schema={ProfileSchema} formKey={formKey} label="Name">
        {(errors) => (
          <>
            <FormError message={errors?.formError} />
            <TextField
              label="Your name"
              name="display_name"
              autoComplete="name"
              defaultValue={displayName}
              errors={errors?.fieldErrors.display_name}
            />
            <FormButton label="Save name" />
          </>
        )}
      </CheckedForm>
      <SavedNotice intent="avatar" text="Photo saved." />
      <SavedNotice intent="avatar-remove" text="Photo removed." />
      <PhotoForm displayName={displayName} avatarUrl={avatarUrl} formKey={formKey} />
    </section>
  );
}

function PhotoForm({ displayName, avatarUrl, formKey }: Props) {
  const failure = useActionData<FormFailure & { intent: string }>();
  const [clientError, setClientError] = useState<string | null>(null);
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'avatar';
  const serverErrors = failure?.intent === 'avatar' ? failure : null;
  const errors = clientError ? [clientError] : serverErrors?.fieldErrors.avatar;
  return (
    <div className="form-panel photo-panel">
      <Avatar name={displayName} url={avatarUrl} />
      <div className="photo-forms">
        <Form
          method="post"
          encType="multipart/form-data"
          noValidate
          preventScrollReset
          aria-label="Profile photo"
          key={formKey}
          onSubmit={(event) => {
            const problem = avatarProblem(new FormData(event.currentTarget).get('avatar'));
            setClientError(problem);
            if (problem) event.preventDefault();
          }}
        >
          <input type="hidden" name="intent" value="avatar" />
          <FormError message={serverErrors?.formError} />
          <TextField
            label="Photo"
            name="avatar"
            type="file"
            accept={AVATAR_TYPES.join(',')}
            hint="A PNG, JPEG, WebP or GIF image of at most 2 MB; it is shown round."
            errors={errors}
          />
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? 'Uploading…' : 'Upload photo'}
            </button>
          </div>
        </Form>
        {avatarUrl ? (
          // Removing asks once more: the photo disappears for everyone who sees the profile.
          <details className="confirm-remove">
            <summary className="button button-quiet">Remove photo</summary>
            <Form method="post" preventScrollReset aria-label="Remove photo">
              <input type="hidden" name="intent" value="avatar-remove" />
              <p>Remove your photo? Your initials show instead.</p>
              <button type="submit" className="button">
                Yes, remove the photo
              </button>
            </Form>
          </details>
        ) : null}
      </div>
    </div>
  );
}
