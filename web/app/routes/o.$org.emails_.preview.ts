// One email template's HTML with sample data in the organization's branding, for the Emails
// page's preview frame (admins and owners). Its own Content-Security-Policy: an email is inline
// styles and remote images and must run nothing, so `sandbox` without scripts, no connections,
// framed only by Roost's own pages. (A srcdoc frame would inherit the app's policy, which
// refuses inline styles, and show the email unstyled.)
import type { LoaderFunctionArgs } from '@remix-run/node';
import { renderSample } from '../../../shared/mail/samples.ts';
import { brandOf, getEmailBranding, samplePropertyName } from '../data/email-branding.server.ts';
import { requireMember } from '../utils/auth.server.ts';
import { PreviewSchema } from './o.$org.emails/emails.schema.ts';

const PREVIEW_POLICY = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src https: http: data:',
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  'sandbox',
].join('; ');

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'admin');
  const preview = PreviewSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [branding, propertyName] = await Promise.all([
    getEmailBranding(context.supabase, organization.id),
    samplePropertyName(context.supabase, organization.id),
  ]);
  const mail = await renderSample(
    preview.template,
    brandOf(context.supabase, branding),
    preview.lang,
    propertyName ?? undefined,
  );
  return new Response(mail.html, {
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': PREVIEW_POLICY,
      'X-Frame-Options': 'SAMEORIGIN',
      'Cache-Control': 'private, no-store',
    },
  });
}
