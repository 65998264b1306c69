// The property's own fields, the same on the create and edit forms.
import { SelectField, TextField } from '../../components/forms.tsx';
import type { FormFailure } from '../../utils/forms.ts';
import { KIND_LABELS } from './labels.ts';
import { PROPERTY_KINDS } from './property.schema.ts';

interface Props {
  property: { name: string; kind: string; time_zone: string; currency: string };
  timeZones: string[];
  currencies: string[];
  errors: FormFailure | null | undefined;
}

export function PropertyFields({ property, timeZones, currencies, errors }: Props) {
  return (
    <>
      <div className="field-row field-row-2">
        <TextField label="Property name" name="name" defaultValue={property.name} errors={errors?.fieldErrors.name} />
        <SelectField label="Kind" name="kind" defaultValue={property.kind} errors={errors?.fieldErrors.kind}>
          {PROPERTY_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_LABELS[kind]}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="field-row field-row-2">
        <SelectField
          label="Time zone"
          name="time_zone"
          defaultValue={property.time_zone}
          hint="Arrival and departure times and dates are in this zone."
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
          defaultValue={property.currency}
          hint="Rates and charges of this property are in this currency."
          errors={errors?.fieldErrors.currency}
        >
          {currencies.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </SelectField>
      </div>
    </>
  );
}
