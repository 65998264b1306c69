// Pieces of a housekeeping task card shared by the attendant's and the supervisor's views.
import { useFetcher, type useLoaderData } from '@remix-run/react';
import { RoomStatusBadge } from '../../components/room-status-badge.tsx';
import type { BoardTask, TaskKind, TaskStatus } from '../../data/housekeeping.server.ts';
import type { action, loader } from './route.tsx';

export type BoardData = ReturnType<typeof useLoaderData<typeof loader>>;

export const KIND_LABELS: Record<TaskKind, string> = {
  departure: 'Departure clean',
  stay_over: 'Stay-over service',
  arrival: 'Arrival check',
};

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  open: 'To do',
  in_progress: 'In progress',
  cleaned: 'Cleaned',
  inspected: 'Inspected',
};

export function useTaskFetcher(taskId: string, name: string) {
  return useFetcher<typeof action>({ key: `${name}:${taskId}` });
}

/** The action's refusal for this task, if the last post of this fetcher was refused. */
export function fetcherError(fetcher: ReturnType<typeof useTaskFetcher>): string | undefined {
  const result = fetcher.data;
  if (!result || result.ok) return undefined;
  return result.formError ?? Object.values(result.fieldErrors).flat().filter(Boolean)[0];
}

export function TaskHeading({ task, data, level = 2 }: { task: BoardTask; data: BoardData; level?: 2 | 3 }) {
  const room = data.roomStatuses[task.resourceId];
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <header className="hk-card-head">
      <Heading id={`task-${task.id}`}>Room {task.roomName}</Heading>
      {room ? <RoomStatusBadge state={room} roomName={task.roomName} /> : null}
      <span className={`hk-task-status hk-task-${task.status}`}>{TASK_STATUS_LABELS[task.status]}</span>
    </header>
  );
}

export function TaskFacts({ task }: { task: BoardTask }) {
  return (
    <p className="hk-card-facts">
      {KIND_LABELS[task.kind]}
      {task.arrivalDue ? <strong className="hk-arrival"> · Guest arriving today</strong> : null} ·{' '}
      {formatCredits(task.credits)}
    </p>
  );
}

export function formatCredits(credits: number): string {
  return `${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(credits)} ${credits === 1 ? 'credit' : 'credits'}`;
}

/** What the inspector said when the room failed, for the attendant to fix. */
export function FailedInspection({ task }: { task: BoardTask }) {
  if (task.status !== 'open' || (!task.inspectionNotes && task.failedItems.length === 0)) return null;
  return (
    <div className="alert alert-error hk-failed" role="note">
      <strong>Failed inspection.</strong>
      {task.failedItems.length ? ` Check: ${task.failedItems.join(', ')}.` : ''}
      {task.inspectionNotes ? ` “${task.inspectionNotes}”` : ''}
    </div>
  );
}

export function TaskPhotos({
  photos,
  roomName,
}: {
  photos: { name: string; url: string }[] | undefined;
  roomName: string;
}) {
  if (!photos?.length) return null;
  return (
    <ul className="hk-photos" aria-label="Photos">
      {photos.map((photo, index) => (
        <li key={photo.name}>
          <a href={photo.url} target="_blank" rel="noreferrer">
            <img src={photo.url} alt={`Room ${roomName}, ${index + 1} of ${photos.length}`} loading="lazy" />
          </a>
        </li>
      ))}
    </ul>
  );
}
