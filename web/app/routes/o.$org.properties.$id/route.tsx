// One property (managers of it and up; staff and viewers get 403): its own fields, its booking
// rules (property_settings), its resource types and resources with capacity, and the periods a
// resource is out of service. Each form posts an intent; the policies and constraints decide.
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node';
import { Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { FormError, SelectField, TextField } from '../../components/forms.tsx';
import {
  getProperty,
  getPropertySettings,
  savePropertySettings,
  updateProperty,
} from '../../data/properties.server.ts';
import {
  addOutOfService,
  createResource,
  createResourceType,
  listResources,
  listResourceTypes,
} from '../../data/resources.server.ts';
import { requireMember } from '../../utils/auth.server.ts';

export { ScreenErrorBoundary as ErrorBoundary } from '../../components/error-page.tsx';

import { databaseFailure } from '../../utils/database-errors.ts';
import { type FormFailure, parseForm } from '../../utils/forms.ts';
import { CheckedForm, SavedNotice } from './checked-form.tsx';
import { FEE_KIND_LABELS, PRICING_LABELS, RESOURCE_KIND_LABELS } from './labels.ts';
import { FEE_KINDS, PropertySchema, PropertySettingsSchema } from './property.schema.ts';
import {
  OUT_OF_SERVICE_ERRORS,
  PROPERTY_ERRORS,
  propertyChoices,
  RESOURCE_ERRORS,
  RESOURCE_TYPE_ERRORS,
  SETTINGS_ERRORS,
  zonedToInstant,
} from './property.server.ts';
import { PropertyFields } from './property-fields.tsx';
import {
  OutOfServiceSchema,
  PRICING_UNITS,
  RESOURCE_KINDS,
  ResourceSchema,
  ResourceTypeSchema,
} from './resources.schema.ts';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.property.name ?? 'Property'} · Roost` },
];

async function requireProperty(args: LoaderFunctionArgs) {
  const { request, context, params } = args;
  const { organization } = await requireMember(request, context, params.org, 'manager');
  const property = await getProperty(context.supabase, organization.id, params.id ?? '');
  if (!property) throw data({ message: 'No such property, or you do not work in it.' }, { status: 404 });
  return { organization, property };
}

export async function loader(args: LoaderFunctionArgs) {
  const { property } = await requireProperty(args);
  const supabase = args.context.supabase;
  const [settings, types, resources] = await Promise.all([
    getPropertySettings(supabase, property.id),
    listResourceTypes(supabase, property.id),
    listResources(supabase, property.id),
  ]);
  // Formatted here, in the property's time zone, so the browser renders the same text.
  const when = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: property.time_zone,
  });
  return {
    property,
    settings: {
      ...settings,
      check_in_time: settings.check_in_time.slice(0, 5),
      check_out_time: settings.check_out_time.slice(0, 5),
    },
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

type Intent = 'property' | 'settings' | 'resource-type' | 'resource' | 'out-of-service';
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
        starts: zonedToInstant(starts, property.time_zone),
        ends: zonedToInstant(ends, property.time_zone),
      });
      if (saved.error) return failed(intent, databaseFailure(saved.error, OUT_OF_SERVICE_ERRORS));
      throw done(intent);
    }
    default:
      throw data({ message: 'Unknown form.' }, { status: 400 });
  }
}

export default function PropertyScreen() {
  const { property, settings, types, resources, timeZones, currencies } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const typeName = new Map(types.map((type) => [type.id, type.name]));
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

      <section className="section" aria-labelledby="rules-heading">
        <h2 id="rules-heading">Booking rules</h2>
        <SavedNotice intent="settings" text="Booking rules saved." />
        <CheckedForm
          intent="settings"
          schema={PropertySettingsSchema}
          formKey={settings.updated_at || 'defaults'}
          label="Booking rules"
        >
          {(errors) => (
            <>
              <FormError message={errors?.formError} />
              <div className="field-row field-row-3">
                <TextField
                  label="Check-in from"
                  name="check_in_time"
                  type="time"
                  defaultValue={settings.check_in_time}
                  errors={errors?.fieldErrors.check_in_time}
                />
                <TextField
                  label="Check-out by"
                  name="check_out_time"
                  type="time"
                  defaultValue={settings.check_out_time}
                  errors={errors?.fieldErrors.check_out_time}
                />
                <NumberField
                  label="Turn time (minutes)"
                  name="slot_turn_minutes"
                  value={settings.slot_turn_minutes}
                  hint="A table or space stays blocked this long after a booking."
                  errors={errors?.fieldErrors.slot_turn_minutes}
                />
              </div>
              <div className="field-row field-row-3">
                <NumberField
                  label="Notice (minutes)"
                  name="min_notice_minutes"
                  value={settings.min_notice_minutes}
                  hint="Guests book at least this long ahead."
                  errors={errors?.fieldErrors.min_notice_minutes}
                />
                <NumberField
                  label="Booking window (days)"
                  name="booking_window_days"
                  value={settings.booking_window_days}
                  hint="How far ahead guests may book."
                  errors={errors?.fieldErrors.booking_window_days}
                />
                <NumberField
                  label="Hold (minutes)"
                  name="hold_minutes"
                  value={settings.hold_minutes}
                  hint="An unpaid booking is held this long."
                  errors={errors?.fieldErrors.hold_minutes}
                />
              </div>
              <fieldset className="fieldset">
                <legend>Cancellation policy</legend>
                <div className="field-row field-row-3">
                  <NumberField
                    label="Free cancellation (hours)"
                    name="free_cancellation_hours"
                    value={settings.free_cancellation_hours}
                    hint="Free until this long before arrival."
                    errors={errors?.fieldErrors.free_cancellation_hours}
                  />
                  <SelectField
                    label="Later cancellations cost"
                    name="cancellation_fee_kind"
                    defaultValue={settings.cancellation_fee_kind}
                    errors={errors?.fieldErrors.cancellation_fee_kind}
                  >
                    {FEE_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {FEE_KIND_LABELS[kind]}
                      </option>
                    ))}
                  </SelectField>
                  <TextField
                    label="Fee (%)"
                    name="cancellation_fee_percent"
                    inputMode="decimal"
                    defaultValue={String(settings.cancellation_fee_bps / 100)}
                    hint="Used when the fee is a percentage."
                    errors={errors?.fieldErrors.cancellation_fee_percent}
                  />
                </div>
              </fieldset>
              <FormButton label="Save booking rules" />
            </>
          )}
        </CheckedForm>
      </section>

      <section className="section" aria-labelledby="types-heading">
        <h2 id="types-heading">Resource types</h2>
        <p className="muted">Room types, table types or spaces; rates are set per type.</p>
        <SavedNotice intent="resource-type" text="Resource type added." />
        {types.length ? (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Kind</th>
                <th scope="col">Priced</th>
                <th scope="col" className="numeric">
                  Resources
                </th>
              </tr>
            </thead>
            <tbody>
              {types.map((type) => (
                <tr key={type.id}>
                  <td>
                    {type.name}
                    {type.description ? <div className="cell-note">{type.description}</div> : null}
                  </td>
                  <td>{RESOURCE_KIND_LABELS[type.kind]}</td>
                  <td>{PRICING_LABELS[type.pricing]}</td>
                  <td className="numeric">{countOf(type.id)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="empty-state">No resource types yet. Add one, such as Double room or Table for four.</p>
        )}
        <CheckedForm
          intent="resource-type"
          schema={ResourceTypeSchema}
          formKey={types.length}
          label="Add a resource type"
        >
          {(errors) => (
            <>
              <h3>Add a resource type</h3>
              <FormError message={errors?.formError} />
              <div className="field-row field-row-3">
                <TextField label="Type name" name="name" errors={errors?.fieldErrors.name} />
                <SelectField label="Kind" name="kind" defaultValue="room" errors={errors?.fieldErrors.kind}>
                  {RESOURCE_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {RESOURCE_KIND_LABELS[kind]}
                    </option>
                  ))}
                </SelectField>
                <SelectField
                  label="Priced"
                  name="pricing"
                  defaultValue="night"
                  hint="Rooms per night, tables per slot."
                  errors={errors?.fieldErrors.pricing}
                >
                  {PRICING_UNITS.map((unit) => (
                    <option key={unit} value={unit}>
                      {PRICING_LABELS[unit]}
                    </option>
                  ))}
                </SelectField>
              </div>
              <TextField label="Description (optional)" name="description" errors={errors?.fieldErrors.description} />
              <FormButton label="Add type" />
            </>
          )}
        </CheckedForm>
      </section>

      <section className="section" aria-labelledby="resources-heading">
        <h2 id="resources-heading">Resources</h2>
        <p className="muted">The rooms, tables and spaces guests book, with how many guests each takes.</p>
        <SavedNotice intent="resource" text="Resource added." />
        {resources.length ? (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Resource</th>
                <th scope="col">Type</th>
                <th scope="col">Guests</th>
                <th scope="col">Out of service</th>
              </tr>
            </thead>
            <tbody>
              {resources.map((resource) => (
                <tr key={resource.id}>
                  <td>{resource.name}</td>
                  <td>{typeName.get(resource.resource_type_id)}</td>
                  <td>
                    {resource.min_guests === resource.max_guests
                      ? resource.max_guests
                      : `${resource.min_guests}–${resource.max_guests}`}
                  </td>
                  <td>
                    {resource.outOfService.length ? (
                      <ul className="cell-list">
                        {resource.outOfService.map((period) => (
                          <li key={period.id}>
                            {period.label}
                            {period.reason ? <span className="muted"> · {period.reason}</span> : null}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="muted">In service</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="empty-state">No resources yet.</p>
        )}
        {types.length ? (
          <CheckedForm intent="resource" schema={ResourceSchema} formKey={resources.length} label="Add a resource">
            {(errors) => (
              <>
                <h3>Add a resource</h3>
                <FormError message={errors?.formError} />
                <div className="field-row field-row-4">
                  <TextField
                    label="Resource name"
                    name="name"
                    hint="Such as 101 or Table 4."
                    errors={errors?.fieldErrors.name}
                  />
                  <SelectField label="Type" name="resource_type_id" errors={errors?.fieldErrors.resource_type_id}>
                    {types.map((type) => (
                      <option key={type.id} value={type.id}>
                        {type.name}
                      </option>
                    ))}
                  </SelectField>
                  <NumberField
                    label="Fewest guests"
                    name="min_guests"
                    value={1}
                    errors={errors?.fieldErrors.min_guests}
                  />
                  <NumberField
                    label="Most guests"
                    name="max_guests"
                    value={2}
                    errors={errors?.fieldErrors.max_guests}
                  />
                </div>
                <FormButton label="Add resource" />
              </>
            )}
          </CheckedForm>
        ) : (
          <p className="muted">Add a resource type first; each resource belongs to one.</p>
        )}
      </section>

      {resources.length ? (
        <section className="section" aria-labelledby="oos-heading">
          <h2 id="oos-heading">Take a resource out of service</h2>
          <p className="muted">
            For repairs or private use; it cannot be booked meanwhile. Times are in{' '}
            {property.time_zone.replaceAll('_', ' ')}.
          </p>
          <SavedNotice intent="out-of-service" text="Out-of-service period added." />
          <CheckedForm
            intent="out-of-service"
            schema={OutOfServiceSchema}
            formKey={resources.reduce((n, r) => n + r.outOfService.length, 0)}
            label="Take a resource out of service"
          >
            {(errors) => (
              <>
                <FormError message={errors?.formError} />
                <div className="field-row field-row-3">
                  <SelectField label="Resource" name="resource_id" errors={errors?.fieldErrors.resource_id}>
                    {resources.map((resource) => (
                      <option key={resource.id} value={resource.id}>
                        {resource.name}
                      </option>
                    ))}
                  </SelectField>
                  <TextField label="From" name="starts" type="datetime-local" errors={errors?.fieldErrors.starts} />
                  <TextField label="Until" name="ends" type="datetime-local" errors={errors?.fieldErrors.ends} />
                </div>
                <TextField label="Reason (optional)" name="reason" errors={errors?.fieldErrors.reason} />
                <FormButton label="Take out of service" />
              </>
            )}
          </CheckedForm>
        </section>
      ) : null}
    </>
  );
}

function NumberField({
  value,
  ...props
}: {
  label: string;
  name: string;
  value: number;
  hint?: string;
  errors?: string[] | undefined;
}) {
  return <TextField {...props} inputMode="numeric" defaultValue={String(value)} />;
}

function FormButton({ label }: { label: string }) {
  return (
    <div className="form-actions">
      <button type="submit" className="button button-primary">
        {label}
      </button>
    </div>
  );
}
