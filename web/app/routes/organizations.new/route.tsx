// A new organization, open to any signed-in user (a newcomer with no organization starts here):
// name, the slug in its portal's address (suggested from the name until edited), time zone and
// currency. public.create_organization makes the caller its owner; its refusals (a slug taken or
// malformed) show on their fields. Then on into the new organization's portal.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { FormError, SelectField, TextField } from '../../components/forms.tsx';
import { createOrganization } from '../../data/organizations.server.ts';
import { requireUser } from '../../utils/auth.server.ts';
import { databaseFailure, type ErrorPlacement } from '../../utils/database-errors.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import styles from '../account._index/account.css?url';
import { propertyChoices } from '../o.$org.properties.$id/property.server.ts';
import { OrganizationSchema } from './organization.schema.ts';
import { suggestSlug } from './slug.ts';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }];

export const meta: MetaFunction = () => [{ title: 'Create an organization · Roost' }];

/** public.create_organization's codes (decision 003) and the table's constraints, on their fields. */
const ORGANIZATION_ERRORS: Record<string, ErrorPlacement> = {
  invalid_name: { field: 'name', message: 'Use 1 to 120 characters.' },
  organizations_name_length: { field: 'name', message: 'Use 1 to 120 characters.' },
  invalid_slug: {
    field: 'slug',
    message: 'Use 1 to 48 lower-case letters, digits and hyphens, not starting or ending with a hyphen.',
  },
  slug_taken: { field: 'slug', message: 'Another organization already uses this address. Choose another.' },
  organizations_slug_key: { field: 'slug', message: 'Another organization already uses this address. Choose another.' },
  invalid_time_zone: { field: 'time_zone', message: 'The database does not know this time zone.' },
  invalid_currency: { field: 'currency', message: 'Use a three-letter currency code such as EUR.' },
};

const DEFAULTS = { time_zone: 'UTC', currency: 'EUR' };

export function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return { email: user.email, ...propertyChoices(DEFAULTS) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireUser(request, context);
  const parsed = parseForm(OrganizationSchema, await request.formData());
  if (!parsed.ok) return data<FormFailure>(parsed.failure, { status: 400 });
  const created = await createOrganization(context.supabase, parsed.value);
  if (created.error) return data<FormFailure>(databaseFailure(created.error, ORGANIZATION_ERRORS), { status: 400 });
  throw redirect(`/o/${created.organization.slug}`);
}

export default function NewOrganization() {
  const { email, timeZones, currencies } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [clientErrors, setClientErrors] = useState<FormFailure | null>(null);
  const busy = useNavigation().state !== 'idle';
  const errors = clientErrors ?? failure;
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [timeZone, setTimeZone] = useState(DEFAULTS.time_zone);
  // The browser knows where the user is: its zone is the likelier choice than UTC.
  useEffect(() => {
    const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (timeZones.includes(here)) setTimeZone((current) => (current === DEFAULTS.time_zone ? here : current));
  }, [timeZones]);
  return (
    <div className="account-page">
      <header className="account-topbar">
        <Link to="/?pick" className="brand brand-link">
          Roost
        </Link>
        <Link to="/account">Your account</Link>
      </header>
      <main className="account-content" id="main">
        <p className="breadcrumb">
          <Link to="/?pick">Your organizations</Link>
        </p>
        <h1>Create an organization</h1>
        <p className="muted">
          Your business: its hotels, restaurants or venues come next. You ({email}) become its owner and can invite your
          team.
        </p>
        <FormError message={errors?.formError} />
        <Form
          method="post"
          noValidate
          className="form-panel"
          aria-label="New organization"
          onSubmit={(event) => {
            const parsed = parseForm(OrganizationSchema, new FormData(event.currentTarget));
            setClientErrors(parsed.ok ? null : parsed.failure);
            if (!parsed.ok) event.preventDefault();
          }}
        >
          <TextField
            label="Organization name"
            name="name"
            autoComplete="organization"
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              if (!slugEdited) setSlug(suggestSlug(event.target.value));
            }}
            errors={errors?.fieldErrors.name}
          />
          <TextField
            label="Web address name"
            name="slug"
            value={slug}
            autoCapitalize="none"
            spellCheck={false}
            onChange={(event) => {
              setSlug(event.target.value);
              setSlugEdited(true);
            }}
            hint={`Your portal will be at /o/${slug || 'your-name'}. Lower-case letters, digits and hyphens.`}
            errors={errors?.fieldErrors.slug}
          />
          <div className="field-row field-row-2">
            <SelectField
              label="Time zone"
              name="time_zone"
              value={timeZone}
              onChange={(event) => setTimeZone(event.target.value)}
              hint="The default for its properties; each property can have its own."
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
              defaultValue={DEFAULTS.currency}
              hint="The default for its properties' rates and charges."
              errors={errors?.fieldErrors.currency}
            >
              {currencies.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="form-actions">
            <Link to="/?pick" className="button button-quiet">
              Cancel
            </Link>
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? 'Creating…' : 'Create organization'}
            </button>
          </div>
        </Form>
      </main>
    </div>
  );
}
