// Changing the password proves it is the account's owner first: Auth emails a code to the
// current address (reauthenticate), and the code goes with the new password (the nonce).
import { CheckedForm, FormButton, SavedNotice } from '../../components/checked-form.tsx';
import { FormError, TextField } from '../../components/forms.tsx';
import { CodeRequestSchema, PasswordSchema } from './account.schema.ts';

export function PasswordSection({ email, codeSent, formKey }: { email: string; codeSent: boolean; formKey: string }) {
  return (
    <section className="section" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <SavedNotice intent="password" text="Password changed. Use the new one next time you sign in." />
      <SavedNotice intent="code" text={`We sent a code to ${email}. It works for an hour.`} />
      {codeSent ? (
        <CheckedForm intent="password" schema={PasswordSchema} formKey={formKey} label="Change password">
          {(errors) => (
            <>
              <FormError message={errors?.formError} />
              {/* Lets a password manager file the new password under the right account. */}
              <input type="hidden" name="username" autoComplete="username" value={email} />
              <TextField
                label="Code from the email"
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                errors={errors?.fieldErrors.code}
              />
              <div className="field-row field-row-2">
                <TextField
                  label="New password"
                  name="password"
                  type="password"
                  autoComplete="new-password"
                  hint="At least 8 characters."
                  errors={errors?.fieldErrors.password}
                />
                <TextField
                  label="New password again"
                  name="confirmation"
                  type="password"
                  autoComplete="new-password"
                  errors={errors?.fieldErrors.confirmation}
                />
              </div>
              <FormButton label="Change password" />
            </>
          )}
        </CheckedForm>
      ) : null}
      {/* The first step, or below the form a new code when the first did not arrive. */}
      <CodeRequest email={email} codeSent={codeSent} />
    </section>
  );
}

/** Asks Auth to email a code to the current address. */
function CodeRequest({ email, codeSent }: { email: string; codeSent: boolean }) {
  return (
    <CheckedForm intent="code-request" schema={CodeRequestSchema} formKey="code" label="Email me a code">
      {(errors) => (
        <>
          <FormError message={errors?.formError} />
          <p className="muted">
            {codeSent
              ? `No email from us? Check the spam folder, or ask for a new code for ${email}.`
              : `First we email a code to ${email}, to be sure it is you.`}
          </p>
          <div className="form-actions">
            <button type="submit" className={codeSent ? 'button' : 'button button-primary'}>
              {codeSent ? 'Send a new code' : 'Email me a code'}
            </button>
          </div>
        </>
      )}
    </CheckedForm>
  );
}
