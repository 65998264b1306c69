// Members (managers and up read it; admins and owners change it): invite by email with a role,
// resend or revoke open invitations, change a member's role, limit a member to some properties,
// remove a member after a confirmation. The tenancy RPCs decide every change (RLS, roles, the
// last owner); the screen shows the same rules first and explains the database's refusals.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { FormError } from '../../components/forms.tsx';
import { getInvitation, listOpenInvitations, revokeInvitation, sendInvitation } from '../../data/invitations.server.ts';
import {
  changeMemberRole,
  listMemberPage,
  listPropertyAccess,
  listPropertyChoices,
  removeMember,
  setMemberPropertyAccess,
} from '../../data/members.server.ts';
import { requireAal2, requireMember } from '../../utils/auth.server.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

import { databaseFailure } from '../../utils/database-errors.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import { roleAtLeast } from '../../utils/roles.ts';
import { InvitationList, InviteForm } from './invitations.tsx';
import { AccessPanel, RemovePanel } from './member-panels.tsx';
import { MemberTable } from './member-table.tsx';
import membersStyles from './members.css?url';
import {
  AccessSchema,
  InvitationSchema,
  InviteSchema,
  propertyIdsOf,
  RemoveSchema,
  RoleSchema,
} from './members.schema.ts';
import { INVITE_ERRORS, MEMBER_ERRORS } from './members.server.ts';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: membersStyles }];

export const meta: MetaFunction = () => [{ title: 'Members · Roost' }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, organization, membership } = await requireMember(request, context, params.org, 'manager');
  const admin = roleAtLeast(membership.role, 'admin');
  const page = Math.max(
    1,
    Math.min(10_000, Number.parseInt(new URL(request.url).searchParams.get('page') ?? '', 10) || 1),
  );
  const [{ members, total, owners }, invitations, properties, access] = await Promise.all([
    listMemberPage(context.supabase, organization.id, page, MEMBERS_PER_PAGE),
    admin ? listOpenInvitations(context.supabase, organization.id) : [],
    admin ? listPropertyChoices(context.supabase, organization.id) : [],
    admin ? listPropertyAccess(context.supabase, organization.id) : new Map<string, string[]>(),
  ]);
  return {
    organization: {
      slug: organization.slug,
      name: organization.name,
      locale: organization.locale,
      timeZone: organization.time_zone,
    },
    me: user.id,
    role: membership.role,
    members,
    total,
    owners,
    page,
    pages: Math.max(1, Math.ceil(total / MEMBERS_PER_PAGE)),
    invitations,
    properties,
    access: Object.fromEntries(access),
    now: new Date().toISOString(),
  };
}

const MEMBERS_PER_PAGE = 50;

export type MembersFailure = FormFailure & { intent: string; target?: string };

const failed = (intent: string, failure: FormFailure, target?: string) =>
  data<MembersFailure>({ intent, ...(target ? { target } : {}), ...failure }, { status: 400 });

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, organization } = await requireMember(request, context, params.org, 'admin');
  const form = await request.formData();
  const intent = String(form.get('intent') ?? '');
  const name = String(form.get('name') ?? '').slice(0, 120);
  const done = (notice: string, who: string) =>
    redirect(`/o/${organization.slug}/members?${new URLSearchParams({ notice, who })}`);
  const supabase = context.supabase;

  if (intent === 'invite') {
    const parsed = parseForm(InviteSchema, form);
    const restricted = parsed.ok && parsed.value.scope === 'some' && !roleAtLeast(parsed.value.role, 'admin');
    const ticked = restricted ? propertyIdsOf(form) : undefined;
    if (!parsed.ok || ticked?.error !== undefined) {
      const fieldErrors = {
        ...(parsed.ok ? {} : parsed.failure.fieldErrors),
        ...(ticked?.error ? { property: [ticked.error] } : {}),
      };
      return failed(intent, { fieldErrors });
    }
    const { email, role } = parsed.value;
    const refusal = await sendInvitation(supabase, {
      organizationId: organization.id,
      email,
      role,
      propertyIds: ticked?.ids ?? null,
    });
    if (refusal) return failed(intent, databaseFailure(refusal, INVITE_ERRORS));
    throw done('invited', email.toLowerCase());
  }
  if (intent === 'resend' || intent === 'revoke') {
    const parsed = parseForm(InvitationSchema, form);
    if (!parsed.ok) return failed(intent, { fieldErrors: {}, formError: 'No such invitation.' });
    const invitation = await getInvitation(supabase, organization.id, parsed.value.invitationId);
    if (!invitation)
      return failed(intent, { fieldErrors: {}, formError: 'This invitation was accepted or revoked meanwhile.' });
    const refusal =
      intent === 'resend'
        ? await sendInvitation(supabase, {
            organizationId: organization.id,
            email: invitation.email,
            role: invitation.role,
            propertyIds: invitation.propertyIds,
          })
        : await revokeInvitation(supabase, invitation.id);
    if (refusal) return failed(intent, databaseFailure(refusal, MEMBER_ERRORS), invitation.id);
    throw done(intent === 'resend' ? 'resent' : 'revoked', invitation.email);
  }
  if (intent === 'role') {
    const parsed = parseForm(RoleSchema, form);
    if (!parsed.ok) return failed(intent, parsed.failure);
    const { userId, role } = parsed.value;
    // Making someone an owner hands over the organization: it needs a second factor (decision 021).
    if (role === 'owner') await requireAal2(request, context, user);
    const refusal = await changeMemberRole(supabase, organization.id, userId, role);
    if (refusal) return failed(intent, databaseFailure(refusal, MEMBER_ERRORS), userId);
    // Your own lower role may no longer open this screen.
    if (userId === user.id) throw redirect(`/o/${organization.slug}`);
    throw done('role', name);
  }
  if (intent === 'access') {
    const parsed = parseForm(AccessSchema, form);
    const ids = propertyIdsOf(form);
    if (!parsed.ok || ids.error !== undefined) {
      const fieldErrors = {
        ...(parsed.ok ? {} : parsed.failure.fieldErrors),
        ...(ids.error ? { property: [ids.error] } : {}),
      };
      return failed(intent, { fieldErrors }, String(form.get('userId') ?? ''));
    }
    const { userId, scope } = parsed.value;
    const refusal = await setMemberPropertyAccess(supabase, organization.id, userId, scope === 'all' ? null : ids.ids);
    if (refusal) return failed(intent, databaseFailure(refusal, MEMBER_ERRORS), userId);
    throw done('access', name);
  }
  if (intent === 'remove') {
    const parsed = parseForm(RemoveSchema, form);
    if (!parsed.ok) return failed(intent, { fieldErrors: {}, formError: 'No such member.' });
    const refusal = await removeMember(supabase, organization.id, parsed.value.userId);
    if (refusal) return failed(intent, databaseFailure(refusal, MEMBER_ERRORS), parsed.value.userId);
    if (parsed.value.userId === user.id) throw redirect('/');
    throw done('removed', name);
  }
  return failed(intent, { fieldErrors: {}, formError: 'This form is not known. Reload the page.' });
}

const NOTICES: Record<string, (who: string) => string> = {
  invited: (who) => `Invitation sent to ${who}.`,
  resent: (who) => `A new invitation was sent to ${who}; the earlier link no longer works.`,
  revoked: (who) => `The invitation to ${who} was revoked.`,
  role: (who) => `${who}’s role was changed.`,
  access: (who) => `${who}’s properties were saved.`,
  removed: (who) => `${who} was removed from the organization.`,
};

export default function Members() {
  const { organization, me, role, members, total, owners, page, pages, invitations, properties, access, now } =
    useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const admin = roleAtLeast(role, 'admin');
  const notice = failure ? undefined : NOTICES[params.get('notice') ?? '']?.(params.get('who') ?? '');
  const removing = admin ? members.find((member) => member.userId === params.get('remove')) : undefined;
  const restricting = admin ? members.find((member) => member.userId === params.get('access')) : undefined;
  // Row forms (role, resend, revoke, remove) answer at the top of the screen.
  const rowFailure = failure && failure.intent !== 'invite' && failure.intent !== 'access' ? failure : undefined;
  const rowError = rowFailure ? (rowFailure.formError ?? Object.values(rowFailure.fieldErrors).flat()[0]) : undefined;
  return (
    <>
      <h1>Members</h1>
      <p className="muted">
        {total} {total === 1 ? 'person has' : 'people have'} access to {organization.name}.
        {admin ? null : ' Only admins and owners invite or change members.'}
      </p>
      {notice ? (
        <div className="alert alert-success" role="status">
          {notice}
        </div>
      ) : null}
      <FormError message={rowError} />
      {removing ? (
        <RemovePanel organization={organization} member={removing} me={me} actor={role} owners={owners} page={page} />
      ) : null}
      {restricting ? (
        <AccessPanel
          organization={organization}
          member={restricting}
          properties={properties}
          current={access[restricting.userId] ?? []}
          page={page}
          failure={failure?.intent === 'access' ? failure : undefined}
        />
      ) : null}
      {admin && !removing && !restricting ? (
        // Keyed by the query: a sent invitation (?notice=invited) starts an empty form.
        <InviteForm
          key={params.toString()}
          actor={role}
          properties={properties}
          failure={failure?.intent === 'invite' ? failure : undefined}
        />
      ) : null}
      <MemberTable
        organization={organization}
        me={me}
        actor={role}
        members={members}
        owners={owners}
        page={page}
        pages={pages}
        properties={properties}
        access={access}
      />
      {admin ? (
        <InvitationList
          organization={organization}
          actor={role}
          invitations={invitations}
          properties={properties}
          now={now}
        />
      ) : null}
    </>
  );
}
