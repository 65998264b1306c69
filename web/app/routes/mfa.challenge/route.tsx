// The second step (/mfa/challenge?redirectTo=…): a signed-in user with a verified authenticator
// app and an aal1 session enters a 6-digit code; Auth upgrades the session to aal2, its new
// tokens go out in the cookies, and the user goes back to the page that asked for it.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { useState } from 'react';
import { AuthPage } from '../../components/auth-page.tsx';
import { FormError, SelectField, TextField } from '../../components/forms.tsx';
import { verifyCode } from '../../data/mfa-factors.server.ts';
import { requireFactors, requireUser } from '../../utils/auth.server.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import { safeRedirectTo } from '../../utils/redirect-to.ts';
import styles from '../account.mfa/mfa.css?url';
import { mfaFailure } from '../account.mfa/mfa-messages.ts';
import { ChallengeSchema } from './challenge.schema.ts';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];

export const meta: MetaFunction = () => [{ title: 'Confirm it is you · Roost' }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const redirectTo = safeRedirectTo(new URL(request.url).searchParams.get('redirectTo'));
  if (user.aal === 'aal2') throw redirect(redirectTo);
  const factors = (await requireFactors(request, context)).filter((factor) => factor.verified);
  if (!factors.length) {
    throw redirect(`/account/mfa?${new URLSearchParams({ reason: 'required', redirectTo })}`);
  }
  return { email: user.email, factors: factors.map(({ id, name }) => ({ id, name })) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireUser(request, context);
  const parsed = parseForm(ChallengeSchema, await request.formData());
  if (!parsed.ok) return data(parsed.failure, { status: 400 });
  const refusal = await verifyCode(context.supabase, parsed.value.factorId, parsed.value.code);
  if (refusal) return data(mfaFailure(refusal.code), { status: 400 });
  // The aal2 session's cookies were set on context.responseHeaders; the server sends them with this.
  throw redirect(safeRedirectTo(parsed.value.redirectTo));
}

export default function Challenge() {
  const { email, factors } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [clientErrors, setClientErrors] = useState<FormFailure | null>(null);
  const busy = useNavigation().state !== 'idle';
  const errors = clientErrors ?? failure;
  const [only] = factors;
  return (
    <AuthPage title="Confirm it is you">
      <p>
        Enter the 6-digit code from your authenticator app for <strong>{email}</strong>. You will then go back to the
        page you were on; if you were saving a change, save it again there.
      </p>
      <FormError message={errors?.formError} />
      <Form
        method="post"
        noValidate
        onSubmit={(event) => {
          const checked = parseForm(ChallengeSchema, new FormData(event.currentTarget));
          setClientErrors(checked.ok ? null : checked.failure);
          if (!checked.ok) event.preventDefault();
        }}
      >
        <input type="hidden" name="redirectTo" value={params.get('redirectTo') ?? ''} />
        {factors.length > 1 ? (
          <SelectField label="Authenticator app" name="factorId" errors={errors?.fieldErrors.factorId}>
            {factors.map((factor) => (
              <option key={factor.id} value={factor.id}>
                {factor.name}
              </option>
            ))}
          </SelectField>
        ) : (
          <input type="hidden" name="factorId" value={only?.id ?? ''} />
        )}
        <div className="mfa-code">
          <TextField
            label="6-digit code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={9}
            // The page exists only to take this code.
            autoFocus
            errors={errors?.fieldErrors.code}
          />
        </div>
        <button type="submit" className="button button-primary button-wide" disabled={busy}>
          {busy ? 'Checking…' : 'Confirm'}
        </button>
      </Form>
      <p className="auth-switch">
        <Link to="/">Not now: back to Roost</Link>
      </p>
    </AuthPage>
  );
}
