// The item's photo and the form that replaces it (multipart; the action uploads it to the
// org-assets bucket as the signed-in user) or takes it off.
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { useState } from 'react';
import { FormError } from '../../components/forms.tsx';
import type { FormFailure } from '../../utils/forms.ts';
import { PHOTO_TYPES, PhotoSchema } from './item.schema.ts';

type IntentFailure = FormFailure & { intent: string };

export function ItemPhoto({ name, photo, canEdit }: { name: string; photo: string | null; canEdit: boolean }) {
  const failure = useActionData<IntentFailure>();
  const [params] = useSearchParams();
  const [clientError, setClientError] = useState<string | null>(null);
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'photo';
  const serverFailure = failure?.intent === 'photo' || failure?.intent === 'remove-photo' ? failure : null;
  const error = clientError ?? serverFailure?.fieldErrors.photo?.[0];
  const saved = params.get('saved');
  return (
    <section className="section" aria-labelledby="photo-heading">
      <h2 id="photo-heading">Photo</h2>
      {!failure && saved === 'photo' ? (
        <div className="alert alert-success" role="status">
          Photo saved.
        </div>
      ) : null}
      {!failure && saved === 'remove-photo' ? (
        <div className="alert alert-success" role="status">
          Photo removed.
        </div>
      ) : null}
      <div className="photo-panel">
        <div className="photo-frame">{photo ? <img src={photo} alt={name} /> : <span>No photo yet</span>}</div>
        {canEdit ? (
          <div>
            <Form
              method="post"
              encType="multipart/form-data"
              noValidate
              preventScrollReset
              className="form-panel"
              aria-label="Photo"
              aria-busy={busy || undefined}
              onSubmit={(event) => {
                const parsed = PhotoSchema.safeParse({ photo: new FormData(event.currentTarget).get('photo') });
                setClientError(parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Choose a photo.'));
                if (!parsed.success) event.preventDefault();
              }}
            >
              <input type="hidden" name="intent" value="photo" />
              <FormError message={serverFailure?.formError} />
              <div className="field">
                <label htmlFor="photo-file">{photo ? 'Replace the photo' : 'Choose a photo'}</label>
                <input
                  id="photo-file"
                  type="file"
                  name="photo"
                  accept={PHOTO_TYPES.join(',')}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? 'photo-hint photo-errors' : 'photo-hint'}
                />
                <p className="field-hint" id="photo-hint">
                  JPEG, PNG or WebP, at most 5 MB. Square photos look best.
                </p>
                {error ? (
                  <ul className="field-errors" id="photo-errors">
                    <li>{error}</li>
                  </ul>
                ) : null}
              </div>
              <div className="form-actions">
                <button type="submit" className="button button-primary" disabled={busy}>
                  Upload photo
                </button>
              </div>
            </Form>
            {photo && params.has('remove-photo') ? (
              <div className="confirm-panel confirm-panel-danger">
                <p>
                  <strong>Remove the photo of {name}?</strong> Menus and ordering screens show the item without one.
                </p>
                <Form method="post" preventScrollReset className="confirm-actions">
                  <input type="hidden" name="intent" value="remove-photo" />
                  <button type="submit" className="button button-danger">
                    Remove the photo
                  </button>
                  <Link to="?" preventScrollReset className="button">
                    Keep it
                  </Link>
                </Form>
              </div>
            ) : photo ? (
              <p>
                <Link to="?remove-photo" preventScrollReset className="button button-danger-quiet">
                  Remove the photo…
                </Link>
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
