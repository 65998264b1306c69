// The property's booking rules (public.property_settings): check-in and check-out times, turn
// time, notice, booking window, hold, the cancellation policy and the deposit guests pay online
// when they book through a widget (decision 034).

import { CheckedForm, FormButton, NumberField, SavedNotice } from '../../components/checked-form.tsx';
import { FormError, SelectField, TextField } from '../../components/forms.tsx';
import type { PropertySettings } from '../../data/properties.server.ts';
import { DEPOSIT_KIND_LABELS, FEE_KIND_LABELS } from './labels.ts';
import { DEPOSIT_KINDS, FEE_KINDS, PropertySettingsSchema } from './property.schema.ts';

export function BookingRules({ settings }: { settings: PropertySettings }) {
  return (
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
            <fieldset className="fieldset">
              <legend>Online deposit</legend>
              <div className="field-row field-row-3">
                <SelectField
                  label="Guests booking online pay"
                  name="deposit_kind"
                  defaultValue={settings.deposit_kind}
                  errors={errors?.fieldErrors.deposit_kind}
                >
                  {DEPOSIT_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {DEPOSIT_KIND_LABELS[kind]}
                    </option>
                  ))}
                </SelectField>
                <TextField
                  label="Deposit (%)"
                  name="deposit_percent"
                  inputMode="decimal"
                  defaultValue={String(settings.deposit_bps / 100)}
                  hint="Used when the deposit is a percentage. Refunds follow the cancellation policy."
                  errors={errors?.fieldErrors.deposit_percent}
                />
              </div>
            </fieldset>
            <FormButton label="Save booking rules" />
          </>
        )}
      </CheckedForm>
    </section>
  );
}
