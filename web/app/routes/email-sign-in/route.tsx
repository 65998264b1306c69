// Signing in without the password: Auth emails a link (back through /auth/confirm) and a 6-digit
// code; either signs this browser in. Only existing accounts get the email (shouldCreateUser:
// false), and the page says the same thing whether or not there was one.
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation } from '@remix-run/react';
import { useState } from 'react';
import { AuthPage } from '../../components/auth-page.tsx';
import { FormError, TextField } from '../../components/forms.tsx';
import { redirectIfSignedIn } from '../../utils/auth.server.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import { EmailCodeSchema, EmailLinkSchema } from './email-sign-in.schema.ts';

export const meta: MetaFunction = () => [{ title: 'Sign in by email · Roost' }];

export function loader({ context }: LoaderFunctionArgs) {
  redirectIfSignedIn(context);
  return null;
}

type EmailSignInResult = FormFailure & { sentTo?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  if (form.get('intent') === 'code') {
    const parsed = parseForm(EmailCodeSchema, form);
    const sentTo = String(form.get('email') ?? '');
    if (!parsed.ok) return data<EmailSignInResult>({ ...parsed.failure, sentTo }, { status: 400 });
    const { email, code } = parsed.value;
    const { error } = await context.supabase.auth.verifyOtp({ email, token: code, type: 'email' });
    if (error) {
      const formError =
        error.code === 'over_request_rate_limit'
          ? 'Too many attempts. Wait a minute and try again.'
          : 'That code is not right or has expired. Check the newest email, or ask for a new one.';
      return data<EmailSignInResult>({ fieldErrors: {}, formError, sentTo: email }, { status: 400 });
    }
    throw redirect('/');
  }
  const parsed = parseForm(EmailLinkSchema, form);
  if (!parsed.ok) return data<EmailSignInResult>(parsed.failure, { status: 400 });
  const { email } = parsed.value;
  const emailRedirectTo = new URL('/auth/confirm', request.url).toString();
  // No account, an email sent a moment ago: the same answer (no account discovery).
  await context.supabase.auth.signInWithOtp({ email, options: { shouldCreateUser: false, emailRedirectTo } });
  return data<EmailSignInResult>({ fieldErrors: {}, sentTo: email });
}

export default function EmailSignIn() {
  const result = useActionData<typeof action>();
  const [clientErrors, setClientErrors] = useState<FormFailure | null>(null);
  const busy = useNavigation().state !== 'idle';
  const errors = clientErrors ?? result;
  if (result?.sentTo) {
    return (
      <AuthPage title="Check your email">
        <p>
          If <strong>{result.sentTo}</strong> has a Roost account, we sent it a sign-in link and a 6-digit code. Open
          the link in this browser, or enter the code here.
        </p>
        <FormError message={errors?.formError} />
        <Form
          method="post"
          noValidate
          onSubmit={(event) => {
            const parsed = parseForm(EmailCodeSchema, new FormData(event.currentTarget));
            setClientErrors(parsed.ok ? null : parsed.failure);
            if (!parsed.ok) event.preventDefault();
          }}
        >
          <input type="hidden" name="intent" value="code" />
          <input type="hidden" name="email" value={result.sentTo} />
          <TextField
            label="Code from the email"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            errors={errors?.fieldErrors.code}
          />
          <button type="submit" className="button button-primary button-wide" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in with the code'}
          </button>
        </Form>
        <p className="auth-switch">
          <Link to="/sign-in">Back to sign in</Link>
        </p>
      </AuthPage>
    );
  }
  return (
    <AuthPage title="Sign in by email">
      <p>We will email you a link and a code that sign you in, no password needed.</p>
      <FormError message={errors?.formError} />
      <Form
        method="post"
        noValidate
        onSubmit={(event) => {
          const parsed = parseForm(EmailLinkSchema, new FormData(event.currentTarget));
          setClientErrors(parsed.ok ? null : parsed.failure);
          if (!parsed.ok) event.preventDefault();
        }}
      >
        <TextField label="Email" name="email" type="email" autoComplete="email" errors={errors?.fieldErrors.email} />
        <button type="submit" className="button button-primary button-wide" disabled={busy}>
          {busy ? 'Sending…' : 'Email me a sign-in link'}
        </button>
      </Form>
      <p className="auth-switch">
        <Link to="/sign-in">Sign in with your password</Link>
      </p>
    </AuthPage>
  );
}
