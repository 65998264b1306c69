// Changing the sign-in address: Auth mails a link to the current address and one to the new
// one (double_confirm_changes); the address changes once both links are followed.
import { CheckedForm, FormButton, SavedNotice } from '../../components/checked-form.tsx';
import { FormError, TextField } from '../../components/forms.tsx';
import { EmailSchema } from './account.schema.ts';

export function EmailSection({ email, newEmail }: { email: string; newEmail: string | null }) {
  return (
    <section className="section" aria-labelledby="email-heading">
      <h2 id="email-heading">Email address</h2>
      <p>
        You sign in with <strong>{email}</strong>.
      </p>
      <SavedNotice intent="email-changed" text={`Your email address is changed. Sign in with ${email} from now on.`} />
      {newEmail ? (
        <div className="alert" role="status">
          <strong>Confirm from both addresses.</strong> We sent a link to <strong>{email}</strong> and another to{' '}
          <strong>{newEmail}</strong>. Open both: your address changes to {newEmail} once both are confirmed. Until
          then, sign in with {email}.
        </div>
      ) : null}
      <CheckedForm intent="email" schema={EmailSchema} formKey={newEmail ?? email} label="Change email address">
        {(errors) => (
          <>
            <FormError message={errors?.formError} />
            <TextField
              label="New email address"
              name="email"
              type="email"
              autoComplete="email"
              hint="We send a confirmation link to this address and to your current one."
              errors={errors?.fieldErrors.email}
            />
            <FormButton label={newEmail ? 'Send new links' : 'Change email address'} />
          </>
        )}
      </CheckedForm>
    </section>
  );
}
