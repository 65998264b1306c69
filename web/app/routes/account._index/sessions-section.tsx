// Where the account is signed in: end every other session (a lost phone, a shared computer)
// or this one.
import { Form } from '@remix-run/react';
import { SavedNotice } from '../../components/checked-form.tsx';
import { FormError } from '../../components/forms.tsx';

export function SessionsSection({ error }: { error: string | undefined }) {
  return (
    <section className="section" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Devices</h2>
      <SavedNotice intent="others" text="Every other device is signed out. This one stays signed in." />
      <div className="form-panel">
        <FormError message={error} />
        <p className="muted">
          Signed in on a computer or tablet you no longer use? Signing out of other devices ends every session but this
          one; they must sign in again.
        </p>
        <div className="form-actions form-actions-start">
          <Form method="post" preventScrollReset aria-label="Sign out of other devices">
            <input type="hidden" name="intent" value="others" />
            <button type="submit" className="button">
              Sign out of other devices
            </button>
          </Form>
          <Form method="post" action="/sign-out" aria-label="Sign out of this device">
            <button type="submit" name="scope" value="local" className="button button-quiet">
              Sign out of this device
            </button>
          </Form>
        </div>
      </div>
    </section>
  );
}
