// One small form per room type: its lowest and highest price and the most one change may move it.
import { CheckedForm, FormButton, SavedNotice } from '../../components/checked-form.tsx';
import { FormError, TextField } from '../../components/forms.tsx';
import type { RateBounds, RoomType } from '../../data/rates.server.ts';
import { priceToInput } from '../../utils/prices.ts';
import { boundsSchema } from './rates.schema.ts';

export function BoundsForms({
  roomTypes,
  bounds,
  currency,
}: {
  roomTypes: RoomType[];
  bounds: RateBounds[];
  currency: string;
}) {
  const schema = boundsSchema(currency);
  const byType = new Map(bounds.map((b) => [b.resource_type_id, b]));
  return (
    <div className="rates-bounds">
      {roomTypes.map((type) => {
        const current = byType.get(type.id);
        const intent = `bounds-${type.id}`;
        const value = (minor: number | undefined) => (minor === undefined ? '' : priceToInput(minor, currency));
        return (
          <div key={type.id}>
            <SavedNotice intent={intent} text={`Bounds of ${type.name} saved.`} />
            <CheckedForm
              intent={intent}
              schema={schema}
              formKey={current?.updated_at ?? type.id}
              label={`Bounds of ${type.name}`}
            >
              {(errors) => (
                <>
                  <h3>
                    {type.name}
                    {current ? null : <span className="rates-unset"> · no bounds yet, no suggestions</span>}
                  </h3>
                  <input type="hidden" name="resource_type_id" value={type.id} />
                  <FormError message={errors?.formError} />
                  <div className="field-row field-row-3">
                    <TextField
                      label={`Floor (${currency})`}
                      hint="The lowest price suggested."
                      name="floor"
                      inputMode="decimal"
                      defaultValue={value(current?.floor_minor)}
                      errors={errors?.fieldErrors.floor}
                    />
                    <TextField
                      label={`Ceiling (${currency})`}
                      hint="The highest price suggested."
                      name="ceiling"
                      inputMode="decimal"
                      defaultValue={value(current?.ceiling_minor)}
                      errors={errors?.fieldErrors.ceiling}
                    />
                    <TextField
                      label={`Max step (${currency})`}
                      hint="The most one change moves it."
                      name="step"
                      inputMode="decimal"
                      defaultValue={value(current?.max_step_minor)}
                      errors={errors?.fieldErrors.step}
                    />
                  </div>
                  <FormButton label={`Save bounds of ${type.name}`} />
                </>
              )}
            </CheckedForm>
          </div>
        );
      })}
    </div>
  );
}
