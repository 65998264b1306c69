// Adds a rate plan, or edits the one opened from its row (?plan=): its price per night or slot,
// a price for each weekday (empty: the base price), stay limits and guests.
import { Link } from '@remix-run/react';
import { CheckedForm, NumberField, SavedNotice } from '../../components/checked-form.tsx';
import { FormError, SelectField, TextField } from '../../components/forms.tsx';
import type { RatePlan, WeekdayPrices } from '../../data/rate-plans.server.ts';
import type { ResourceType } from '../../data/resources.server.ts';
import { priceToInput } from '../../utils/prices.ts';
import { ratePlanSchema, WEEKDAY_FIELDS, WEEKDAY_NAMES } from './rate-plan.schema.ts';

interface Props {
  types: ResourceType[];
  currency: string;
  /** Plans so far: a new one empties the add form. */
  planCount: number;
  /** The plan being edited, with its weekday prices; absent: a new plan. */
  editing?: { plan: RatePlan; weekdays: WeekdayPrices | undefined } | undefined;
}

export function PlanForm({ types, currency, planCount, editing }: Props) {
  const plan = editing?.plan;
  const intent = plan ? 'edit-plan' : 'add-plan';
  const money = (minor: number | null | undefined) =>
    minor === null || minor === undefined ? '' : priceToInput(minor, currency);
  const title = plan ? `Edit ${plan.name}` : 'Add a rate plan';
  return (
    <section className="section" aria-labelledby="plan-form">
      <h2 id="plan-form" tabIndex={-1}>
        {title}
      </h2>
      <SavedNotice intent="add-plan" text="Rate plan added." />
      <SavedNotice intent="edit-plan" text="Rate plan saved." />
      <CheckedForm
        intent={intent}
        schema={ratePlanSchema(currency)}
        formKey={plan ? `${plan.id}-${plan.updated_at}` : `new-${planCount}`}
        label={title}
      >
        {(errors) => (
          <>
            <FormError message={errors?.formError} />
            {plan ? <input type="hidden" name="plan_id" value={plan.id} /> : null}
            <div className="field-row field-row-3">
              <TextField
                label="Plan name"
                name="name"
                defaultValue={plan?.name ?? ''}
                hint="Such as Flexible or Non-refundable."
                errors={errors?.fieldErrors.name}
              />
              {plan ? (
                <div className="field">
                  <input type="hidden" name="resource_type_id" value={plan.resource_type_id} />
                  <span className="field-label">Resource type</span>
                  <p className="field-static">{types.find((type) => type.id === plan.resource_type_id)?.name}</p>
                </div>
              ) : (
                <SelectField
                  label="Resource type"
                  name="resource_type_id"
                  errors={errors?.fieldErrors.resource_type_id}
                >
                  {types.map((type) => (
                    <option key={type.id} value={type.id}>
                      {type.name} ({type.pricing === 'night' ? 'per night' : 'per slot'})
                    </option>
                  ))}
                </SelectField>
              )}
              <TextField
                label={`Base price (${currency})`}
                name="base_price"
                inputMode="decimal"
                defaultValue={money(plan?.base_price_minor)}
                hint="Per night or slot, for the included guests."
                errors={errors?.fieldErrors.base_price}
              />
            </div>
            <fieldset className="fieldset">
              <legend>Weekday prices ({currency}, optional)</legend>
              <p className="field-hint">A price for a night or slot on that day; leave empty to use the base price.</p>
              <div className="weekday-row">
                {WEEKDAY_FIELDS.map((field, day) => (
                  <TextField
                    key={field}
                    label={WEEKDAY_NAMES[day] ?? field}
                    name={field}
                    inputMode="decimal"
                    defaultValue={money(editing?.weekdays?.[day])}
                    errors={errors?.fieldErrors[field]}
                  />
                ))}
              </div>
            </fieldset>
            <div className="field-row field-row-4-even">
              <NumberField
                label="Shortest stay (nights)"
                name="min_stay"
                value={plan?.min_stay ?? 1}
                errors={errors?.fieldErrors.min_stay}
              />
              <TextField
                label="Longest stay (nights)"
                name="max_stay"
                inputMode="numeric"
                defaultValue={plan?.max_stay === null || plan?.max_stay === undefined ? '' : String(plan.max_stay)}
                hint="Empty: no limit. Rooms only."
                errors={errors?.fieldErrors.max_stay}
              />
              <NumberField
                label="Guests included"
                name="included_guests"
                value={plan?.included_guests ?? 2}
                errors={errors?.fieldErrors.included_guests}
              />
              <TextField
                label={`Extra guest (${currency})`}
                name="extra_guest"
                inputMode="decimal"
                defaultValue={money(plan?.extra_guest_minor ?? 0)}
                hint="Per night or slot, each guest above those included."
                errors={errors?.fieldErrors.extra_guest}
              />
            </div>
            <div className="form-actions">
              <button type="submit" className="button button-primary">
                {plan ? 'Save rate plan' : 'Add rate plan'}
              </button>
              {plan ? (
                <Link className="button" to="?" preventScrollReset>
                  Cancel
                </Link>
              ) : null}
            </div>
          </>
        )}
      </CheckedForm>
    </section>
  );
}
