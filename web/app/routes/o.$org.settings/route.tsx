// Organization settings (admins and owners): the organization's details, its logo (uploaded to
// the org-assets bucket as the user) and the "admins must use MFA" requirement. Read through
// the Data API as the user, saved with updates that RLS allows admins only; the table's
// constraints and the MFA rule (decision 021) have the last word and their refusals come back as
// messages on the forms.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useState } from 'react';
import { SavedNotice } from '../../components/checked-form.tsx';
import { FormError, SelectField, TextField } from '../../components/forms.tsx';
import { removeAsset, uploadLogo } from '../../data/org-assets.server.ts';
import { listAdminsWithoutMfa, logoUrl, updateOrganization } from '../../data/organizations.server.ts';
import { requireAal2, requireMember } from '../../utils/auth.server.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

import { databaseFailure } from '../../utils/database-errors.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import settingsStyles from './settings.css?url';
import { LOGO_MAX_BYTES, LOGO_TYPES, LogoSchema, MfaRequirementSchema, SettingsSchema } from './settings.schema.ts';
import { SETTINGS_ERRORS, settingsChoices } from './settings.server.ts';
import { LogoPanel, MfaNotice, MfaPanel } from './settings-panels.tsx';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: settingsStyles }];

export const meta: MetaFunction = () => [{ title: 'Organization settings · Roost' }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, organization } = await requireMember(request, context, params.org, 'admin');
  const withoutMfa = await listAdminsWithoutMfa(context.supabase, organization.id);
  return {
    organization,
    ...settingsChoices(organization),
    logo: logoUrl(context.supabase, organization.logo_path),
    mfa: {
      required: organization.require_admin_mfa,
      // At aal1 the database refuses this admin's changes while the requirement is on.
      sessionConfirmed: user.aal === 'aal2',
      withoutMfa: withoutMfa.map((admin) => ({ ...admin, isMe: admin.userId === user.id })),
    },
  };
}

export type SettingsFailure = FormFailure & { intent: string };

const failed = (intent: string, failure: FormFailure) => data<SettingsFailure>({ intent, ...failure }, { status: 400 });

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, organization } = await requireMember(request, context, params.org, 'admin');
  const saved = (intent: string, slug = organization.slug) => redirect(`/o/${slug}/settings?saved=${intent}`);
  // A logo is the only multipart post: refuse an oversized body before reading it.
  if (Number(request.headers.get('Content-Length') ?? 0) > LOGO_MAX_BYTES + 64 * 1024) {
    return failed('logo', { fieldErrors: { logo: ['Use an image of at most 1 MB.'] } });
  }
  const form = await request.formData();
  const intent = String(form.get('intent') ?? 'settings');

  if (intent === 'settings') {
    const parsed = parseForm(SettingsSchema, form);
    if (!parsed.ok) return failed(intent, parsed.failure);
    const updated = await updateOrganization(context.supabase, organization.id, parsed.value);
    if (updated.error) return failed(intent, databaseFailure(updated.error, SETTINGS_ERRORS));
    throw saved(intent, updated.organization.slug);
  }
  if (intent === 'mfa') {
    const parsed = parseForm(MfaRequirementSchema, form);
    if (!parsed.ok) return failed(intent, parsed.failure);
    // Changing the requirement needs a second factor now (the database insists too).
    await requireAal2(request, context, user);
    const required = parsed.value.require_admin_mfa === 'on';
    const updated = await updateOrganization(context.supabase, organization.id, { require_admin_mfa: required });
    if (updated.error) return failed(intent, databaseFailure(updated.error, SETTINGS_ERRORS));
    throw saved(intent);
  }
  if (intent === 'logo') {
    const checked = LogoSchema.safeParse({ logo: form.get('logo') });
    if (!checked.success) {
      return failed(intent, { fieldErrors: { logo: checked.error.issues.map((issue) => issue.message) } });
    }
    const file = checked.data.logo;
    const uploaded = await uploadLogo(
      context.supabase,
      organization.id,
      file,
      LOGO_TYPES[file.type as keyof typeof LOGO_TYPES],
    );
    if (uploaded.error !== undefined) {
      return failed(intent, { fieldErrors: { logo: ['The image could not be stored. Try again.'] } });
    }
    const updated = await updateOrganization(context.supabase, organization.id, { logo_path: uploaded.path });
    if (updated.error) {
      await removeAsset(context.supabase, uploaded.path);
      return failed(intent, databaseFailure(updated.error, SETTINGS_ERRORS));
    }
    if (organization.logo_path) await removeAsset(context.supabase, organization.logo_path);
    throw saved(intent);
  }
  if (intent === 'remove-logo') {
    const updated = await updateOrganization(context.supabase, organization.id, { logo_path: null });
    if (updated.error) return failed('logo', databaseFailure(updated.error, SETTINGS_ERRORS));
    if (organization.logo_path) await removeAsset(context.supabase, organization.logo_path);
    throw saved('logo-removed');
  }
  return failed(intent, { fieldErrors: {}, formError: 'This form is not known. Reload the page.' });
}

export default function OrganizationSettings() {
  const { organization, timeZones, currencies, logo, mfa } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [clientErrors, setClientErrors] = useState<FormFailure | null>(null);
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting' && (navigation.formData?.get('intent') ?? 'settings') === 'settings';
  const errors = clientErrors ?? (failure?.intent === 'settings' ? failure : undefined);
  return (
    <>
      <h1>Organization settings</h1>
      <p className="muted">How {organization.name} appears to its staff and guests.</p>
      <MfaNotice organizationName={organization.name} organizationSlug={organization.slug} {...mfa} />
      <SavedNotice intent="settings" text="Settings saved." />
      <FormError message={errors?.formError} />
      <Form
        method="post"
        noValidate
        className="form-panel"
        aria-label="Organization details"
        key={organization.updated_at}
        onSubmit={(event) => {
          const parsed = parseForm(SettingsSchema, new FormData(event.currentTarget));
          setClientErrors(parsed.ok ? null : parsed.failure);
          if (!parsed.ok) event.preventDefault();
        }}
      >
        <input type="hidden" name="intent" value="settings" />
        <TextField label="Name" name="name" defaultValue={organization.name} errors={errors?.fieldErrors.name} />
        <TextField
          label="Address in Roost"
          name="slug"
          defaultValue={organization.slug}
          hint="Used in links to your portal, such as /o/your-address."
          errors={errors?.fieldErrors.slug}
          autoCapitalize="none"
          spellCheck={false}
        />
        <div className="field-row">
          <SelectField
            label="Time zone"
            name="time_zone"
            defaultValue={organization.time_zone}
            errors={errors?.fieldErrors.time_zone}
          >
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll('_', ' ')}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Currency"
            name="currency"
            defaultValue={organization.currency}
            errors={errors?.fieldErrors.currency}
          >
            {currencies.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </SelectField>
          <TextField
            label="Language"
            name="locale"
            defaultValue={organization.locale}
            hint="Such as en or de-CH."
            errors={errors?.fieldErrors.locale}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save settings'}
          </button>
        </div>
      </Form>
      <LogoPanel
        organizationName={organization.name}
        logo={logo}
        updatedAt={organization.updated_at}
        failure={failure?.intent === 'logo' ? failure : undefined}
      />
      <MfaPanel
        organizationName={organization.name}
        organizationSlug={organization.slug}
        {...mfa}
        updatedAt={organization.updated_at}
        failure={failure?.intent === 'mfa' ? failure : undefined}
      />
    </>
  );
}
