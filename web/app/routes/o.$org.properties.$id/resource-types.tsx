// The property's resource types (room types, table types, spaces) and the form that adds one.

import { CheckedForm, FormButton, SavedNotice } from '../../components/checked-form.tsx';
import { FormError, SelectField, TextField } from '../../components/forms.tsx';
import type { ResourceType } from '../../data/resources.server.ts';
import { PRICING_LABELS, RESOURCE_KIND_LABELS } from './labels.ts';
import { PRICING_UNITS, RESOURCE_KINDS, ResourceTypeSchema } from './resources.schema.ts';

export function ResourceTypes({ types, countOf }: { types: ResourceType[]; countOf: (typeId: string) => number }) {
  return (
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
  );
}
