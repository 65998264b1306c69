// Organization settings (admins and owners): read through the Data API as the user, saved with
// an update that RLS allows admins only; the table's constraints have the last word and their
// refusals come back as messages on the fields.
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { useState } from 'react';
import { FormError, SelectField, TextField } from '../../components/forms.tsx';
import { updateOrganization } from '../../data/organizations.server.ts';
import { requireMember } from '../../utils/auth.server.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

import { databaseFailure } from '../../utils/database-errors.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import { SettingsSchema } from './settings.schema.ts';
import { SETTINGS_ERRORS, settingsChoices } from './settings.server.ts';

export const meta: MetaFunction = () => [{ title: 'Organization settings · Roost' }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'admin');
  return { organization, ...settingsChoices(organization) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { organization } = await requireMember(request, context, params.org, 'admin');
  const parsed = parseForm(SettingsSchema, await request.formData());
  if (!parsed.ok) return data(parsed.failure, { status: 400 });
  const saved = await updateOrganization(context.supabase, organization.id, parsed.value);
  if (saved.error) return data(databaseFailure(saved.error, SETTINGS_ERRORS), { status: 400 });
  throw redirect(`/o/${saved.organization.slug}/settings?saved=1`);
}

export default function OrganizationSettings() {
  const { organization, timeZones, currencies } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [clientErrors, setClientErrors] = useState<FormFailure | null>(null);
  const busy = useNavigation().state === 'submitting';
  const errors = clientErrors ?? failure;
  return (
    <>
      <h1>Organization settings</h1>
      <p className="muted">How {organization.name} appears to its staff and guests.</p>
      {params.has('saved') && !errors ? (
        <div className="alert alert-success" role="status">
          Settings saved.
        </div>
      ) : null}
      <FormError message={errors?.formError} />
      <Form
        method="post"
        noValidate
        className="form-panel"
        key={organization.updated_at}
        onSubmit={(event) => {
          const parsed = parseForm(SettingsSchema, new FormData(event.currentTarget));
          setClientErrors(parsed.ok ? null : parsed.failure);
          if (!parsed.ok) event.preventDefault();
        }}
      >
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
    </>
  );
}
