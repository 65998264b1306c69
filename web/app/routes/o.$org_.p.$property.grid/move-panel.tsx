// The selected booking's actions under the grid: open it, or move it to another room, arrival
// and/or departure with a small form — the way to move or resize a booking without dragging
// (keyboard, or a finger that would rather tap).
import { Link } from '@remix-run/react';
import { type FormEvent, useState } from 'react';
import type { GridBooking, GridResource } from '../../data/bookings.server.ts';
import { addDays, daysBetween } from '../../utils/calendar-dates.ts';
import { MoveSchema } from './grid.schema.ts';

interface Props {
  booking: GridBooking | null;
  bookingUrl: string;
  describe: (booking: GridBooking) => string;
  resources: GridResource[];
  movable: boolean;
  busy: boolean;
  refusal: string | null;
  onMove: (bookingId: string, resourceId: string, arrival: string, departure: string) => void;
  /** Said instead of the usual hint while no booking is selected (free nights being picked). */
  note?: string | null;
}

export function MovePanel({ booking, bookingUrl, describe, resources, movable, busy, refusal, onMove, note }: Props) {
  const [resourceId, setResourceId] = useState(booking?.resourceId ?? '');
  const [arrival, setArrival] = useState(booking?.arrival ?? '');
  const [departure, setDeparture] = useState(booking?.departure ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  if (!booking) {
    return (
      <section className="move-panel" aria-label="Selected booking">
        <p className="muted">
          {note ?? 'Select a booking on the grid to see its actions here, or a free day to start a booking.'}
        </p>
      </section>
    );
  }
  const isDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text);
  const nights = isDate(arrival) && isDate(departure) ? daysBetween(arrival, departure) : null;
  // A new arrival keeps the stay's length; the departure field then changes it.
  const changeArrival = (next: string) => {
    if (isDate(next) && isDate(arrival) && isDate(departure))
      setDeparture(addDays(next, daysBetween(arrival, departure)));
    setArrival(next);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = MoveSchema.safeParse({
      intent: 'move',
      booking_id: booking.id,
      resource_id: resourceId,
      arrival,
      departure,
    });
    if (!checked.success) {
      setProblem(checked.error.issues[0]?.message ?? 'Check the room and date.');
      return;
    }
    setProblem(null);
    onMove(booking.id, resourceId, arrival, departure);
  };
  const message = problem ?? refusal;
  return (
    <section className="move-panel" aria-label="Selected booking">
      <p className="move-summary">
        <strong>{describe(booking)}</strong>{' '}
        <Link to={bookingUrl} className="button button-small">
          Open booking
        </Link>
      </p>
      {movable ? (
        <form className="move-form" onSubmit={submit} aria-label="Move the selected booking">
          <label>
            <span>Move to room</span>
            <select value={resourceId} onChange={(event) => setResourceId(event.target.value)}>
              {resources.map((resource) => (
                <option key={resource.id} value={resource.id}>
                  {resource.name} · {resource.typeName}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>Arriving</span>
            <input type="date" value={arrival} onChange={(event) => changeArrival(event.target.value)} required />
          </label>
          <label>
            <span>Leaving</span>
            <input type="date" value={departure} onChange={(event) => setDeparture(event.target.value)} required />
          </label>
          <span className="muted move-nights">
            {nights !== null && nights > 0 ? `${nights} ${nights === 1 ? 'night' : 'nights'}` : ''}
          </span>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Change stay'}
          </button>
          {message ? (
            <p className="alert alert-error move-error" role="alert">
              {message}
            </p>
          ) : null}
        </form>
      ) : (
        <p className="muted">Only holds and confirmed bookings can be moved here.</p>
      )}
    </section>
  );
}
