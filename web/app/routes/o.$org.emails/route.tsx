// Email templates of an organization (admins and owners; decision 029): the branding every guest
// email carries (colour, sender name, reply-to; the logo is the organization's logo) and a live
// preview of each template with sample data, in English or German. The preview is the email's
// own HTML (o.$org.emails_.preview.ts) in a sandboxed frame: no script, no same-origin access.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { ROOST_COLOR } from '../../../../shared/mail/brand.ts';
import { LANGUAGES } from '../../../../shared/mail/i18n.ts';
import { renderSample } from '../../../../shared/mail/samples.ts';
import { PREVIEW_TEMPLATES, TEMPLATE_NOTES, TEMPLATE_TITLES } from '../../../../shared/mail/template-names.ts';
import { CheckedForm, SavedNotice } from '../../components/checked-form.tsx';
import { FormError, TextField } from '../../components/forms.tsx';
import {
  brandOf,
  getEmailBranding,
  samplePropertyName,
  updateEmailBranding,
} from '../../data/email-branding.server.ts';
import { requireMember } from '../../utils/auth.server.ts';
import { databaseFailure } from '../../utils/database-errors.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import emailStyles from './emails.css?url';
import { BrandingSchema, PreviewSchema } from './emails.schema.ts';
import { BRANDING_ERRORS } from './emails.server.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: emailStyles }];

export const meta: MetaFunction = () => [{ title: 'Email templates · Roost' }];

const LANGUAGE_NAMES: Record<(typeof LANGUAGES)[number], string> = { en: 'English', de: 'Deutsch' };

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
  return {
    organization: { slug: organization.slug, name: organization.name },
    branding,
    preview,
    mail: { subject: mail.subject, text: mail.text },
  };
}

type BrandingFailure = FormFailure & { intent: 'branding' };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'admin');
  const form = await request.formData();
  if (form.get('intent') !== 'branding') {
    return data<BrandingFailure>(
      { intent: 'branding', fieldErrors: {}, formError: 'This form is not known. Reload the page.' },
      { status: 400 },
    );
  }
  const parsed = parseForm(BrandingSchema, form);
  if (!parsed.ok) return data<BrandingFailure>({ intent: 'branding', ...parsed.failure }, { status: 400 });
  const saved = await updateEmailBranding(context.supabase, organization.id, parsed.value);
  if (saved.error) {
    return data<BrandingFailure>(
      { intent: 'branding', ...databaseFailure(saved.error, BRANDING_ERRORS) },
      { status: 400 },
    );
  }
  const back = new URL(request.url);
  back.searchParams.set('saved', 'branding');
  throw redirect(`${back.pathname}${back.search}`);
}

function previewHref(current: { template: string; lang: string; width: string }, change: Record<string, string>) {
  return `?${new URLSearchParams({ ...current, ...change })}`;
}

export default function EmailTemplates() {
  const { organization, branding, preview, mail } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Email templates</h1>
      <p className="muted">
        What {organization.name} sends to guests and staff. Guests get their email in the language of their profile
        (English or German; others get English).
      </p>
      <SavedNotice intent="branding" text="Email branding saved: every preview below uses it." />
      <section className="section" aria-labelledby="branding-heading">
        <h2 id="branding-heading">Branding</h2>
        <CheckedForm intent="branding" schema={BrandingSchema} formKey={branding.updated_at} label="Email branding">
          {(errors) => (
            <>
              <FormError message={errors?.formError} />
              <div className="field-row email-branding-row">
                <TextField
                  label="Brand colour"
                  name="email_brand_color"
                  type="color"
                  className="email-colour"
                  defaultValue={branding.email_brand_color ?? ROOST_COLOR}
                  hint="Buttons and the line above each email."
                  errors={errors?.fieldErrors.email_brand_color}
                />
                <TextField
                  label="Sender name"
                  name="email_sender_name"
                  defaultValue={branding.email_sender_name ?? ''}
                  placeholder={organization.name}
                  hint={`Shown as the sender. Empty: “${organization.name}”.`}
                  errors={errors?.fieldErrors.email_sender_name}
                />
                <TextField
                  label="Reply-to address"
                  name="email_reply_to"
                  type="email"
                  defaultValue={branding.email_reply_to ?? ''}
                  placeholder="frontdesk@example.com"
                  hint="Where guests’ replies go. Empty: replies are not possible."
                  errors={errors?.fieldErrors.email_reply_to}
                />
              </div>
              <p className="field-hint">
                The logo is your organization’s logo: change it in{' '}
                <Link to={`/o/${organization.slug}/settings`}>Settings</Link>.
              </p>
              <div className="form-actions">
                <button type="submit" className="button button-primary">
                  Save branding
                </button>
              </div>
            </>
          )}
        </CheckedForm>
      </section>

      <section className="section email-preview" aria-labelledby="preview-heading">
        <h2 id="preview-heading">Preview</h2>
        <div className="email-preview-layout">
          <nav aria-label="Templates" className="email-template-list">
            <ul>
              {PREVIEW_TEMPLATES.map((name) => (
                <li key={name}>
                  <Link
                    to={previewHref(preview, { template: name })}
                    preventScrollReset
                    aria-current={name === preview.template ? 'page' : undefined}
                  >
                    <span className="email-template-name">{TEMPLATE_TITLES[name]}</span>
                    <span className="email-template-note">{TEMPLATE_NOTES[name]}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="email-preview-pane">
            <Form method="get" preventScrollReset className="email-preview-controls" aria-label="Preview options">
              <input type="hidden" name="template" value={preview.template} />
              <fieldset>
                <legend>Language</legend>
                {LANGUAGES.map((lang) => (
                  <label key={lang}>
                    <input
                      type="radio"
                      name="lang"
                      value={lang}
                      defaultChecked={lang === preview.lang}
                      onChange={(event) => event.currentTarget.form?.requestSubmit()}
                    />
                    {LANGUAGE_NAMES[lang]}
                  </label>
                ))}
              </fieldset>
              <fieldset>
                <legend>Width</legend>
                {(['desktop', 'phone'] as const).map((width) => (
                  <label key={width}>
                    <input
                      type="radio"
                      name="width"
                      value={width}
                      defaultChecked={width === preview.width}
                      onChange={(event) => event.currentTarget.form?.requestSubmit()}
                    />
                    {width === 'desktop' ? 'Desktop' : 'Phone'}
                  </label>
                ))}
              </fieldset>
              <noscript>
                <button type="submit" className="button">
                  Show
                </button>
              </noscript>
            </Form>
            <p className="email-subject">
              <span className="muted">Subject:</span> <strong>{mail.subject}</strong>
            </p>
            <iframe
              key={`${preview.template}-${preview.lang}`}
              title={`Preview: ${TEMPLATE_TITLES[preview.template]} (${LANGUAGE_NAMES[preview.lang]})`}
              sandbox=""
              src={`/o/${organization.slug}/emails/preview?${new URLSearchParams({
                template: preview.template,
                lang: preview.lang,
                v: branding.updated_at,
              })}`}
              className={`email-frame email-frame-${preview.width}`}
            />
            <details className="email-text">
              <summary>Plain-text part</summary>
              <pre>{mail.text}</pre>
            </details>
          </div>
        </div>
      </section>
    </>
  );
}
