// Preventive maintenance of a property (managers and up): recurring tasks such as a quarterly HVAC
// service per room. The worker creates each task's work order on its due day (in the property's
// time zone) and moves the next due date on; pausing a schedule stops new orders.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData, useParams } from '@remix-run/react';
import { CheckedForm, FormButton, SavedNotice } from '../../components/checked-form.tsx';
import { ScreenErrorBoundary } from '../../components/error-page.tsx';
import { FormError, SelectField, TextField } from '../../components/forms.tsx';
import { createSchedule, listRooms, listSchedules, setScheduleActive } from '../../data/work-orders.server.ts';
import maintenanceStyles from '../../styles/maintenance.css?url';
import { formatDate } from '../../utils/calendar-dates.ts';
import { databaseFailure } from '../../utils/database-errors.ts';
import { parseForm } from '../../utils/forms.ts';
import { requireStaffProperty } from '../../utils/staff-access.server.ts';
import { PRIORITY_LABELS } from '../o.$org_.p.$property.maintenance/labels.ts';
import { scheduleActiveSchema, scheduleSchema } from '../o.$org_.p.$property.maintenance/maintenance.schema.ts';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: maintenanceStyles }];
export const meta: MetaFunction = () => [{ title: 'Preventive maintenance · Roost' }];

const SCHEDULE_ERRORS = {
  maintenance_schedules_title_length: { field: 'title', message: 'Enter 1 to 200 characters.' },
  maintenance_schedules_every_months_range: { field: 'every_months', message: 'Every 1 to 60 months.' },
  maintenance_schedules_resource_fkey: { field: 'resource_id', message: 'Choose a room of this property.' },
};

export async function loader(args: LoaderFunctionArgs) {
  const { property } = await requireStaffProperty(args, 'manager');
  const [schedules, rooms] = await Promise.all([
    listSchedules(args.context.supabase, property.id),
    listRooms(args.context.supabase, property.id),
  ]);
  return { propertyId: property.id, schedules, rooms };
}

export async function action(args: ActionFunctionArgs) {
  const { organization, property } = await requireStaffProperty(args, 'manager');
  const form = await args.request.formData();
  if (form.get('intent') === 'active') {
    const parsed = parseForm(scheduleActiveSchema, form);
    if (!parsed.ok) return data({ ...parsed.failure, intent: 'active' }, { status: 400 });
    const saved = await setScheduleActive(
      args.context.supabase,
      property.id,
      parsed.value.schedule_id,
      parsed.value.active,
    );
    if (saved.error)
      return data({ ...databaseFailure(saved.error, SCHEDULE_ERRORS), intent: 'active' }, { status: 400 });
    throw redirect(`?saved=${parsed.value.active ? 'resumed' : 'paused'}`);
  }
  const parsed = parseForm(scheduleSchema, form);
  if (!parsed.ok) return data({ ...parsed.failure, intent: 'schedule' }, { status: 400 });
  const value = parsed.value;
  const saved = await createSchedule(args.context.supabase, organization.id, property.id, {
    title: value.title,
    resourceId: value.resource_id,
    area: value.area,
    priority: value.priority,
    everyMonths: value.every_months,
    nextDueOn: value.next_due_on,
  });
  if (saved.error)
    return data({ ...databaseFailure(saved.error, SCHEDULE_ERRORS), intent: 'schedule' }, { status: 400 });
  throw redirect('?saved=schedule');
}

export default function Schedules() {
  const { propertyId, schedules, rooms } = useLoaderData<typeof loader>();
  const params = useParams();
  return (
    <div className="maintenance-screen maintenance-single">
      <p>
        <Link to={`/o/${params.org}/p/${propertyId}/maintenance`}>← All work orders</Link>
      </p>
      <h1>Preventive maintenance</h1>
      <p className="muted">
        Each schedule raises a work order on its due day, then moves on by its interval. Pause one to stop new orders.
      </p>
      <SavedNotice intent="schedule" text="Schedule added." />
      <SavedNotice intent="paused" text="Schedule paused." />
      <SavedNotice intent="resumed" text="Schedule resumed." />
      {schedules.length === 0 ? (
        <p className="empty-state">
          No preventive schedules yet. Add one below, e.g. a quarterly HVAC service per room.
        </p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Where</th>
              <th scope="col">Every</th>
              <th scope="col">Next due</th>
              <th scope="col">
                <span className="visually-hidden">Pause or resume</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {schedules.map((schedule) => (
              <tr key={schedule.id} className={schedule.active ? undefined : 'muted'}>
                <td>
                  {schedule.title} <span className="cell-note">{PRIORITY_LABELS[schedule.priority]}</span>
                </td>
                <td>
                  {[schedule.resourceName && `Room ${schedule.resourceName}`, schedule.area]
                    .filter(Boolean)
                    .join(' · ') || 'Whole property'}
                </td>
                <td>
                  {schedule.everyMonths} month{schedule.everyMonths === 1 ? '' : 's'}
                </td>
                <td>{schedule.active ? formatDate(schedule.nextDueOn) : 'Paused'}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="active" />
                    <input type="hidden" name="schedule_id" value={schedule.id} />
                    <input type="hidden" name="active" value={schedule.active ? 'false' : 'true'} />
                    <button
                      type="submit"
                      className="button button-quiet"
                      aria-label={`${schedule.active ? 'Pause' : 'Resume'} ${schedule.title}`}
                    >
                      {schedule.active ? 'Pause' : 'Resume'}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section className="section" aria-labelledby="add-schedule">
        <h2 id="add-schedule">Add a schedule</h2>
        <CheckedForm intent="schedule" schema={scheduleSchema} formKey={schedules.length} label="Add a schedule">
          {(errors) => (
            <>
              <FormError message={errors?.formError} />
              <TextField
                label="Task"
                name="title"
                required
                maxLength={200}
                hint="e.g. HVAC service"
                errors={errors?.fieldErrors.title}
              />
              <div className="field-row field-row-2">
                <SelectField label="Room" name="resource_id" defaultValue="" errors={errors?.fieldErrors.resource_id}>
                  <option value="">No room</option>
                  {rooms.map((room) => (
                    <option key={room.id} value={room.id}>
                      {room.name}
                    </option>
                  ))}
                </SelectField>
                <TextField label="Area" name="area" maxLength={120} errors={errors?.fieldErrors.area} />
              </div>
              <div className="field-row field-row-3">
                <SelectField
                  label="Priority"
                  name="priority"
                  defaultValue="normal"
                  errors={errors?.fieldErrors.priority}
                >
                  {Object.entries(PRIORITY_LABELS).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </SelectField>
                <TextField
                  label="Every (months)"
                  name="every_months"
                  inputMode="numeric"
                  defaultValue="3"
                  required
                  errors={errors?.fieldErrors.every_months}
                />
                <TextField
                  label="First due on"
                  name="next_due_on"
                  type="date"
                  required
                  errors={errors?.fieldErrors.next_due_on}
                />
              </div>
              <FormButton label="Add schedule" />
            </>
          )}
        </CheckedForm>
      </section>
    </div>
  );
}

export { ScreenErrorBoundary as ErrorBoundary };
