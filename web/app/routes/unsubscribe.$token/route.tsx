// The unsubscribe link of marketing email (/unsubscribe/<token>; decision 031): anyone holding
// the link may withdraw that guest's marketing consent, nothing else. The page asks first (mail
// scanners fetch links; only the button's POST unsubscribes); public.unsubscribe_marketing checks
// the token's signature and records the opt-out (the guests audit log keeps when).
import type { ActionFunctionArgs, LinksFunction, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { unsubscribeMarketing } from '../../data/unsubscribe.server.ts';
import styles from '../account._index/account.css?url';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];
export const meta: MetaFunction = () => [{ title: 'Unsubscribe · Roost' }, { name: 'robots', content: 'noindex' }];

const TokenSchema = z.string().regex(/^[0-9a-f-]{36}\.[0-9a-f]{32}$/);

export function loader() {
  return null;
}

export async function action({ params, context }: ActionFunctionArgs) {
  const token = TokenSchema.safeParse(params.token);
  // An invalid link is the page's answer, not a failed request: the guest reads what to do.
  if (!token.success) return { ok: false as const, organization: null };
  const organization = await unsubscribeMarketing(context.supabase, token.data);
  if (organization === null) return { ok: false as const, organization: null };
  return { ok: true as const, organization };
}

export default function Unsubscribe() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== 'idle';
  return (
    <div className="account-page">
      <main className="account-content" id="main">
        <h1>Marketing emails</h1>
        {result?.ok ? (
          <div className="alert alert-success" role="status">
            You will no longer receive marketing emails from {result.organization}. Booking confirmations and other
            messages about your stays still reach you.
          </div>
        ) : result ? (
          <div className="alert alert-error" role="alert">
            This unsubscribe link is not valid. Use the link in the most recent email, or reply to it and ask to be
            removed.
          </div>
        ) : (
          <>
            <p>Stop receiving marketing emails, such as thank-you notes and offers, from this hotel?</p>
            <Form method="post">
              <button type="submit" className="button button-primary" disabled={busy}>
                Unsubscribe
              </button>
            </Form>
          </>
        )}
      </main>
    </div>
  );
}
