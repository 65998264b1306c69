// The new-reservation drawer, opened from slots picked on the book (the draft lives in the URL):
// what search_table_availability says about the table for that time and party (free, with its
// price, or which tables are), read again whenever the table, time, length or party changes;
// then the guest's name, and "Reserve" books through create_booking with the draft's key.
import { Link, useNavigate } from '@remix-run/react';
import { type FormEvent, useEffect, useRef } from 'react';
import { CheckedForm } from '../../components/checked-form.tsx';
import { FormError, SelectField, TextField } from '../../components/forms.tsx';
import type { SlotResource } from '../../data/reservations.server.ts';
import { formatDate } from '../../utils/calendar-dates.ts';
import { formatMoney } from '../../utils/money.ts';
import { ReserveSchema } from './reservations.schema.ts';
import { clock, durationChoices, formatLength, minutesOf, SLOT_MINUTES } from './slot-model.ts';

interface Draft {
  resourceId: string;
  time: string;
  minutes: number;
  party: number;
  free: boolean;
  price: { totalMinor: number; currency: string } | null;
  otherFree: string[];
  searchError?: string | undefined;
  key: string;
}

interface Props {
  draft: Draft;
  date: string;
  open: number;
  close: number;
  resources: SlotResource[];
  closeUrl: string;
}

export function NewReservation({ draft, date, open, close, resources, closeUrl }: Props) {
  const navigate = useNavigate();
  const heading = useRef<HTMLHeadingElement>(null);
  // The drawer takes the focus when it opens, so a keyboard user lands in it.
  useEffect(() => heading.current?.focus(), []);
  const resource = resources.find((r) => r.id === draft.resourceId);
  const start = minutesOf(draft.time) ?? 0;
  const end = start + draft.minutes;
  const times: number[] = [];
  for (let minute = open; minute < close; minute += SLOT_MINUTES) times.push(minute);
  if (!times.includes(start)) times.push(start);
  times.sort((a, b) => a - b);

  // A changed table, time, length or party asks the availability search again (the typed name stays).
  const recheck = (event: FormEvent<HTMLElement>) => {
    const form = (event.target as HTMLInputElement).form;
    if (!form) return;
    const fields = new FormData(form);
    const party = String(fields.get('party_size') ?? '').trim();
    const next = new URLSearchParams({
      date,
      table: String(fields.get('resource_id') ?? draft.resourceId),
      time: String(fields.get('time') ?? draft.time),
      minutes: String(fields.get('minutes') ?? draft.minutes),
      draft: draft.key,
      ...(/^\d{1,4}$/.test(party) ? { party } : {}),
    });
    navigate(`?${next}`, { replace: true, preventScrollReset: true });
  };

  return (
    <aside className="book-drawer" aria-labelledby="new-reservation-heading">
      <div className="book-drawer-head">
        <h2 id="new-reservation-heading" ref={heading} tabIndex={-1}>
          New reservation
        </h2>
        <Link to={closeUrl} className="button button-small" preventScrollReset>
          Close
        </Link>
      </div>
      <p className="book-drawer-when">
        <strong>{resource?.name}</strong> · {formatDate(date)} · {clock(start)}–{clock(end)} (
        {formatLength(draft.minutes)})
      </p>
      <div className={`book-availability ${draft.free ? 'is-free' : 'is-taken'}`} role="status">
        {draft.searchError ? (
          <p>{draft.searchError}</p>
        ) : draft.free ? (
          <p>
            <strong>{resource?.name} is free</strong> then for {draft.party} {draft.party === 1 ? 'guest' : 'guests'}
            {draft.price && draft.price.totalMinor > 0
              ? ` · ${formatMoney(draft.price.totalMinor, draft.price.currency)}`
              : ''}
            .
          </p>
        ) : (
          <p>
            <strong>{resource?.name} is not offered</strong> for this time and party (taken, out of service, too small,
            or no longer bookable).{' '}
            {draft.otherFree.length
              ? `Free then: ${draft.otherFree.slice(0, 8).join(', ')}.`
              : 'No other table is free then.'}
          </p>
        )}
      </div>
      <CheckedForm intent="reserve" schema={ReserveSchema} formKey={draft.key} label="New reservation">
        {(errors) => (
          <>
            <FormError message={errors?.formError} />
            <input type="hidden" name="date" value={date} />
            <input type="hidden" name="key" value={draft.key} />
            <TextField
              label="Guest name"
              name="guest_name"
              autoComplete="off"
              required
              errors={errors?.fieldErrors.guest_name}
            />
            <SelectField
              label="Table"
              name="resource_id"
              defaultValue={draft.resourceId}
              errors={errors?.fieldErrors.resource_id}
              onChange={recheck}
            >
              {resources.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name} · {r.typeName} ({r.minGuests}–{r.maxGuests})
                </option>
              ))}
            </SelectField>
            <div className="field-row">
              <SelectField
                label="Time"
                name="time"
                defaultValue={draft.time}
                errors={errors?.fieldErrors.time}
                onChange={recheck}
              >
                {times.map((minute) => (
                  <option key={minute} value={clock(minute)}>
                    {clock(minute)}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label="Length"
                name="minutes"
                defaultValue={String(draft.minutes)}
                errors={errors?.fieldErrors.minutes}
                onChange={recheck}
              >
                {durationChoices(draft.minutes).map((length) => (
                  <option key={length} value={String(length)}>
                    {formatLength(length)}
                  </option>
                ))}
              </SelectField>
              <TextField
                label="Guests"
                name="party_size"
                inputMode="numeric"
                defaultValue={String(draft.party)}
                errors={errors?.fieldErrors.party_size}
                onBlur={(event) => (event.target.value.trim() !== String(draft.party) ? recheck(event) : null)}
              />
            </div>
            <div className="form-actions">
              <button type="submit" className="button button-primary">
                Reserve
              </button>
            </div>
          </>
        )}
      </CheckedForm>
    </aside>
  );
}
