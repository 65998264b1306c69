// The supervisor's manual room status control: every room of the property with its status and a
// button per next status. The buttons offered follow the database's transitions (trigger
// room_statuses_guard: clean → dirty/inspected/out of order, inspected → dirty/out of order,
// dirty → clean/out of order, out of order → dirty) only as a convenience; set_room_status decides
// and its refusal shows on the card. Taking a room out of order asks for a confirmation (and
// offers a note) on the card itself: a touch gets no hover or browser dialog.
import { useState } from 'react';
import { ROOM_STATUS_LABELS, RoomStatusBadge } from '../../components/room-status-badge.tsx';
import type { RoomStatus, RoomWithStatus } from '../../data/housekeeping.server.ts';
import { fetcherError, useTaskFetcher } from './task-parts.tsx';

const NEXT: Record<RoomStatus, RoomStatus[]> = {
  clean: ['dirty', 'inspected', 'out_of_order'],
  inspected: ['dirty', 'out_of_order'],
  dirty: ['clean', 'out_of_order'],
  out_of_order: ['dirty'],
};

const BUTTON_LABELS: Record<RoomStatus, string> = {
  clean: 'Mark clean',
  dirty: 'Mark dirty',
  inspected: 'Mark inspected',
  out_of_order: 'Out of order…',
};

export function RoomStatusPanel({ rooms }: { rooms: RoomWithStatus[] }) {
  const [filter, setFilter] = useState<RoomStatus | 'all'>('all');
  if (rooms.length === 0) {
    return (
      <div className="empty-state">
        <p>
          <strong>No rooms at this property yet.</strong> Add room types and rooms in the portal’s property settings;
          each room starts clean.
        </p>
      </div>
    );
  }
  const counts = Object.fromEntries(
    (Object.keys(ROOM_STATUS_LABELS) as RoomStatus[]).map((status) => [
      status,
      rooms.filter((room) => room.state.status === status).length,
    ]),
  ) as Record<RoomStatus, number>;
  const shown = filter === 'all' ? rooms : rooms.filter((room) => room.state.status === filter);
  return (
    <section aria-labelledby="hk-rooms-heading">
      <h2 id="hk-rooms-heading" className="visually-hidden">
        Room status
      </h2>
      <fieldset className="hk-room-filter">
        <legend>Show</legend>
        {(['all', ...Object.keys(ROOM_STATUS_LABELS)] as (RoomStatus | 'all')[]).map((status) => (
          <label key={status} className="hk-check">
            <input
              type="radio"
              name="room-filter"
              value={status}
              checked={filter === status}
              onChange={() => setFilter(status)}
            />
            {status === 'all' ? `All rooms (${rooms.length})` : `${ROOM_STATUS_LABELS[status]} (${counts[status]})`}
          </label>
        ))}
      </fieldset>
      <p className="field-hint">
        Out of order here is housekeeping’s flag: the room is not cleaned or checked into. To take it off sale for
        dates, raise a work order with an out-of-service period.
      </p>
      <ul className="hk-rooms">
        {shown.map((room) => (
          <li key={room.id}>
            <RoomCard room={room} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function RoomCard({ room }: { room: RoomWithStatus }) {
  const fetcher = useTaskFetcher(room.id, 'room_status');
  const [confirming, setConfirming] = useState(false);
  const error = fetcherError(fetcher);
  const busy = fetcher.state !== 'idle';
  // The status just posted shows at once; the live change confirms it.
  const pending = fetcher.formData?.get('status');
  const state = typeof pending === 'string' ? { ...room.state, status: pending as RoomStatus } : room.state;
  const headingId = `room-${room.id}`;
  return (
    <article className={`hk-room hk-room-${state.status}`} aria-labelledby={headingId} data-room={room.id}>
      <header className="hk-card-head">
        <h3 id={headingId}>Room {room.name}</h3>
        <RoomStatusBadge state={state} roomName={room.name} />
      </header>
      <p className="muted hk-room-type">
        {room.typeName}
        {room.state.note ? ` · “${room.state.note}”` : ''}
      </p>
      <fetcher.Form method="post" onSubmit={() => setConfirming(false)}>
        <input type="hidden" name="intent" value="room_status" />
        <input type="hidden" name="resource_id" value={room.id} />
        {confirming ? (
          <fieldset className="hk-confirm">
            <legend>Take room {room.name} out of order?</legend>
            <p>Housekeeping skips it and check-in needs a manager’s override until a manager marks it dirty again.</p>
            <label htmlFor={`oo-note-${room.id}`}>Why (optional)</label>
            <input id={`oo-note-${room.id}`} name="note" type="text" maxLength={1000} autoComplete="off" />
            <div className="hk-inline-row">
              <button type="submit" name="status" value="out_of_order" className="button button-danger">
                Yes, out of order
              </button>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          </fieldset>
        ) : (
          <div className="hk-inline-row hk-room-actions">
            <input type="hidden" name="note" value="" />
            {NEXT[state.status].map((next) =>
              next === 'out_of_order' ? (
                <button
                  key={next}
                  type="button"
                  className="button button-danger"
                  disabled={busy}
                  aria-label={`Room ${room.name}: out of order…`}
                  onClick={() => setConfirming(true)}
                >
                  {BUTTON_LABELS[next]}
                </button>
              ) : (
                <button
                  key={next}
                  type="submit"
                  name="status"
                  value={next}
                  className="button"
                  disabled={busy}
                  aria-label={`Room ${room.name}: ${BUTTON_LABELS[next].toLowerCase()}`}
                >
                  {BUTTON_LABELS[next]}
                </button>
              ),
            )}
          </div>
        )}
      </fetcher.Form>
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
    </article>
  );
}
