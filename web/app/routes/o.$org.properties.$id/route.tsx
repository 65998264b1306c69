// One property (managers of it and up; staff and viewers get 403): its own fields, its booking
// rules (property_settings), its resource types and resources with capacity, and the periods a
// resource is out of service, and its table service hours (decision 044). Each form posts an
// intent; the policies and constraints decide.
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { FormError } from '../../components/forms.tsx';
import { PropertyNav } from '../../components/property-nav.tsx';
import { getPropertySettings, savePropertySettings, updateProperty } from '../../data/properties.server.ts';
import {
  addOutOfService,
  createResource,
  createResourceType,
  listResources,
  listResourceTypes,
} from '../../data/resources.server.ts';
import { getServicePeriods, saveServicePeriods } from '../../data/service-periods.server.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

import { CheckedForm, FormButton, SavedNotice } from '../../components/checked-form.tsx';
import { databaseFailure } from '../../utils/database-errors.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import { requireProperty } from '../../utils/property-access.server.ts';
import { zonedToInstant } from '../../utils/time-zones.ts';
import { BookingRules } from './booking-rules.tsx';
import { PropertySchema, PropertySettingsSchema } from './property.schema.ts';
import {
  OUT_OF_SERVICE_ERRORS,
  PROPERTY_ERRORS,
  propertyChoices,
  RESOURCE_ERRORS,
  RESOURCE_TYPE_ERRORS,
  SETTINGS_ERRORS,
} from './property.server.ts';
import { PropertyFields } from './property-fields.tsx';
import { ResourceTypes } from './resource-types.tsx';
import { OutOfServiceSchema, ResourceSchema, ResourceTypeSchema } from './resources.schema.ts';
import { OutOfService, Resources } from './resources.tsx';
import servicePeriodStyles from './service-periods.css?url';
import { ServicePeriodsSchema } from './service-periods.schema.ts';
import { SERVICE_PERIOD_ERRORS } from './service-periods.server.ts';
import { ServicePeriods } from './service-periods.tsx';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: servicePeriodStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.property.name ?? 'Property'} · Roost` },
];

export async function loader(args: LoaderFunctionArgs) {
  const { organization, property } = await requireProperty(args);
  const supabase = args.context.supabase;
  const [settings, types, resources, servicePeriods] = await Promise.all([
    getPropertySettings(supabase, property.id),
    listResourceTypes(supabase, property.id),
    listResources(supabase, property.id),
    getServicePeriods(supabase, property.id),
  ]);
  // Formatted here, in the property's time zone, so the browser renders the same text.
  const when = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: property.time_zone,
  });
  return {
    organization: { slug: organization.slug },
    property,
    settings: {
      ...settings,
      check_in_time: settings.check_in_time.slice(0, 5),
      check_out_time: settings.check_out_time.slice(0, 5),
    },
    servicePeriods,
    types,
    resources: resources.map(({ outOfService, ...resource }) => ({
      ...resource,
      outOfService: outOfService.map((period) => ({
        ...period,
        label: `${when.format(new Date(period.starts))} – ${when.format(new Date(period.ends))}`,
      })),
    })),
    ...propertyChoices(property),
  };
}

type Intent = 'property' | 'settings' | 'service-periods' | 'resource-type' | 'resource' | 'out-of-service';
const failed = (intent: Intent, failure: FormFailure) => data({ intent, ...failure }, { status: 400 });

export async function action(args: ActionFunctionArgs) {
  const { organization, property } = await requireProperty(args);
  const supabase = args.context.supabase;
  const form = await args.request.formData();
  const intent = String(form.get('intent')) as Intent;
  const done = (what: Intent) => redirect(`/o/${organization.slug}/properties/${property.id}?saved=${what}`);
  switch (intent) {
    case 'property': {
      const parsed = parseForm(PropertySchema, form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      const saved = await updateProperty(supabase, property.id, parsed.value);
      if (saved.error) return failed(intent, databaseFailure(saved.error, PROPERTY_ERRORS));
      throw done(intent);
    }
    case 'settings': {
      const parsed = parseForm(PropertySettingsSchema, form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      const saved = await savePropertySettings(supabase, property, parsed.value);
      if (saved.error) return failed(intent, databaseFailure(saved.error, SETTINGS_ERRORS));
      throw done(intent);
    }
    case 'service-periods': {
      const parsed = parseForm(ServicePeriodsSchema, form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      const saved = await saveServicePeriods(supabase, property, parsed.value);
      if (saved.error) return failed(intent, databaseFailure(saved.error, SERVICE_PERIOD_ERRORS));
      throw done(intent);
    }
    case 'resource-type': {
      const parsed = parseForm(ResourceTypeSchema, form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      const saved = await createResourceType(supabase, property, parsed.value);
      if (saved.error) return failed(intent, databaseFailure(saved.error, RESOURCE_TYPE_ERRORS));
      throw done(intent);
    }
    case 'resource': {
      const parsed = parseForm(ResourceSchema, form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      const saved = await createResource(supabase, property, parsed.value);
      if (saved.error) return failed(intent, databaseFailure(saved.error, RESOURCE_ERRORS));
      throw done(intent);
    }
    case 'out-of-service': {
      const parsed = parseForm(OutOfServiceSchema, form);
      if (!parsed.ok) return failed(intent, parsed.failure);
      const { starts, ends, ...rest } = parsed.value;
      const saved = await addOutOfService(supabase, property, {
        ...rest,
        starts: zonedToInstant(starts, property.time_zone).toISOString(),
        ends: zonedToInstant(ends, property.time_zone).toISOString(),
      });
      if (saved.error) return failed(intent, databaseFailure(saved.error, OUT_OF_SERVICE_ERRORS));
      throw done(intent);
    }
    default:
      throw data({ message: 'Unknown form.' }, { status: 400 });
  }
}

export default function PropertyScreen() {
  const { organization, property, settings, servicePeriods, types, resources, timeZones, currencies } =
    useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const countOf = (typeId: string) => resources.filter((resource) => resource.resource_type_id === typeId).length;
  return (
    <>
      <p className="breadcrumb">
        <Link to=".." relative="path">
          Properties
        </Link>
      </p>
      <h1>{property.name}</h1>
      <p className="muted">
        {property.time_zone.replaceAll('_', ' ')} · {property.currency}
      </p>
      <PropertyNav base={`/o/${organization.slug}/properties/${property.id}`} />
      {params.has('created') ? (
        <div className="alert alert-success" role="status">
          Property created. Set its booking rules, then add its rooms, tables or spaces.
        </div>
      ) : null}

      <section className="section" aria-labelledby="property-heading">
        <h2 id="property-heading">Property</h2>
        <SavedNotice intent="property" text="Property saved." />
        <CheckedForm intent="property" schema={PropertySchema} formKey={property.updated_at} label="Property">
          {(errors) => (
            <>
              <FormError message={errors?.formError} />
              <PropertyFields property={property} timeZones={timeZones} currencies={currencies} errors={errors} />
              <FormButton label="Save property" />
            </>
          )}
        </CheckedForm>
      </section>

      <BookingRules settings={settings} />
      {types.some((type) => type.pricing === 'slot') ? (
        <ServicePeriods periods={servicePeriods} formKey={`${settings.updated_at}-${JSON.stringify(servicePeriods)}`} />
      ) : null}
      <ResourceTypes types={types} countOf={countOf} />
      <Resources resources={resources} types={types} />
      {resources.length ? <OutOfService resources={resources} timeZone={property.time_zone} /> : null}
    </>
  );
}
