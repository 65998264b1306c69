// A new property (unrestricted managers and up, as the insert policy says): name, kind, time zone
// and currency, the organization's zone and currency offered first.
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useState } from 'react';
import { FormError } from '../../components/forms.tsx';
import { createProperty } from '../../data/properties.server.ts';
import { requireMember } from '../../utils/auth.server.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

import { databaseFailure } from '../../utils/database-errors.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import { PropertySchema } from '../o.$org.properties.$id/property.schema.ts';
import { PROPERTY_ERRORS, propertyChoices } from '../o.$org.properties.$id/property.server.ts';
import { PropertyFields } from '../o.$org.properties.$id/property-fields.tsx';

export const meta: MetaFunction = () => [{ title: 'New property · Roost' }];

async function requireCreator(request: Request, context: LoaderFunctionArgs['context'], slug: string | undefined) {
  const access = await requireMember(request, context, slug, 'manager');
  if (!access.membership.allProperties) {
    throw data({ message: 'Only members who work in every property can add one.' }, { status: 403 });
  }
  return access;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organization } = await requireCreator(request, context, params.org);
  return {
    organization: { time_zone: organization.time_zone, currency: organization.currency },
    ...propertyChoices(organization),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { organization } = await requireCreator(request, context, params.org);
  const parsed = parseForm(PropertySchema, await request.formData());
  if (!parsed.ok) return data(parsed.failure, { status: 400 });
  const saved = await createProperty(context.supabase, organization.id, parsed.value);
  if (saved.error) return data(databaseFailure(saved.error, PROPERTY_ERRORS), { status: 400 });
  throw redirect(`/o/${organization.slug}/properties/${saved.row.id}?created=1`);
}

export default function NewProperty() {
  const { organization, timeZones, currencies } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [clientErrors, setClientErrors] = useState<FormFailure | null>(null);
  const busy = useNavigation().state === 'submitting';
  const errors = clientErrors ?? failure;
  return (
    <>
      <p className="breadcrumb">
        <Link to=".." relative="path">
          Properties
        </Link>
      </p>
      <h1>New property</h1>
      <p className="muted">A hotel, restaurant or venue. You add its rooms, tables and booking rules next.</p>
      <FormError message={errors?.formError} />
      <Form
        method="post"
        noValidate
        className="form-panel"
        onSubmit={(event) => {
          const parsed = parseForm(PropertySchema, new FormData(event.currentTarget));
          setClientErrors(parsed.ok ? null : parsed.failure);
          if (!parsed.ok) event.preventDefault();
        }}
      >
        <PropertyFields
          property={{ name: '', kind: 'hotel', ...organization }}
          timeZones={timeZones}
          currencies={currencies}
          errors={errors}
        />
        <div className="form-actions">
          <Link to=".." relative="path" className="button button-quiet">
            Cancel
          </Link>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create property'}
          </button>
        </div>
      </Form>
    </>
  );
}
