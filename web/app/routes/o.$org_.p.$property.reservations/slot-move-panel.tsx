// The selected reservation's actions under the book: open it, or move it to another table, start
// time and/or length with a small form — the way to do without dragging (keyboard, or a finger
// that would rather tap). modify_booking decides.
import { Link } from '@remix-run/react';
import { type FormEvent, useState } from 'react';
import type { SlotReservation, SlotResource } from '../../data/reservations.server.ts';
import { MoveSlotSchema } from './reservations.schema.ts';
import { clock, durationChoices, formatLength, minutesOf, SLOT_MINUTES } from './slot-model.ts';

interface Props {
  reservation: SlotReservation | null;
  bookingUrl: string;
  describe: (reservation: SlotReservation) => string;
  resources: SlotResource[];
  open: number;
  close: number;
  movable: boolean;
  busy: boolean;
  refusal: string | null;
  onMove: (reservation: SlotReservation, resourceId: string, start: number, minutes: number) => void;
}

export function SlotMovePanel(props: Props) {
  const { reservation, bookingUrl, describe, resources, open, close, movable, busy, refusal, onMove } = props;
  const [resourceId, setResourceId] = useState(reservation?.resourceId ?? '');
  const [time, setTime] = useState(reservation ? clock(reservation.start) : '');
  const [minutes, setMinutes] = useState(reservation ? String(reservation.end - reservation.start) : '90');
  const [problem, setProblem] = useState<string | null>(null);
  if (!reservation) {
    return (
      <section className="move-panel" aria-label="Selected reservation">
        <p className="muted">
          Select a reservation to see its actions here, or drag across free slots of a table to start one.
        </p>
      </section>
    );
  }
  const times: number[] = [];
  for (let minute = open; minute < close; minute += SLOT_MINUTES) times.push(minute);
  if (!times.includes(reservation.start)) times.unshift(reservation.start);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = MoveSlotSchema.safeParse({
      intent: 'move',
      booking_id: reservation.id,
      resource_id: resourceId,
      date: '2000-01-01',
      time,
      minutes,
    });
    const start = minutesOf(time);
    if (!checked.success || start === null) {
      setProblem(checked.error?.issues[0]?.message ?? 'Check the table, time and length.');
      return;
    }
    setProblem(null);
    onMove(reservation, resourceId, start, checked.data.minutes);
  };
  const message = problem ?? refusal;
  return (
    <section className="move-panel" aria-label="Selected reservation">
      <p className="move-summary">
        <strong>{describe(reservation)}</strong>{' '}
        <Link to={bookingUrl} className="button button-small">
          Open reservation
        </Link>
      </p>
      {movable ? (
        <form className="move-form" onSubmit={submit} aria-label="Move the selected reservation">
          <label>
            <span>Table</span>
            <select value={resourceId} onChange={(event) => setResourceId(event.target.value)}>
              {resources.map((resource) => (
                <option key={resource.id} value={resource.id}>
                  {resource.name} · {resource.typeName} ({resource.minGuests}–{resource.maxGuests})
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>Starts</span>
            <select value={time} onChange={(event) => setTime(event.target.value)}>
              {times.map((minute) => (
                <option key={minute} value={clock(minute)}>
                  {clock(minute)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>Length</span>
            <select value={minutes} onChange={(event) => setMinutes(event.target.value)}>
              {durationChoices(reservation.end - reservation.start).map((length) => (
                <option key={length} value={String(length)}>
                  {formatLength(length)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Move'}
          </button>
          {message ? (
            <p className="alert alert-error move-error" role="alert">
              {message}
            </p>
          ) : null}
        </form>
      ) : (
        <p className="muted">Seated and past reservations are not moved here; open the reservation instead.</p>
      )}
    </section>
  );
}
