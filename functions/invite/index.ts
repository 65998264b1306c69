/// <reference lib="deno.window" />
// POST /functions/v1/invite {organization_id, email, role, property_ids?} → 201 {id}: an
// organization's admin (or owner) invites a person by email, to every property or the listed ones. The invitation RPC runs as the caller, so the database
// decides who may invite whom; the invitation email is queued in the same transaction, so it
// exists exactly when the invitation does.
import { brandFromOrganization } from '../../shared/mail/brand.ts';
import { renderInvitationEmail } from '../../shared/mail/templates/staff.tsx';
import { requireUser } from '../_shared/auth.ts';
import { asUser, httpErrorOf, withRequestId } from '../_shared/db.ts';
import { errorResponse, HttpError, json, methodNotAllowed, preflight, readJson } from '../_shared/http.ts';
import { settings } from '../_shared/settings.ts';
import { type InviteInput, parseInviteInput } from './input.ts';

/** The web app's page that accepts an invitation (it calls public.accept_invitation). */
export const ACCEPT_PATH = '/invitations/accept';

function acceptUrl(token: string): string {
  const site = settings().SITE_URL;
  if (!site) throw new HttpError(500, 'site_url_missing', 'The SITE_URL secret is not set.');
  const url = new URL(ACCEPT_PATH, site);
  url.searchParams.set('token', token);
  return url.href;
}

async function invite(claims: Record<string, unknown>, input: InviteInput): Promise<string> {
  return asUser(claims, async (tx) => {
    const [created] = await tx`
      select invitation_id, token, expires_at
      from public.invite_member(${input.organization_id}, ${input.email}, ${input.role},
        p_property_ids => ${input.property_ids ?? null}::uuid[])`;
    // Readable by the caller through RLS: invite_member just proved they are an admin there.
    const [details] = await tx`
      select o.name, o.email_brand_color, o.email_sender_name, o.email_reply_to::text as email_reply_to,
        p.display_name
      from public.organizations o
      left join public.profiles p on p.user_id = auth.uid()
      where o.id = ${input.organization_id}`;
    if (!created || !details) throw new Error('invite_member returned no invitation');
    const mail = await renderInvitationEmail({
      organizationName: details.name,
      role: input.role,
      acceptUrl: acceptUrl(created.token),
      inviterName: details.display_name ?? (typeof claims.email === 'string' ? claims.email : undefined),
      expiresAt: new Date(created.expires_at),
      // The organization's colour and name (decision 029); no logo: functions have no Storage URL setting.
      brand: brandFromOrganization({
        name: details.name,
        logo_path: null,
        email_brand_color: details.email_brand_color,
        email_sender_name: details.email_sender_name,
        email_reply_to: details.email_reply_to,
      }),
    });
    // The outbox belongs to the service role: switch to it, by name, for this one call.
    await tx`select set_config('role', 'service_role', true)`;
    await tx`
      select private.enqueue_mail(${input.email.toLowerCase()}, ${mail.subject}, ${mail.html}, ${mail.text},
        null, ${mail.template}, ${tx.json({ organization: input.organization_id })}, ${details.email_reply_to ?? null})`;
    return created.invitation_id as string;
  });
}

async function handle(req: Request): Promise<Response> {
  if (req.method === 'OPTIONS') return preflight();
  if (req.method !== 'POST') return methodNotAllowed(['POST']);
  try {
    const claims = await requireUser(req);
    const input = parseInviteInput(await readJson(req));
    const id = await invite(claims, input);
    return json(201, { id });
  } catch (error) {
    if (error instanceof HttpError) return errorResponse(error);
    const refusal = httpErrorOf(error);
    if (refusal) return errorResponse(refusal);
    console.error('invite failed', error);
    return json(500, { code: 'internal_error', message: 'The invitation could not be created.' });
  }
}

Deno.serve(withRequestId(handle));
