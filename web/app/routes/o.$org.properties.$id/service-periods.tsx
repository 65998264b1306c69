// Table service hours (property_settings.service_periods, decision 044): when the restaurant seats
// guests, per weekday up to two services, and how often. The booking widget offers exactly these
// seating times; the staff reservation book shows them.
import { CheckedForm, FormButton, SavedNotice } from '../../components/checked-form.tsx';
import { FormError, SelectField } from '../../components/forms.tsx';
import type { ServicePeriod } from '../../data/service-periods.server.ts';
import {
  fieldName,
  SERVICES,
  ServicePeriodsSchema,
  SLOT_CHOICES,
  servicePeriodDefaults,
  WEEKDAYS,
} from './service-periods.schema.ts';

export function ServicePeriods({ periods, formKey }: { periods: ServicePeriod[] | null; formKey: string }) {
  const { values, slotMinutes } = servicePeriodDefaults(periods);
  return (
    <section className="section" aria-labelledby="service-hours-heading">
      <h2 id="service-hours-heading">Table service hours</h2>
      <p className="muted">
        When guests can be seated, for tables booked online and on the reservation book. Leave both times of a service
        empty to skip it; a day with no service is closed for online table bookings.
        {periods === null ? ' Not set yet: guests can book from 12:00 to 21:30 every day.' : ''}
      </p>
      <SavedNotice intent="service-periods" text="Table service hours saved." />
      <CheckedForm intent="service-periods" schema={ServicePeriodsSchema} formKey={formKey} label="Table service hours">
        {(errors) => {
          const problems = Object.entries(errors?.fieldErrors ?? {}).flatMap(([, messages]) => messages ?? []);
          return (
            <>
              <FormError message={errors?.formError} />
              <table className="table service-hours">
                <caption className="visually-hidden">First and last seating of each service, by weekday</caption>
                <thead>
                  <tr>
                    <th scope="col">Day</th>
                    {SERVICES.map(([service, label]) => (
                      <th scope="col" key={service} colSpan={2}>
                        {label} <span className="muted">(first – last seating)</span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {WEEKDAYS.map(([weekday, day]) => (
                    <tr key={weekday}>
                      <th scope="row">{day}</th>
                      {SERVICES.flatMap(([service, label]) =>
                        (['opens', 'last'] as const).map((bound) => {
                          const name = fieldName(weekday, service, bound);
                          return (
                            <td key={name}>
                              {/* .field: the portal's full-size control (a touch target, not the browser's small default). */}
                              <div className="field">
                                <input
                                  type="time"
                                  name={name}
                                  defaultValue={values[name] ?? ''}
                                  aria-label={`${day}, ${label.toLowerCase()}, ${bound === 'opens' ? 'first' : 'last'} seating`}
                                  aria-invalid={errors?.fieldErrors[name]?.length ? true : undefined}
                                />
                              </div>
                            </td>
                          );
                        }),
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
              {problems.length ? (
                <div className="alert alert-error" role="alert">
                  <ul>
                    {problems.map((problem) => (
                      <li key={problem}>{problem}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
              <div className="field-row field-row-3">
                <SelectField label="Seat guests every" name="slot_minutes" defaultValue={slotMinutes}>
                  {SLOT_CHOICES.map((minutes) => (
                    <option key={minutes} value={minutes}>
                      {minutes} minutes
                    </option>
                  ))}
                </SelectField>
              </div>
              <FormButton label="Save service hours" />
            </>
          );
        }}
      </CheckedForm>
    </section>
  );
}
