import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation } from '@remix-run/react';
import { useState } from 'react';
import { AuthPage } from '../../components/auth-page.tsx';
import { TextField } from '../../components/forms.tsx';
import { redirectIfSignedIn } from '../../utils/auth.server.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import { ForgotPasswordSchema } from './forgot-password.schema.ts';

export const meta: MetaFunction = () => [{ title: 'Reset your password · Roost' }];

export function loader({ context }: LoaderFunctionArgs) {
  redirectIfSignedIn(context);
  return null;
}

type ForgotResult = (FormFailure & { sentTo?: never }) | { sentTo: string; fieldErrors?: never };

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(ForgotPasswordSchema, await request.formData());
  if (!parsed.ok) return data<ForgotResult>(parsed.failure, { status: 400 });
  const { email } = parsed.value;
  // The link comes back to /auth/confirm in this browser (the PKCE verifier is a cookie), which
  // signs in with the recovery session and goes on to choose the new password.
  const redirectTo = new URL(`/auth/confirm?${new URLSearchParams({ next: '/reset-password' })}`, request.url);
  // Whatever Auth answers (no such account, an email sent a moment ago), the page says the same:
  // it must not tell who has an account.
  await context.supabase.auth.resetPasswordForEmail(email, { redirectTo: redirectTo.toString() });
  return data<ForgotResult>({ sentTo: email });
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const [clientErrors, setClientErrors] = useState<FormFailure | null>(null);
  const busy = useNavigation().state !== 'idle';
  if (result?.sentTo) {
    return (
      <AuthPage title="Check your email">
        <p>
          If <strong>{result.sentTo}</strong> has a Roost account, we sent it a link to choose a new password. Open it
          in this browser.
        </p>
        <p className="auth-switch">
          <Link to="/sign-in">Back to sign in</Link>
        </p>
      </AuthPage>
    );
  }
  const errors = clientErrors ?? result;
  return (
    <AuthPage title="Reset your password">
      <p>Enter the email address of your account and we will send you a link to choose a new password.</p>
      <Form
        method="post"
        noValidate
        onSubmit={(event) => {
          const parsed = parseForm(ForgotPasswordSchema, new FormData(event.currentTarget));
          setClientErrors(parsed.ok ? null : parsed.failure);
          if (!parsed.ok) event.preventDefault();
        }}
      >
        <TextField label="Email" name="email" type="email" autoComplete="email" errors={errors?.fieldErrors?.email} />
        <button type="submit" className="button button-primary button-wide" disabled={busy}>
          {busy ? 'Sending…' : 'Email me a reset link'}
        </button>
      </Form>
      <p className="auth-switch">
        Remembered it? <Link to="/sign-in">Sign in</Link>
      </p>
    </AuthPage>
  );
}
