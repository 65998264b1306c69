// The invitation email's link (/invitations/accept?token=…, functions/invite). Signed out: sign
// in or create an account, both coming back here. Signed in: one button accepts the invitation
// (public.accept_invitation, as the user: only the invited, confirmed address can) and lands in
// the organization; a refusal says what to do next.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { AuthPage } from '../../components/auth-page.tsx';
import { FormError } from '../../components/forms.tsx';
import { acceptInvitation } from '../../data/invitations.server.ts';
import { requireUser } from '../../utils/auth.server.ts';
import { databaseFailure } from '../../utils/database-errors.ts';
import membersStyles from '../o.$org.members/members.css?url';
import { ACCEPT_ERRORS, TokenSchema } from './accept.server.ts';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: membersStyles }];

export const meta: MetaFunction = () => [{ title: 'Accept an invitation · Roost' }];

export function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = TokenSchema.safeParse(url.searchParams.get('token'));
  const back = `${url.pathname}${url.search}`;
  const signedIn = Boolean(context.claims?.sub && !context.claims.is_anonymous);
  return {
    valid: token.success,
    email: signedIn ? String(context.claims?.email ?? '') : null,
    signIn: `/sign-in?${new URLSearchParams({ redirectTo: back })}`,
    signUp: `/sign-up?${new URLSearchParams({ redirectTo: back })}`,
    back,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireUser(request, context);
  const token = TokenSchema.safeParse(new URL(request.url).searchParams.get('token'));
  if (!token.success)
    return data(databaseFailure({ code: '22023', message: 'invalid_token' }, ACCEPT_ERRORS), { status: 400 });
  const accepted = await acceptInvitation(context.supabase, token.data);
  if (accepted.error) return data(databaseFailure(accepted.error, ACCEPT_ERRORS), { status: 400 });
  throw redirect(`/o/${accepted.slug}`);
}

export default function AcceptInvitation() {
  const { valid, email, signIn, signUp, back } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  if (!valid) {
    return (
      <AuthPage title="This invitation link is incomplete">
        <p>Open the link from the invitation email again, or ask the person who invited you to send a new one.</p>
      </AuthPage>
    );
  }
  if (!email) {
    return (
      <AuthPage title="You are invited to Roost">
        <p>To accept the invitation, sign in or create an account with the email address the invitation was sent to.</p>
        <div className="stacked-actions">
          <Link to={signIn} className="button button-primary">
            Sign in to accept
          </Link>
          <Link to={signUp} className="button">
            Create an account
          </Link>
        </div>
      </AuthPage>
    );
  }
  return (
    <AuthPage title="Accept your invitation">
      <p>
        You are signed in as <strong>{email}</strong>. Accepting adds you to the organization that invited this address.
      </p>
      <FormError message={failure?.formError} />
      {failure ? (
        // A refusal is final for this link (revoked, used, expired, another address): no retry button.
        <p>
          <Link to="/">Go to your organizations</Link>
        </p>
      ) : (
        <Form method="post">
          <button type="submit" className="button button-primary button-wide" disabled={busy}>
            {busy ? 'Joining…' : 'Accept the invitation'}
          </button>
        </Form>
      )}
      <div className="accept-switch">
        <p className="muted">Invited under another address? Sign out, then sign in with that one.</p>
        <Form method="post" action="/sign-out">
          <input type="hidden" name="redirectTo" value={back} />
          <button type="submit" name="scope" value="local" className="button">
            Sign out
          </button>
        </Form>
      </div>
    </AuthPage>
  );
}
