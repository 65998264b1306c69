// The housekeeping board (issue 19, item 2), phone and tablet first. Attendants see their rooms for
// the day: start, finish with notes, photos, lost-and-found. Supervisors (managers) generate the
// day's tasks for the attendants on shift (generate_housekeeping_tasks balances them by credits),
// follow progress live, reassign by dragging a card to another attendant's column (or with the
// card's "Move to" select), and inspect cleaned rooms against the room type's checklist: a pass
// makes the room inspected, a fail sends it back dirty with the notes. The Rooms view lets them set
// any room's status by hand (room-status-panel.tsx). Every rule is the
// database's (migration 20261206160500); the page only shows its answers.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { ScreenErrorBoundary } from '../../components/error-page.tsx';
import {
  assignTask,
  finishTask,
  generateTasks,
  inspectTask,
  listAttendants,
  listLostItems,
  listRoomStatuses,
  listRoomsWithStatus,
  listTaskPhotos,
  loadBoard,
  logLostItem,
  setRoomStatus,
  startTask,
  uploadTaskPhoto,
} from '../../data/housekeeping.server.ts';
import frontDeskStyles from '../../styles/front-desk.css?url';
import housekeepingStyles from '../../styles/housekeeping.css?url';
import roomStatusStyles from '../../styles/room-status.css?url';
import { addDays, formatDate, todayIn } from '../../utils/calendar-dates.ts';
import { databaseFailure, type ErrorPlacement } from '../../utils/database-errors.ts';
import { parseForm } from '../../utils/forms.ts';
import { roleAtLeast } from '../../utils/roles.ts';
import { requireStaffProperty } from '../../utils/staff-access.server.ts';
import { useLiveChanges } from '../../utils/use-live-changes.ts';
import { LiveBadge } from '../o.$org_.p.$property.grid/live-badge.tsx';
import { AttendantView } from './attendant-view.tsx';
import {
  AssignSchema,
  boardDay,
  FinishSchema,
  GenerateSchema,
  InspectSchema,
  LostItemSchema,
  parseWithLists,
  RoomStatusSchema,
  TaskSchema,
} from './housekeeping.schema.ts';
import { RoomStatusPanel } from './room-status-panel.tsx';
import { SupervisorView } from './supervisor-view.tsx';

export const links: LinksFunction = () => [
  // front-desk.css: the live badge.
  { rel: 'stylesheet', href: frontDeskStyles },
  { rel: 'stylesheet', href: roomStatusStyles },
  { rel: 'stylesheet', href: housekeepingStyles },
];

export const meta: MetaFunction = () => [{ title: 'Housekeeping · Roost' }];

export async function loader(args: LoaderFunctionArgs) {
  const { property, organization, membership, user } = await requireStaffProperty(args);
  const supabase = args.context.supabase;
  const search = new URL(args.request.url).searchParams;
  const today = todayIn(property.time_zone);
  const day = boardDay(search, today);
  const supervisor = roleAtLeast(membership.role, 'manager');
  const asked = search.get('view');
  const view = !supervisor || asked === 'mine' ? 'mine' : asked === 'rooms' ? 'rooms' : 'board';
  const [board, roomStatuses, attendants, rooms] = await Promise.all([
    loadBoard(supabase, property.id, day),
    listRoomStatuses(supabase, property.id),
    listAttendants(supabase, property.id),
    view === 'rooms' ? listRoomsWithStatus(supabase, property.id) : [],
  ]);
  const shown = view === 'mine' ? board.tasks.filter((task) => task.assigneeId === user.id) : board.tasks;
  // Photos: the attendant's own rooms; on the board, the rooms waiting for inspection.
  const withPhotos = view === 'mine' ? shown : shown.filter((task) => task.status === 'cleaned');
  const [lostItems, photos] = await Promise.all([
    listLostItems(
      supabase,
      property.id,
      shown.map((task) => task.id),
    ),
    listTaskPhotos(
      supabase,
      organization.id,
      property.id,
      withPhotos.map((task) => task.id),
    ),
  ]);
  return {
    property: { id: property.id, name: property.name },
    userId: user.id,
    supervisor,
    view,
    day,
    today,
    board,
    roomStatuses,
    rooms,
    attendants,
    lostItems,
    photos,
  };
}

/** The RPCs' refusals as housekeeping reads them. */
const ERRORS: Record<string, ErrorPlacement> = {
  invalid_day: { message: 'Tasks can be generated from yesterday to two weeks ahead.' },
  invalid_attendant: { message: 'Every attendant must be staff who work at this property.' },
  invalid_attendants: { message: 'Choose at least one attendant on shift.' },
  not_your_task: { message: 'This room is assigned to someone else.' },
  invalid_task_transition: { message: 'This room has moved on meanwhile; the board shows where it is now.' },
  task_closed: { message: 'This room has passed inspection and cannot move.' },
  task_not_found: { message: 'This task no longer exists.' },
  room_out_of_order: { message: 'The room is out of order: a manager puts it back in service first.' },
  notes_required: { field: 'notes', message: 'Say what failed: untick the checklist items or write a note.' },
  invalid_notes: { field: 'notes', message: 'Use at most 2000 characters.' },
  invalid_room_status_transition: { message: 'The room cannot go to that status from where it is now.' },
  room_not_found: { message: 'This room no longer exists.' },
  insufficient_role: { message: 'Only a manager can do this.' },
  lost_and_found_items_description_length: { field: 'description', message: 'Use 1 to 500 characters.' },
};

const MANAGER_INTENTS = new Set(['generate', 'assign', 'inspect']);

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const intent = String(form.get('intent') ?? '');
  const { property, organization } = await requireStaffProperty(
    args,
    MANAGER_INTENTS.has(intent) ? 'manager' : 'staff',
  );
  const supabase = args.context.supabase;
  const taskId = String(form.get('task_id') ?? '');
  const fail = (failure: { fieldErrors: Record<string, string[] | undefined>; formError?: string }, status = 400) =>
    data({ ok: false as const, intent, taskId, ...failure }, { status });
  const done = () => ({ ok: true as const, intent, taskId, fieldErrors: {}, formError: undefined });
  const refused = (error: { message: string }) =>
    fail(databaseFailure(error as never, ERRORS), error.message === 'insufficient_role' ? 403 : 400);

  switch (intent) {
    case 'generate': {
      const parsed = parseWithLists(GenerateSchema, form, ['attendant']);
      if (!parsed.ok) return fail(parsed.failure);
      const saved = await generateTasks(supabase, property.id, parsed.value.day, parsed.value.attendant);
      return saved.error ? refused(saved.error) : done();
    }
    case 'assign': {
      const parsed = parseForm(AssignSchema, form);
      if (!parsed.ok) return fail(parsed.failure);
      const { assignee_id, position } = parsed.value;
      const saved = await assignTask(
        supabase,
        parsed.value.task_id,
        assignee_id || null,
        position === '' || position === undefined ? null : position,
      );
      return saved.error ? refused(saved.error) : done();
    }
    case 'start': {
      const parsed = parseForm(TaskSchema, form);
      if (!parsed.ok) return fail(parsed.failure);
      const saved = await startTask(supabase, parsed.value.task_id);
      return saved.error ? refused(saved.error) : done();
    }
    case 'finish': {
      const parsed = parseForm(FinishSchema, form);
      if (!parsed.ok) return fail(parsed.failure);
      const saved = await finishTask(supabase, parsed.value.task_id, parsed.value.notes);
      return saved.error ? refused(saved.error) : done();
    }
    case 'inspect': {
      const parsed = parseWithLists(InspectSchema, form, ['item', 'checked']);
      if (!parsed.ok) return fail(parsed.failure);
      const { result, notes, item, checked } = parsed.value;
      const failed = item.filter((entry) => !checked.includes(entry));
      const saved = await inspectTask(
        supabase,
        parsed.value.task_id,
        result === 'pass',
        notes,
        result === 'pass' ? [] : failed,
      );
      return saved.error ? refused(saved.error) : done();
    }
    case 'lost': {
      const parsed = parseForm(LostItemSchema, form);
      if (!parsed.ok) return fail(parsed.failure);
      const resourceId = String(form.get('resource_id') ?? '');
      const saved = await logLostItem(
        supabase,
        { organizationId: organization.id, propertyId: property.id, taskId: parsed.value.task_id, resourceId },
        parsed.value.description,
      );
      return saved.error ? refused(saved.error) : done();
    }
    case 'photo': {
      const parsed = parseForm(TaskSchema, form);
      if (!parsed.ok) return fail(parsed.failure);
      const file = form.get('photo');
      if (!(file instanceof File) || file.size === 0) return fail({ fieldErrors: { photo: ['Choose a photo.'] } });
      if (file.size > 20 * 1024 * 1024) return fail({ fieldErrors: { photo: ['Use a photo under 20 MB.'] } });
      const stored = await uploadTaskPhoto(
        supabase,
        { organizationId: organization.id, propertyId: property.id, taskId: parsed.value.task_id },
        file,
      );
      return stored.error ? fail({ fieldErrors: { photo: [stored.error] } }) : done();
    }
    case 'room_status': {
      const parsed = parseForm(RoomStatusSchema, form);
      if (!parsed.ok) return fail(parsed.failure);
      const saved = await setRoomStatus(supabase, parsed.value.resource_id, parsed.value.status, parsed.value.note);
      return saved.error ? refused(saved.error) : done();
    }
    default:
      return fail({ fieldErrors: {}, formError: 'Unknown action.' });
  }
}

export default function HousekeepingScreen() {
  const loaded = useLoaderData<typeof loader>();
  const { property, supervisor, view, day, today } = loaded;
  const live = useLiveChanges({ tables: ['housekeeping_tasks', 'room_statuses'], propertyId: property.id });
  const [search] = useSearchParams();
  const link = (changes: Record<string, string>) =>
    `?${new URLSearchParams({ ...Object.fromEntries(search), ...changes })}`;
  return (
    <div className="housekeeping">
      <header className="housekeeping-header">
        <div>
          <h1>Housekeeping</h1>
          <p className="muted">
            {day === today ? 'Today' : formatDate(day)} · {property.name}
          </p>
        </div>
        <LiveBadge state={live} />
      </header>
      <nav className="housekeeping-toolbar" aria-label="Day and view">
        <div className="housekeeping-days">
          <Link className="button" to={link({ day: addDays(day, -1) })} aria-label="Previous day">
            ←
          </Link>
          <Link className="button" to={link({ day: today })} aria-current={day === today ? 'date' : undefined}>
            Today
          </Link>
          <Link className="button" to={link({ day: addDays(day, 1) })} aria-label="Next day">
            →
          </Link>
        </div>
        {supervisor ? (
          <div className="housekeeping-views">
            <Link className="button" to={link({ view: 'board' })} aria-current={view === 'board' ? 'page' : undefined}>
              Board
            </Link>
            <Link className="button" to={link({ view: 'mine' })} aria-current={view === 'mine' ? 'page' : undefined}>
              My rooms
            </Link>
            <Link className="button" to={link({ view: 'rooms' })} aria-current={view === 'rooms' ? 'page' : undefined}>
              Room status
            </Link>
            <Link className="button" to="../housekeeping-report">
              Report
            </Link>
            <Link className="button" to="../housekeeping-settings">
              Settings
            </Link>
          </div>
        ) : null}
      </nav>
      {view === 'board' ? (
        <SupervisorView {...loaded} />
      ) : view === 'rooms' ? (
        <RoomStatusPanel rooms={loaded.rooms} />
      ) : (
        <AttendantView {...loaded} />
      )}
    </div>
  );
}

export { ScreenErrorBoundary as ErrorBoundary };
