// Maintenance at a property (staff and up, phone and tablet): the work orders still open (or
// overdue, or closed), a page at a time, live; and the form that raises one — what is wrong,
// where (a room and/or an area), how urgent, and optionally the room taken off sale until a date,
// which the database turns into an out-of-service block the availability search honours.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useParams, useSearchParams } from '@remix-run/react';
import { CheckedForm, FormButton } from '../../components/checked-form.tsx';
import { ScreenErrorBoundary } from '../../components/error-page.tsx';
import { FormError, SelectField, TextField } from '../../components/forms.tsx';
import { Pagination } from '../../components/pagination.tsx';
import {
  countWorkOrders,
  createWorkOrder,
  listRooms,
  listWorkOrderPage,
  type WorkOrderFilter,
} from '../../data/work-orders.server.ts';
import maintenanceStyles from '../../styles/maintenance.css?url';
import { formatDate, todayIn } from '../../utils/calendar-dates.ts';
import { databaseFailure } from '../../utils/database-errors.ts';
import type { FormFailure } from '../../utils/forms.ts';
import { parseForm } from '../../utils/forms.ts';
import { roleAtLeast } from '../../utils/roles.ts';
import { requireStaffProperty } from '../../utils/staff-access.server.ts';
import { zonedToInstant } from '../../utils/time-zones.ts';
import { useLiveChanges } from '../../utils/use-live-changes.ts';
import { LiveBadge } from '../o.$org_.p.$property.grid/live-badge.tsx';
import { formatLocalTime, PRIORITY_LABELS, STATUS_LABELS, WORK_ORDER_ERRORS } from './labels.ts';
import { raiseSchema } from './maintenance.schema.ts';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: maintenanceStyles }];
export const meta: MetaFunction = () => [{ title: 'Maintenance · Roost' }];

const PER_PAGE = 20;
const FILTERS: { value: WorkOrderFilter; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'overdue', label: 'Overdue' },
  { value: 'closed', label: 'Closed' },
];

export async function loader(args: LoaderFunctionArgs) {
  const { property, membership } = await requireStaffProperty(args);
  const search = new URL(args.request.url).searchParams;
  const filter = (FILTERS.find((f) => f.value === search.get('show'))?.value ?? 'open') as WorkOrderFilter;
  const requested = Number(search.get('page'));
  const page = Number.isInteger(requested) && requested >= 1 && requested <= 10_000 ? requested : 1;
  const today = todayIn(property.time_zone);
  const supabase = args.context.supabase;
  const [list, counts, rooms] = await Promise.all([
    listWorkOrderPage(supabase, property.id, { filter, page, perPage: PER_PAGE, today }),
    countWorkOrders(supabase, property.id, today),
    listRooms(supabase, property.id),
  ]);
  return {
    property: { id: property.id, name: property.name, timeZone: property.time_zone },
    role: membership.role,
    filter,
    page,
    pages: Math.max(1, Math.ceil(list.total / PER_PAGE)),
    total: list.total,
    orders: list.orders,
    counts,
    rooms,
    today,
  };
}

export async function action(args: ActionFunctionArgs) {
  const { organization, property } = await requireStaffProperty(args);
  const form = await args.request.formData();
  const parsed = parseForm(raiseSchema, form);
  if (!parsed.ok) return data({ ...parsed.failure, intent: 'raise' }, { status: 400 });
  const value = parsed.value;
  const saved = await createWorkOrder(args.context.supabase, organization.id, property.id, {
    title: value.title,
    description: value.description,
    priority: value.priority,
    resourceId: value.resource_id,
    area: value.area,
    source: value.source,
    dueOn: value.due_on,
    outOfServiceUntil: value.out_of_service_until
      ? zonedToInstant(value.out_of_service_until, property.time_zone).toISOString()
      : null,
  });
  if (saved.error) {
    return data({ ...databaseFailure(saved.error, WORK_ORDER_ERRORS), intent: 'raise' }, { status: 400 });
  }
  throw redirect(`/o/${args.params.org}/p/${property.id}/maintenance/${saved.row.id}?saved=raised`);
}

function RaiseForm({ rooms }: { rooms: { id: string; name: string }[] }) {
  const failure = useActionData<FormFailure & { intent: string }>();
  return (
    <section className="section maintenance-raise" aria-labelledby="raise-title">
      <h2 id="raise-title">Raise a work order</h2>
      <CheckedForm intent="raise" schema={raiseSchema} formKey="raise" label="Raise a work order">
        {(errors) => (
          <>
            <FormError message={errors?.formError ?? (failure?.intent === 'raise' ? failure.formError : undefined)} />
            <TextField
              label="What needs fixing"
              name="title"
              required
              maxLength={200}
              errors={errors?.fieldErrors.title}
            />
            <div className="field">
              <label htmlFor="raise-description">Details</label>
              <textarea id="raise-description" name="description" rows={3} maxLength={4000} />
            </div>
            <div className="field-row field-row-2">
              <SelectField label="Priority" name="priority" defaultValue="normal" errors={errors?.fieldErrors.priority}>
                {Object.entries(PRIORITY_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </SelectField>
              <SelectField label="Reported by" name="source" defaultValue="staff" errors={errors?.fieldErrors.source}>
                <option value="staff">Staff</option>
                <option value="housekeeping">Housekeeping</option>
              </SelectField>
            </div>
            <div className="field-row field-row-2">
              <SelectField label="Room" name="resource_id" defaultValue="" errors={errors?.fieldErrors.resource_id}>
                <option value="">No room</option>
                {rooms.map((room) => (
                  <option key={room.id} value={room.id}>
                    {room.name}
                  </option>
                ))}
              </SelectField>
              <TextField
                label="Area"
                name="area"
                maxLength={120}
                hint="e.g. Lobby, roof, kitchen"
                errors={errors?.fieldErrors.area}
              />
            </div>
            <div className="field-row field-row-2">
              <TextField label="Due by" name="due_on" type="date" errors={errors?.fieldErrors.due_on} />
              <TextField
                label="Room off sale until"
                name="out_of_service_until"
                type="datetime-local"
                hint="Leave empty to keep selling the room."
                errors={errors?.fieldErrors.out_of_service_until}
              />
            </div>
            <FormButton label="Raise work order" />
          </>
        )}
      </CheckedForm>
    </section>
  );
}

export default function MaintenanceScreen() {
  const { property, role, filter, page, pages, total, orders, counts, rooms, today } = useLoaderData<typeof loader>();
  const manager = roleAtLeast(role, 'manager');
  const live = useLiveChanges({ tables: ['work_orders'], propertyId: property.id });
  const params = useParams();
  const [search] = useSearchParams();
  const base = `/o/${params.org}/p/${property.id}/maintenance`;
  const href = (to: number) => {
    const next = new URLSearchParams(search);
    if (to === 1) next.delete('page');
    else next.set('page', String(to));
    return `?${next.toString()}`;
  };
  return (
    <div className="maintenance-screen">
      <header className="maintenance-header">
        <h1>Maintenance</h1>
        <p className="muted">
          {counts.open} open · {counts.overdue} overdue · {counts.outOfService} room
          {counts.outOfService === 1 ? '' : 's'} off sale
        </p>
        <LiveBadge state={live} />
        {manager ? (
          <Link to={`${base}/schedules`} className="button">
            Preventive schedules
          </Link>
        ) : null}
      </header>
      <div className="maintenance-layout">
        <section className="section maintenance-list" aria-labelledby="orders-title">
          <h2 id="orders-title" className="visually-hidden">
            Work orders
          </h2>
          <nav className="maintenance-tabs" aria-label="Which work orders">
            {FILTERS.map((f) => (
              <Link
                key={f.value}
                to={f.value === 'open' ? '?' : `?show=${f.value}`}
                className={`button${f.value === filter ? ' button-primary' : ''}`}
                aria-current={f.value === filter ? 'page' : undefined}
              >
                {f.label}
                {f.value === 'open' ? ` (${counts.open})` : f.value === 'overdue' ? ` (${counts.overdue})` : ''}
              </Link>
            ))}
          </nav>
          {orders.length === 0 ? (
            <p className="empty-state">
              {filter === 'closed'
                ? 'No closed work orders yet.'
                : filter === 'overdue'
                  ? 'Nothing overdue.'
                  : 'No open work orders. Raise one with the form when something needs fixing.'}
            </p>
          ) : (
            <ul className="work-order-cards">
              {orders.map((order) => {
                const overdue = order.dueOn !== null && order.dueOn < today && !order.closedAt;
                const offSale =
                  order.outOfServiceUntil && !order.closedAt && Date.parse(order.outOfServiceUntil) > Date.now();
                return (
                  <li key={order.id} className={`work-order-card priority-${order.priority}`}>
                    <Link to={`${base}/${order.id}`} className="work-order-link">
                      <span className="work-order-title">
                        #{order.number} {order.title}
                      </span>
                      <span className="work-order-meta">
                        <span className={`wo-badge wo-priority-${order.priority}`}>
                          {PRIORITY_LABELS[order.priority]}
                        </span>
                        <span className={`wo-badge wo-status-${order.status}`}>{STATUS_LABELS[order.status]}</span>
                        <span>
                          {[order.resourceName && `Room ${order.resourceName}`, order.area]
                            .filter(Boolean)
                            .join(' · ') || 'Whole property'}
                        </span>
                        {order.dueOn ? (
                          <span className={overdue ? 'wo-overdue' : undefined}>
                            {overdue ? 'Overdue since ' : 'Due '}
                            {formatDate(order.dueOn)}
                          </span>
                        ) : null}
                        {offSale && order.outOfServiceUntil ? (
                          <span className="wo-off-sale">
                            Off sale until {formatLocalTime(order.outOfServiceUntil, property.timeZone)}
                          </span>
                        ) : null}
                      </span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          )}
          {pages > 1 ? <p className="muted">{total} work orders</p> : null}
          <Pagination page={page} pages={pages} href={href} labels={{ previous: '← Previous', next: 'Next →' }} />
        </section>
        <RaiseForm rooms={rooms} />
      </div>
    </div>
  );
}

export { ScreenErrorBoundary as ErrorBoundary };
