// The signed-in user's own account, whatever organizations they belong to: name and photo
// (public.profiles, the avatars bucket), the sign-in address (confirmed from both addresses),
// the password (after an emailed code), two-factor authentication (its own page) and devices.
// Each form posts an intent; Auth, RLS and the bucket's policies decide.
import {
  type ActionFunctionArgs,
  type AppLoadContext,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import {
  changePassword,
  forgetSession,
  getAccount,
  requestEmailChange,
  sendReauthenticationCode,
  signOutOtherDevices,
} from '../../data/account.server.ts';
import { getProfile, removeAvatar, saveAvatar, saveDisplayName } from '../../data/profiles.server.ts';
import { requireUser } from '../../utils/auth.server.ts';
import { databaseFailure } from '../../utils/database-errors.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import styles from './account.css?url';
import { AVATAR_MAX_BYTES, avatarProblem, EmailSchema, PasswordSchema, ProfileSchema } from './account.schema.ts';
import {
  AVATAR_ERRORS,
  CODE_REFUSALS,
  EMAIL_REFUSALS,
  PASSWORD_REFUSALS,
  PROFILE_ERRORS,
  refusal,
} from './account.server.ts';
import { EmailSection } from './email-section.tsx';
import { PasswordSection } from './password-section.tsx';
import { ProfileSection } from './profile-section.tsx';
import { SessionsSection } from './sessions-section.tsx';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];

export const meta: MetaFunction = () => [{ title: 'Your account · Roost' }];

/** How long an emailed code works (supabase/config.toml [auth.email] otp_expiry, 3600 s by default). */
const CODE_LIFETIME_MS = 60 * 60_000;

/**
 * The user and their Auth record. Auth is asked (not only the cookie's claims): a session ended
 * from another device is refused here at once, and its cookies are cleared.
 */
async function requireAccount(request: Request, context: AppLoadContext) {
  const user = requireUser(request, context);
  const account = await getAccount(context.supabase);
  if (!account) {
    await forgetSession(context.supabase);
    throw redirect(`/sign-in?${new URLSearchParams({ notice: 'signed-out', redirectTo: '/account' })}`);
  }
  return { user, account };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, account } = await requireAccount(request, context);
  const profile = await getProfile(context.supabase, user.id);
  const sentAt = account.reauthenticationSentAt ? Date.parse(account.reauthenticationSentAt) : 0;
  return {
    account: { email: account.email, newEmail: account.newEmail },
    profile: {
      displayName: profile?.displayName ?? '',
      avatarUrl: profile?.avatarUrl ?? null,
      updatedAt: profile?.updatedAt ?? '',
    },
    // A code was sent within its lifetime and not yet used for a change.
    codeSent: Date.now() - sentAt < CODE_LIFETIME_MS && new URL(request.url).searchParams.get('saved') !== 'password',
  };
}

type Intent = 'profile' | 'avatar' | 'avatar-remove' | 'email' | 'code-request' | 'password' | 'others';
const failed = (intent: Intent, failure: FormFailure) => data({ intent, ...failure }, { status: 400 });
const done = (saved: string) => redirect(`/account?saved=${saved}`);

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, account } = await requireAccount(request, context);
  const supabase = context.supabase;
  // A photo is at most 2 MB; refuse a far larger body before reading it.
  if (Number(request.headers.get('Content-Length') ?? 0) > AVATAR_MAX_BYTES + 64 * 1024) {
    return failed('avatar', { fieldErrors: { avatar: ['Use an image of at most 2 MB.'] } });
  }
  const form = await request.formData();
  const intent = String(form.get('intent')) as Intent;
  switch (intent) {
    case 'profile': {
      const parsed = parseForm(ProfileSchema, form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      const saved = await saveDisplayName(supabase, user.id, parsed.value.display_name);
      if (saved.error) return failed(intent, databaseFailure(saved.error, PROFILE_ERRORS));
      throw done(intent);
    }
    case 'avatar': {
      const file = form.get('avatar');
      const problem = avatarProblem(file);
      if (problem || !(file instanceof File)) return failed(intent, { fieldErrors: { avatar: [problem ?? ''] } });
      const profile = await getProfile(supabase, user.id);
      const saved = await saveAvatar(supabase, user.id, file, profile?.avatarPath ?? null);
      if (saved.error) return failed(intent, databaseFailure(saved.error, AVATAR_ERRORS));
      throw done(intent);
    }
    case 'avatar-remove': {
      const profile = await getProfile(supabase, user.id);
      const saved = await removeAvatar(supabase, user.id, profile?.avatarPath ?? null);
      if (saved.error) return failed('avatar', databaseFailure(saved.error, AVATAR_ERRORS));
      throw done(intent);
    }
    case 'email': {
      const parsed = parseForm(EmailSchema, form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      const email = parsed.value.email.toLowerCase();
      if (email === account.email.toLowerCase()) {
        return failed(intent, { fieldErrors: { email: ['This is already your address.'] } });
      }
      // Both links come back through /auth/confirm, which knows an email change by its type.
      const back = new URLSearchParams({ type: 'email_change', next: '/account?saved=email-changed' });
      const refused = await requestEmailChange(supabase, email, new URL(`/auth/confirm?${back}`, request.url).href);
      if (refused) return failed(intent, refusal(refused, EMAIL_REFUSALS, 'start the change'));
      throw done(intent);
    }
    case 'code-request': {
      const refused = await sendReauthenticationCode(supabase);
      if (refused) return failed(intent, refusal(refused, CODE_REFUSALS, 'send a code'));
      throw done('code');
    }
    case 'password': {
      const parsed = parseForm(PasswordSchema, form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      const refused = await changePassword(supabase, parsed.value.password, parsed.value.code);
      if (refused) return failed(intent, refusal(refused, PASSWORD_REFUSALS, 'change the password'));
      throw done(intent);
    }
    case 'others': {
      const refused = await signOutOtherDevices(supabase);
      if (refused) return failed(intent, refusal(refused, {}, 'sign out the other devices'));
      throw done(intent);
    }
    default:
      throw data({ message: 'Unknown form.' }, { status: 400 });
  }
}

export default function AccountPage() {
  const { account, profile, codeSent } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure & { intent: string }>();
  return (
    <div className="account-page">
      <header className="account-topbar">
        <Link to="/?pick" className="brand brand-link">
          Roost
        </Link>
        <Link to="/?pick">Your organizations</Link>
      </header>
      <main className="account-content" id="main">
        <h1>Your account</h1>
        <p className="muted">Signed in as {account.email}</p>
        <ProfileSection
          displayName={profile.displayName}
          avatarUrl={profile.avatarUrl}
          formKey={profile.updatedAt || 'profile'}
        />
        <EmailSection email={account.email} newEmail={account.newEmail} />
        <PasswordSection email={account.email} codeSent={codeSent} formKey={String(codeSent)} />
        <section className="section" aria-labelledby="mfa-heading">
          <h2 id="mfa-heading">Two-factor authentication</h2>
          <p className="muted">
            A code from an authenticator app on your phone, asked after your password, keeps the account safe even if
            the password leaks.
          </p>
          <Link to="/account/mfa" className="button">
            Two-factor authentication
          </Link>
        </section>
        <SessionsSection error={failure?.intent === 'others' ? failure.formError : undefined} />
      </main>
    </div>
  );
}
