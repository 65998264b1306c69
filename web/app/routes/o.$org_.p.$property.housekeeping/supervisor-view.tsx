// The supervisor's board: generate the day's tasks for the attendants on shift, progress, one column
// per attendant (plus the unassigned rooms). A card moves to another attendant by dragging it onto
// their column or with its "Move to" select (keyboard and touch); cleaned rooms are inspected on
// their card against the room type's checklist.
import { type DragEvent, useState } from 'react';
import type { Attendant, BoardTask } from '../../data/housekeeping.server.ts';
import { DEFAULT_CHECKLIST } from './housekeeping.schema.ts';
import {
  type BoardData,
  FailedInspection,
  fetcherError,
  formatCredits,
  TaskFacts,
  TaskHeading,
  TaskPhotos,
  useTaskFetcher,
} from './task-parts.tsx';

const UNASSIGNED = '';

export function SupervisorView(data: BoardData) {
  const { board, attendants } = data;
  const mover = useTaskFetcher('board', 'move');
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  // A move in flight shows at once in its new column.
  const pendingTask = mover.formData?.get('task_id');
  const pendingTo = mover.formData?.get('assignee_id');
  const tasks = board.tasks.map((task) =>
    task.id === pendingTask && typeof pendingTo === 'string' ? { ...task, assigneeId: pendingTo || null } : task,
  );
  const names = new Map(attendants.map((person) => [person.id, person.name]));
  const columnIds = [
    ...new Set([...board.roster, ...tasks.flatMap((task) => (task.assigneeId ? [task.assigneeId] : []))]),
  ].sort((a, b) => (names.get(a) ?? '').localeCompare(names.get(b) ?? ''));
  const unassigned = tasks.filter((task) => !task.assigneeId);
  const columns = [...(unassigned.length || columnIds.length === 0 ? [UNASSIGNED] : []), ...columnIds];
  const moveError = fetcherError(mover);

  const drop = (assigneeId: string) => (event: DragEvent) => {
    event.preventDefault();
    setDropTarget(null);
    const taskId = event.dataTransfer.getData('text/plain');
    const task = tasks.find((candidate) => candidate.id === taskId);
    if (!task || (task.assigneeId ?? UNASSIGNED) === assigneeId) return;
    mover.submit({ intent: 'assign', task_id: taskId, assignee_id: assigneeId, position: '' }, { method: 'post' });
  };

  return (
    <>
      <GeneratePanel data={data} />
      {tasks.length === 0 ? (
        <div className="empty-state">
          <p>
            <strong>No housekeeping tasks for this day yet.</strong> Tick the attendants on shift above and generate
            them: departures, stay-overs and arrivals become one task per room, shared out by credits.
          </p>
        </div>
      ) : (
        <>
          <Progress tasks={tasks} />
          {moveError ? (
            <p className="alert alert-error" role="alert">
              {moveError}
            </p>
          ) : null}
          <div className="hk-columns">
            {columns.map((columnId) => {
              const own = tasks.filter((task) => (task.assigneeId ?? UNASSIGNED) === columnId);
              const credits = own.reduce((sum, task) => sum + task.credits, 0);
              const done = own.filter((task) => task.status === 'cleaned' || task.status === 'inspected').length;
              const title = columnId ? (names.get(columnId) ?? 'Former member') : 'Unassigned';
              return (
                <section
                  key={columnId || 'unassigned'}
                  className={`hk-column${dropTarget === columnId ? ' hk-drop' : ''}`}
                  aria-label={`${title}: ${own.length} rooms`}
                  data-column={columnId || 'unassigned'}
                  onDragOver={(event) => {
                    event.preventDefault();
                    setDropTarget(columnId);
                  }}
                  onDragLeave={() => setDropTarget(null)}
                  onDrop={drop(columnId)}
                >
                  <header className="hk-column-head">
                    <h2>{title}</h2>
                    <p className="muted">
                      {own.length} {own.length === 1 ? 'room' : 'rooms'} · {formatCredits(credits)} · {done} done
                    </p>
                  </header>
                  <ul className="hk-column-list">
                    {own.map((task) => (
                      <li key={task.id}>
                        <BoardCard task={task} data={data} columns={columnIds} names={names} attendants={attendants} />
                      </li>
                    ))}
                  </ul>
                  {own.length === 0 ? <p className="muted hk-column-empty">Drop a room here.</p> : null}
                </section>
              );
            })}
          </div>
        </>
      )}
    </>
  );
}

function Progress({ tasks }: { tasks: BoardTask[] }) {
  const cleaned = tasks.filter((task) => task.status === 'cleaned').length;
  const inspected = tasks.filter((task) => task.status === 'inspected').length;
  const working = tasks.filter((task) => task.status === 'in_progress').length;
  const done = cleaned + inspected;
  return (
    <div className="hk-progress" role="status" aria-live="polite">
      <label htmlFor="hk-progress-bar">
        <strong>
          {done} of {tasks.length} rooms done
        </strong>{' '}
        <span className="muted">
          · {working} in progress · {cleaned} waiting for inspection · {inspected} inspected
        </span>
      </label>
      <progress id="hk-progress-bar" max={tasks.length} value={done} />
    </div>
  );
}

function GeneratePanel({ data }: { data: BoardData }) {
  const generate = useTaskFetcher('board', 'generate');
  const staff = data.attendants.filter((person) => person.role === 'staff');
  const defaults = new Set(data.board.roster.length ? data.board.roster : staff.map((person) => person.id));
  const error = fetcherError(generate);
  const result = generate.data?.ok ? 'Tasks generated: new rooms were added and shared out.' : null;
  return (
    <details className="hk-generate" open={data.board.tasks.length === 0}>
      <summary>Attendants on shift and task generation</summary>
      <generate.Form method="post">
        <input type="hidden" name="intent" value="generate" />
        <input type="hidden" name="day" value={data.day} />
        <fieldset>
          <legend>Attendants on shift</legend>
          <div className="hk-roster">
            {data.attendants.map((person) => (
              <label key={person.id} className="hk-check">
                <input type="checkbox" name="attendant" value={person.id} defaultChecked={defaults.has(person.id)} />
                {person.name}
                {person.role !== 'staff' ? <span className="muted"> ({person.role})</span> : null}
              </label>
            ))}
          </div>
        </fieldset>
        <p className="field-hint">
          Generating again keeps every task as it is and adds only rooms that became due; unassigned rooms are shared
          out by credits.
        </p>
        {error ? (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        ) : null}
        {result && generate.state === 'idle' ? (
          <p className="alert alert-success" role="status">
            {result}
          </p>
        ) : null}
        <button type="submit" className="button button-primary" disabled={generate.state !== 'idle'}>
          Generate tasks
        </button>
      </generate.Form>
    </details>
  );
}

function BoardCard({
  task,
  data,
  columns,
  names,
  attendants,
}: {
  task: BoardTask;
  data: BoardData;
  columns: string[];
  names: Map<string, string>;
  attendants: Attendant[];
}) {
  const move = useTaskFetcher(task.id, 'assign');
  const error = fetcherError(move);
  const choices = [...new Set([...columns, ...attendants.map((person) => person.id)])];
  const movable = task.status !== 'inspected';
  return (
    <article
      className={`hk-card hk-card-${task.status}`}
      aria-labelledby={`task-${task.id}`}
      draggable={movable}
      data-task={task.id}
      onDragStart={(event) => {
        event.dataTransfer.setData('text/plain', task.id);
        event.dataTransfer.effectAllowed = 'move';
      }}
    >
      <TaskHeading task={task} data={data} level={3} />
      <TaskFacts task={task} />
      <FailedInspection task={task} />
      {task.notes ? (
        <p className="hk-notes">
          <span className="muted">Attendant’s notes:</span> {task.notes}
        </p>
      ) : null}
      {movable ? (
        <move.Form method="post" className="hk-inline-form hk-move">
          <input type="hidden" name="intent" value="assign" />
          <input type="hidden" name="task_id" value={task.id} />
          <label htmlFor={`move-${task.id}`}>Move room {task.roomName} to</label>
          <div className="hk-inline-row">
            <select
              id={`move-${task.id}`}
              name="assignee_id"
              defaultValue={task.assigneeId ?? ''}
              key={task.assigneeId}
            >
              <option value="">Nobody (unassigned)</option>
              {choices.map((id) => (
                <option key={id} value={id}>
                  {names.get(id) ?? 'Former member'}
                </option>
              ))}
            </select>
            <button type="submit" className="button" disabled={move.state !== 'idle'}>
              Move
            </button>
          </div>
        </move.Form>
      ) : null}
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      {task.status === 'cleaned' ? (
        <>
          <TaskPhotos photos={data.photos[task.id]} roomName={task.roomName} />
          <Inspection task={task} checklist={data.board.checklists[task.typeId] ?? DEFAULT_CHECKLIST} />
        </>
      ) : null}
    </article>
  );
}

function Inspection({ task, checklist }: { task: BoardTask; checklist: string[] }) {
  const inspect = useTaskFetcher(task.id, 'inspect');
  const error = fetcherError(inspect);
  return (
    <details className="hk-inspect">
      <summary>Inspect room {task.roomName}</summary>
      <inspect.Form method="post">
        <input type="hidden" name="intent" value="inspect" />
        <input type="hidden" name="task_id" value={task.id} />
        <fieldset>
          <legend>Checklist: tick what is right</legend>
          {checklist.map((item) => (
            <label key={item} className="hk-check">
              <input type="hidden" name="item" value={item} />
              <input type="checkbox" name="checked" value={item} defaultChecked />
              {item}
            </label>
          ))}
        </fieldset>
        <label htmlFor={`inspect-notes-${task.id}`}>Notes (needed to fail without unticking an item)</label>
        <textarea id={`inspect-notes-${task.id}`} name="notes" rows={2} maxLength={2000} />
        {error ? (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="hk-inline-row">
          <button type="submit" name="result" value="pass" className="button button-primary">
            Pass
          </button>
          <button type="submit" name="result" value="fail" className="button button-danger">
            Fail: back to dirty
          </button>
        </div>
      </inspect.Form>
    </details>
  );
}
