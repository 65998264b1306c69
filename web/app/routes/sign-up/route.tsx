import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { useState } from 'react';
import { AuthPage } from '../../components/auth-page.tsx';
import { FormError, TextField } from '../../components/forms.tsx';
import { redirectIfSignedIn } from '../../utils/auth.server.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import { safeRedirectTo } from '../../utils/redirect-to.ts';
import { SignUpSchema } from './sign-up.schema.ts';

export const meta: MetaFunction = () => [{ title: 'Create an account · Roost' }];

export function loader({ context }: LoaderFunctionArgs) {
  redirectIfSignedIn(context);
  return null;
}

type SignUpResult = (FormFailure & { sentTo?: never }) | { sentTo: string; fieldErrors?: never; formError?: never };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = parseForm(SignUpSchema, form);
  if (!parsed.ok) return data<SignUpResult>(parsed.failure, { status: 400 });
  const { displayName, email, password } = parsed.value;
  // The email's link comes back to /auth/confirm in this browser (the PKCE verifier is a cookie),
  // then on to a local redirectTo (an invitation's accept page) or the organization picker.
  const next = safeRedirectTo(form.get('redirectTo'));
  const emailRedirectTo = new URL(`/auth/confirm?${new URLSearchParams({ next })}`, request.url).toString();
  const { error } = await context.supabase.auth.signUp({
    email,
    password,
    options: { emailRedirectTo, data: { display_name: displayName } },
  });
  if (error) {
    const known: Record<string, FormFailure> = {
      weak_password: { fieldErrors: { password: ['Choose a stronger password.'] } },
      email_address_invalid: { fieldErrors: { email: ['This email address cannot be used.'] } },
      over_email_send_rate_limit: { fieldErrors: {}, formError: 'We just sent an email there. Wait a minute.' },
      signup_disabled: { fieldErrors: {}, formError: 'Sign-ups are closed. Ask your organization for an invitation.' },
    };
    const failure = known[error.code ?? ''] ?? { fieldErrors: {}, formError: 'We could not create the account.' };
    return data<SignUpResult>(failure, { status: 400 });
  }
  // Same answer whether or not the address already had an account (no account discovery).
  return data<SignUpResult>({ sentTo: email });
}

export default function SignUp() {
  const result = useActionData<typeof action>();
  const [clientErrors, setClientErrors] = useState<FormFailure | null>(null);
  const busy = useNavigation().state !== 'idle';
  const redirectTo = useSearchParams()[0].get('redirectTo') ?? '';
  if (result?.sentTo) {
    return (
      <AuthPage title="Check your email">
        <p>
          We sent a confirmation link to <strong>{result.sentTo}</strong>. Open it in this browser to finish creating
          your account.
        </p>
        <p className="auth-switch">
          <Link to="/sign-in">Back to sign in</Link>
        </p>
      </AuthPage>
    );
  }
  const errors = clientErrors ?? result;
  return (
    <AuthPage title="Create an account">
      <FormError message={errors?.formError} />
      <Form
        method="post"
        noValidate
        onSubmit={(event) => {
          const parsed = parseForm(SignUpSchema, new FormData(event.currentTarget));
          setClientErrors(parsed.ok ? null : parsed.failure);
          if (!parsed.ok) event.preventDefault();
        }}
      >
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField label="Your name" name="displayName" autoComplete="name" errors={errors?.fieldErrors?.displayName} />
        <TextField label="Email" name="email" type="email" autoComplete="email" errors={errors?.fieldErrors?.email} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint="At least 8 characters."
          errors={errors?.fieldErrors?.password}
        />
        <button type="submit" className="button button-primary button-wide" disabled={busy}>
          {busy ? 'Creating account…' : 'Create account'}
        </button>
      </Form>
      <p className="auth-switch">
        Already have an account?{' '}
        <Link to={redirectTo ? `/sign-in?${new URLSearchParams({ redirectTo })}` : '/sign-in'}>Sign in</Link>
      </p>
    </AuthPage>
  );
}
