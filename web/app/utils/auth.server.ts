// Guards that throw: a loader or action calls one and reads on with what it returns. Claims are
// verified once per request (getLoadContext); they steer redirects and screens, while RLS
// decides every row the user's client reads or writes.
import { type AppLoadContext, data, redirect } from '@remix-run/node';
import { getMembershipBySlug, type Membership } from '../data/memberships.server.ts';
import { type Factor, listFactors } from '../data/mfa-factors.server.ts';
import type { Organization } from '../data/organizations.server.ts';
import { oncePerRequest } from './request-memo.server.ts';
import { type Role, roleAtLeast } from './roles.ts';

export interface SignedInUser {
  id: string;
  email: string;
  aal: string;
}

/** The signed-in user, or a redirect to sign in that comes back here afterwards. */
export function requireUser(request: Request, context: AppLoadContext): SignedInUser {
  const claims = context.claims;
  if (!claims?.sub || claims.is_anonymous) {
    const url = new URL(request.url);
    const back = `${url.pathname}${url.search}`;
    throw redirect(back === '/' ? '/sign-in' : `/sign-in?${new URLSearchParams({ redirectTo: back })}`);
  }
  return { id: claims.sub, email: String(claims.email ?? ''), aal: String(claims.aal ?? 'aal1') };
}

/** Sends a signed-in user away from the sign-in and sign-up pages. */
export function redirectIfSignedIn(context: AppLoadContext): void {
  if (context.claims?.sub && !context.claims.is_anonymous) throw redirect('/');
}

export interface MemberAccess {
  user: SignedInUser;
  organization: Organization;
  membership: Membership;
}

/**
 * The user's membership of the organization at `slug` with at least `minRole`. Not a member
 * (RLS shows no such organization): 404, so slugs of other tenants are not confirmed. A
 * member below `minRole`: 403, never the page.
 */
export async function requireMember(
  request: Request,
  context: AppLoadContext,
  slug: string | undefined,
  minRole: Role = 'viewer',
): Promise<MemberAccess> {
  const user = requireUser(request, context);
  const found = slug
    ? await oncePerRequest(request, context, `member:${slug}`, () =>
        getMembershipBySlug(context.supabase, slug, user.id),
      )
    : null;
  if (!found) throw data({ message: 'No such organization, or you are not a member of it.' }, { status: 404 });
  const { organization, membership } = found;
  if (!roleAtLeast(membership.role, minRole)) {
    throw data(
      { message: `This page needs the ${minRole} role or higher; your role here is ${membership.role}.` },
      { status: 403 },
    );
  }
  return { user, organization, membership };
}

/**
 * Sensitive actions need a second factor in this session (aal2). A user at aal1 who has a
 * verified factor is sent to confirm a code and comes back to this page (a form must then be
 * sent again); one without a factor is sent to set one up first, with the reason shown there.
 */
export async function requireAal2(request: Request, context: AppLoadContext, user: SignedInUser): Promise<void> {
  if (user.aal === 'aal2') return;
  const back = currentPage(request);
  const factors = await requireFactors(request, context);
  if (factors.some((factor) => factor.verified)) {
    throw redirect(`/mfa/challenge?${new URLSearchParams({ redirectTo: back })}`);
  }
  throw redirect(`/account/mfa?${new URLSearchParams({ reason: 'required', redirectTo: back })}`);
}

/**
 * The user's authenticator apps from Auth. A session Auth no longer has (signed out on another
 * device, or dropped when another session confirmed a code) is signed out here too, and the user
 * signs in again, coming back to this page.
 */
export async function requireFactors(request: Request, context: AppLoadContext): Promise<Factor[]> {
  const factors = await listFactors(context.supabase);
  if (factors) return factors;
  await context.supabase.auth.signOut({ scope: 'local' });
  throw redirect(`/sign-in?${new URLSearchParams({ redirectTo: currentPage(request) })}`);
}

/** The page a request came from (an action's URL is its page's; `?index` is Remix's, not the page's). */
function currentPage(request: Request): string {
  const url = new URL(request.url);
  url.searchParams.delete('index');
  const search = url.searchParams.toString();
  return `${url.pathname}${search ? `?${search}` : ''}`;
}
