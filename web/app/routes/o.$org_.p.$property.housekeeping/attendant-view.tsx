// "My rooms": the signed-in attendant's tasks of the day in their order, one card each, sized for a
// phone: start, finish with notes, photos, lost-and-found.
import type { BoardTask } from '../../data/housekeeping.server.ts';
import {
  type BoardData,
  FailedInspection,
  fetcherError,
  TaskFacts,
  TaskHeading,
  TaskPhotos,
  useTaskFetcher,
} from './task-parts.tsx';

export function AttendantView(data: BoardData) {
  const mine = data.board.tasks.filter((task) => task.assigneeId === data.userId);
  const left = mine.filter((task) => task.status === 'open' || task.status === 'in_progress').length;
  if (mine.length === 0) {
    return (
      <div className="empty-state">
        <p>
          <strong>No rooms for you on this day.</strong>{' '}
          {data.supervisor
            ? 'Generate the day’s tasks on the Board, or assign rooms to yourself there.'
            : 'Your supervisor assigns the day’s rooms; this page updates by itself when they do.'}
        </p>
      </div>
    );
  }
  return (
    <section aria-labelledby="my-rooms">
      <h2 id="my-rooms" className="hk-section-title">
        My rooms · {left === 0 ? 'all done' : `${left} of ${mine.length} to do`}
      </h2>
      <ol className="hk-my-list">
        {mine.map((task) => (
          <li key={task.id}>
            <AttendantCard task={task} data={data} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function AttendantCard({ task, data }: { task: BoardTask; data: BoardData }) {
  const start = useTaskFetcher(task.id, 'start');
  const finish = useTaskFetcher(task.id, 'finish');
  const working = task.status === 'open' || task.status === 'in_progress';
  const error = fetcherError(start) ?? fetcherError(finish);
  return (
    <article className={`hk-card hk-card-${task.status}`} aria-labelledby={`task-${task.id}`}>
      <TaskHeading task={task} data={data} />
      <TaskFacts task={task} />
      <FailedInspection task={task} />
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      {task.status === 'open' ? (
        <start.Form method="post" className="hk-actions">
          <input type="hidden" name="intent" value="start" />
          <input type="hidden" name="task_id" value={task.id} />
          <button type="submit" className="button" disabled={start.state !== 'idle'}>
            Start room {task.roomName}
          </button>
        </start.Form>
      ) : null}
      {working ? (
        <finish.Form method="post" className="hk-finish">
          <input type="hidden" name="intent" value="finish" />
          <input type="hidden" name="task_id" value={task.id} />
          <label htmlFor={`notes-${task.id}`}>Notes for the supervisor (optional)</label>
          <textarea id={`notes-${task.id}`} name="notes" rows={2} maxLength={2000} defaultValue={task.notes ?? ''} />
          <button type="submit" className="button button-primary" disabled={finish.state !== 'idle'}>
            Finish room {task.roomName}
          </button>
        </finish.Form>
      ) : task.notes ? (
        <p className="hk-notes">
          <span className="muted">Notes:</span> {task.notes}
        </p>
      ) : null}
      <TaskPhotos photos={data.photos[task.id]} roomName={task.roomName} />
      <PhotoForm task={task} />
      <LostAndFound task={task} data={data} />
    </article>
  );
}

function PhotoForm({ task }: { task: BoardTask }) {
  const upload = useTaskFetcher(task.id, 'photo');
  const error = fetcherError(upload);
  return (
    <upload.Form method="post" encType="multipart/form-data" className="hk-inline-form">
      <input type="hidden" name="intent" value="photo" />
      <input type="hidden" name="task_id" value={task.id} />
      <label htmlFor={`photo-${task.id}`}>Add a photo</label>
      <div className="hk-inline-row">
        <input
          id={`photo-${task.id}`}
          type="file"
          name="photo"
          accept="image/jpeg,image/png,image/webp,image/heic"
          capture="environment"
          required
        />
        <button type="submit" className="button" disabled={upload.state !== 'idle'}>
          {upload.state === 'idle' ? 'Upload' : 'Uploading…'}
        </button>
      </div>
      {error ? (
        <p className="field-errors" role="alert">
          {error}
        </p>
      ) : null}
    </upload.Form>
  );
}

function LostAndFound({ task, data }: { task: BoardTask; data: BoardData }) {
  const log = useTaskFetcher(task.id, 'lost');
  const items = data.lostItems.filter((item) => item.taskId === task.id);
  const error = fetcherError(log);
  return (
    <div className="hk-lost">
      {items.length ? (
        <ul aria-label={`Found in room ${task.roomName}`}>
          {items.map((item) => (
            <li key={item.id}>Found: {item.description}</li>
          ))}
        </ul>
      ) : null}
      <log.Form
        method="post"
        className="hk-inline-form"
        key={items.length}
        onSubmit={(event) => {
          if (!String(new FormData(event.currentTarget).get('description') ?? '').trim()) event.preventDefault();
        }}
      >
        <input type="hidden" name="intent" value="lost" />
        <input type="hidden" name="task_id" value={task.id} />
        <input type="hidden" name="resource_id" value={task.resourceId} />
        <label htmlFor={`lost-${task.id}`}>Lost and found</label>
        <div className="hk-inline-row">
          <input id={`lost-${task.id}`} name="description" maxLength={500} placeholder="What was found, and where" />
          <button type="submit" className="button" disabled={log.state !== 'idle'}>
            Log item
          </button>
        </div>
        {error ? (
          <p className="field-errors" role="alert">
            {error}
          </p>
        ) : null}
      </log.Form>
    </div>
  );
}
