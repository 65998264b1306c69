// A room's housekeeping status as a small badge (grid rows, housekeeping cards, check-in): a word,
// never colour alone. "Service due" is a dirty room whose guest stays on.
import type { RoomState } from '../data/housekeeping.server.ts';

export const ROOM_STATUS_LABELS: Record<RoomState['status'], string> = {
  clean: 'Clean',
  dirty: 'Dirty',
  inspected: 'Inspected',
  out_of_order: 'Out of order',
};

export function roomStatusLabel(state: Pick<RoomState, 'status' | 'reason'>): string {
  if (state.status === 'dirty' && state.reason === 'service_due') return 'Service due';
  return ROOM_STATUS_LABELS[state.status];
}

export function RoomStatusBadge({
  state,
  roomName,
}: {
  state: Pick<RoomState, 'status' | 'reason'>;
  roomName?: string;
}) {
  const label = roomStatusLabel(state);
  return (
    <span
      className={`room-status room-status-${state.status}`}
      data-room-status={state.status}
      title={roomName ? `${roomName}: ${label}` : label}
    >
      {label}
    </span>
  );
}

/**
 * The badge of a grid's row header, drawn by CSS from data attributes (room-status.css) so the
 * header's text stays the room's name: the name is its label, the status its description.
 */
export function roomStatusAttributes(roomName: string, state: Pick<RoomState, 'status' | 'reason'> | undefined) {
  if (!state) return {};
  const label = roomStatusLabel(state);
  return {
    'aria-label': roomName,
    title: `${roomName}: ${label}`,
    'data-room-status': state.status,
    'data-room-label': label,
  };
}
