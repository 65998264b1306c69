// Two-step verification (/account/mfa): the user's authenticator apps, adding one (QR code and
// the key as text, then a first code that turns it on and makes this session aal2) and removing
// one after a confirmation. Auth's MFA API through the request's server client: the new tokens
// of a verify land in the session cookies on the way out (see data/mfa-factors.server.ts).
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Link, useActionData, useLoaderData, useRouteError, useSearchParams } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { ErrorPage } from '../../components/error-page.tsx';
import { FormError } from '../../components/forms.tsx';
import { removeFactor, startTotpEnrolment, type TotpEnrolment, verifyCode } from '../../data/mfa-factors.server.ts';
import { requireAal2, requireFactors, requireUser } from '../../utils/auth.server.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import { safeRedirectTo } from '../../utils/redirect-to.ts';
import styles from './mfa.css?url';
import { EnrolSchema, RemoveSchema, VerifySchema } from './mfa.schema.ts';
import { mfaFailure } from './mfa-messages.ts';
import { EnrolForm, FactorList, RemovePanel, ScanStep } from './mfa-panels.tsx';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];

export const meta: MetaFunction = () => [{ title: 'Two-step verification · Roost' }];

const ADDED = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const factors = (await requireFactors(request, context)).filter((factor) => factor.verified);
  return {
    email: user.email,
    aal: user.aal,
    factors: factors.map((factor) => ({ ...factor, added: ADDED.format(new Date(factor.createdAt)) })),
  };
}

export type MfaActionResult = FormFailure & { intent: string; enrolment?: TotpEnrolment; restart?: boolean };

const failed = (intent: string, failure: FormFailure, extra: Partial<MfaActionResult> = {}) =>
  data<MfaActionResult>({ intent, ...failure, ...extra }, { status: 400 });

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const form = await request.formData();
  const intent = String(form.get('intent') ?? '');
  const redirectTo = safeRedirectTo(new URL(request.url).searchParams.get('redirectTo'), '');
  const here = (notice: string) =>
    redirect(`/account/mfa?${new URLSearchParams(redirectTo ? { notice, redirectTo } : { notice })}`);

  if (intent === 'enrol') {
    const parsed = parseForm(EnrolSchema, form);
    if (!parsed.ok) return failed(intent, parsed.failure);
    // A second app needs this session confirmed with the first (Auth: insufficient_aal).
    const factors = await requireFactors(request, context);
    if (factors.some((factor) => factor.verified)) await requireAal2(request, context, user);
    const started = await startTotpEnrolment(context.supabase, parsed.value.name);
    if (started.error) return failed(intent, mfaFailure(started.error.code));
    return data<MfaActionResult>({ intent, fieldErrors: {}, enrolment: started.enrolment });
  }
  if (intent === 'verify') {
    const parsed = parseForm(VerifySchema, form);
    if (!parsed.ok) return failed(intent, parsed.failure);
    const refusal = await verifyCode(context.supabase, parsed.value.factorId, parsed.value.code);
    if (refusal) {
      return failed(intent, mfaFailure(refusal.code), { restart: refusal.code === 'mfa_factor_not_found' });
    }
    // The session is aal2 now: back to what needed it, if something did.
    throw redirectTo ? redirect(redirectTo) : here('enrolled');
  }
  if (intent === 'remove') {
    const parsed = parseForm(RemoveSchema, form);
    if (!parsed.ok) return failed(intent, parsed.failure);
    await requireAal2(request, context, user);
    const refusal = await removeFactor(context.supabase, parsed.value.factorId);
    if (refusal) return failed(intent, mfaFailure(refusal.code));
    throw here('removed');
  }
  return failed(intent, { fieldErrors: {}, formError: 'This form is not known. Reload the page.' });
}

const NOTICES: Record<string, string> = {
  enrolled: 'Two-step verification is on. Sensitive changes will ask for a code from your app.',
  removed: 'The authenticator app was removed.',
};

export default function TwoStepVerification() {
  const { email, factors } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  // The QR code exists only in the enrol answer: keep it while codes are tried against it.
  const [kept, setKept] = useState<TotpEnrolment | null>(null);
  useEffect(() => {
    if (result?.enrolment) setKept(result.enrolment);
    if (result?.restart) setKept(null);
  }, [result]);
  const pending = result?.restart ? null : (result?.enrolment ?? kept);
  // Once verified, the factor is in the list and its QR step is done.
  const enrolment = pending && !factors.some((factor) => factor.id === pending.factorId) ? pending : null;
  const removing = factors.find((factor) => factor.id === params.get('remove'));
  const redirectTo = safeRedirectTo(params.get('redirectTo'), '');
  const notice = result ? undefined : NOTICES[params.get('notice') ?? ''];
  const failure = result && !result.enrolment ? result : undefined;
  return (
    <main className="centered">
      <div className="card mfa-card">
        <p className="brand" aria-hidden="true">
          Roost
        </p>
        <h1>Two-step verification</h1>
        <p className="muted">
          Signed in as {email}. With an authenticator app, changes that matter (ownership, security settings) ask for a
          6-digit code as well as your password.
        </p>
        {params.get('reason') === 'required' ? (
          <div className="alert" role="status">
            That change needs two-step verification. Add an authenticator app below; you will then go back to finish it.
          </div>
        ) : null}
        {notice ? (
          <div className="alert alert-success" role="status">
            {notice}
          </div>
        ) : null}
        {removing ? (
          <RemovePanel factor={removing} failure={failure?.intent === 'remove' ? failure : undefined} />
        ) : null}
        <FactorList factors={factors} />
        {enrolment ? (
          <ScanStep enrolment={enrolment} failure={failure?.intent === 'verify' ? failure : undefined} />
        ) : (
          <>
            {failure?.intent === 'verify' ? <FormError message={failure.formError} /> : null}
            <EnrolForm hasFactor={factors.length > 0} failure={failure?.intent === 'enrol' ? failure : undefined} />
          </>
        )}
        <p className="auth-switch">
          <Link to={redirectTo || '/'}>{redirectTo ? 'Back to what you were doing' : 'Back to Roost'}</Link>
        </p>
      </div>
    </main>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
