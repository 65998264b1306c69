// The property's resources with their capacity and out-of-service periods, and the forms that
// add a resource and take one out of service (times entered in the property's time zone).

import { CheckedForm, FormButton, NumberField, SavedNotice } from '../../components/checked-form.tsx';
import { FormError, SelectField, TextField } from '../../components/forms.tsx';
import type { Resource, ResourceType } from '../../data/resources.server.ts';
import { OutOfServiceSchema, ResourceSchema } from './resources.schema.ts';

/** A resource as the loader sends it: each period with its label in the property's zone. */
export type ListedResource = Omit<Resource, 'outOfService'> & {
  outOfService: { id: string; label: string; reason: string | null }[];
};

export function Resources({ resources, types }: { resources: ListedResource[]; types: ResourceType[] }) {
  const typeName = new Map(types.map((type) => [type.id, type.name]));
  return (
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
                <NumberField label="Most guests" name="max_guests" value={2} errors={errors?.fieldErrors.max_guests} />
              </div>
              <FormButton label="Add resource" />
            </>
          )}
        </CheckedForm>
      ) : (
        <p className="muted">Add a resource type first; each resource belongs to one.</p>
      )}
    </section>
  );
}

export function OutOfService({ resources, timeZone }: { resources: ListedResource[]; timeZone: string }) {
  return (
    <section className="section" aria-labelledby="oos-heading">
      <h2 id="oos-heading">Take a resource out of service</h2>
      <p className="muted">
        For repairs or private use; it cannot be booked meanwhile. Times are in {timeZone.replaceAll('_', ' ')}.
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
  );
}
