// Where a change of address's links end up when they cannot go straight back to the account
// page (auth.confirm.ts): the first of the two confirmations, the change done on a device that
// did not ask for it, or a link that no longer works. Signed in or not.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { AuthPage } from '../../components/auth-page.tsx';

const STEPS = {
  first: {
    title: 'One more confirmation',
    text: 'This address is confirmed. Now open the link we sent to your other address: your email address changes once both are confirmed.',
  },
  done: {
    title: 'Email address changed',
    text: 'Both addresses are confirmed. Sign in with your new email address from now on.',
  },
  failed: {
    title: 'This link no longer works',
    text: 'It was already used, or it has expired. Ask for the change again on your account page.',
  },
} as const;

type Step = keyof typeof STEPS;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? STEPS[data.step].title : 'Email address'} · Roost` },
];

export function loader({ request, context }: LoaderFunctionArgs) {
  const step = new URL(request.url).searchParams.get('step');
  return {
    step: (step && step in STEPS ? step : 'failed') as Step,
    signedIn: Boolean(context.claims?.sub && !context.claims.is_anonymous),
  };
}

export default function EmailChange() {
  const { step, signedIn } = useLoaderData<typeof loader>();
  const { title, text } = STEPS[step];
  return (
    <AuthPage title={title}>
      <p role="status">{text}</p>
      <p className="auth-switch">
        {signedIn ? <Link to="/account">Go to your account</Link> : <Link to="/sign-in">Sign in</Link>}
      </p>
    </AuthPage>
  );
}
