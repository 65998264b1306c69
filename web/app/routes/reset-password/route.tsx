// The second half of a forgotten password: the recovery link signed this browser in (through
// /auth/confirm); here the user chooses the new password. Without a session: sign in first.
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useState } from 'react';
import { AuthPage } from '../../components/auth-page.tsx';
import { FormError, TextField } from '../../components/forms.tsx';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import { ResetPasswordSchema } from './reset-password.schema.ts';

export const meta: MetaFunction = () => [{ title: 'Choose a new password · Roost' }];

function signedInEmail(context: LoaderFunctionArgs['context']): string {
  const claims = context.claims;
  if (!claims?.sub || claims.is_anonymous) throw redirect('/sign-in?notice=link-invalid');
  return String(claims.email ?? '');
}

export function loader({ context }: LoaderFunctionArgs) {
  return { email: signedInEmail(context) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  signedInEmail(context);
  const parsed = parseForm(ResetPasswordSchema, await request.formData());
  if (!parsed.ok) return data(parsed.failure, { status: 400 });
  const { error } = await context.supabase.auth.updateUser({ password: parsed.value.password });
  if (error) {
    const known: Record<string, FormFailure> = {
      weak_password: { fieldErrors: { password: ['Choose a stronger password.'] } },
      same_password: { fieldErrors: { password: ['Choose a password different from the old one.'] } },
      reauthentication_needed: {
        fieldErrors: {},
        formError: 'Open the link from a new reset email to change the password.',
      },
    };
    const failure = known[error.code ?? ''] ?? { fieldErrors: {}, formError: 'We could not change the password.' };
    return data<FormFailure>(failure, { status: 400 });
  }
  throw redirect('/');
}

export default function ResetPassword() {
  const { email } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [clientErrors, setClientErrors] = useState<FormFailure | null>(null);
  const busy = useNavigation().state !== 'idle';
  const errors = clientErrors ?? failure;
  return (
    <AuthPage title="Choose a new password">
      <p>
        For <strong>{email}</strong>.
      </p>
      <FormError message={errors?.formError} />
      <Form
        method="post"
        noValidate
        onSubmit={(event) => {
          const parsed = parseForm(ResetPasswordSchema, new FormData(event.currentTarget));
          setClientErrors(parsed.ok ? null : parsed.failure);
          if (!parsed.ok) event.preventDefault();
        }}
      >
        {/* Lets a password manager file the new password under the right account. */}
        <input type="hidden" name="username" autoComplete="username" value={email} />
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
        <button type="submit" className="button button-primary button-wide" disabled={busy}>
          {busy ? 'Saving…' : 'Save the new password'}
        </button>
      </Form>
    </AuthPage>
  );
}
