import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { useState } from 'react';
import { AuthPage } from '../../components/auth-page.tsx';
import { FormError, TextField } from '../../components/forms.tsx';
import { redirectIfSignedIn } from '../../utils/auth.server.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import { safeRedirectTo } from '../../utils/redirect-to.ts';
import { SignInSchema } from './sign-in.schema.ts';

export const meta: MetaFunction = () => [{ title: 'Sign in · Roost' }];

/** Why a link sent the user here (auth.confirm, Auth's own error redirects). */
const NOTICES: Record<string, string> = {
  'link-invalid': 'That link is invalid or has expired. Sign in, or ask for a new link.',
  'signed-out': 'You are signed out.',
  'signed-out-everywhere': 'You are signed out on every device.',
};

export function loader({ context }: LoaderFunctionArgs) {
  redirectIfSignedIn(context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(SignInSchema, await request.formData());
  if (!parsed.ok) return data(parsed.failure, { status: 400 });
  const { email, password, redirectTo } = parsed.value;
  const { error } = await context.supabase.auth.signInWithPassword({ email, password });
  if (error) {
    const formError =
      error.code === 'email_not_confirmed'
        ? 'Confirm your email address first: follow the link in the email we sent you.'
        : error.code === 'over_request_rate_limit'
          ? 'Too many attempts. Wait a minute and try again.'
          : 'The email address or password is not right.';
    return data<FormFailure>({ fieldErrors: {}, formError }, { status: 400 });
  }
  // The session cookies were set on context.responseHeaders; the server sends them with this.
  throw redirect(safeRedirectTo(redirectTo));
}

export default function SignIn() {
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [clientErrors, setClientErrors] = useState<FormFailure | null>(null);
  const busy = useNavigation().state !== 'idle';
  const errors = clientErrors ?? failure;
  const notice = NOTICES[params.get('notice') ?? ''];
  return (
    <AuthPage title="Sign in to Roost">
      {notice ? (
        <div className="alert" role="status">
          {notice}
        </div>
      ) : null}
      <FormError message={errors?.formError} />
      <Form
        method="post"
        noValidate
        onSubmit={(event) => {
          const parsed = parseForm(SignInSchema, new FormData(event.currentTarget));
          setClientErrors(parsed.ok ? null : parsed.failure);
          if (!parsed.ok) event.preventDefault();
        }}
      >
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
        <TextField label="Email" name="email" type="email" autoComplete="email" errors={errors?.fieldErrors.email} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          errors={errors?.fieldErrors.password}
        />
        <p className="auth-forgot">
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
        <button type="submit" className="button button-primary button-wide" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </Form>
      <p className="auth-switch">
        <Link to="/email-sign-in">Email me a sign-in link</Link>
      </p>
      <p className="auth-switch">
        New to Roost?{' '}
        <Link
          to={
            params.has('redirectTo')
              ? `/sign-up?${new URLSearchParams({ redirectTo: params.get('redirectTo') ?? '' })}`
              : '/sign-up'
          }
        >
          Create an account
        </Link>
      </p>
    </AuthPage>
  );
}
