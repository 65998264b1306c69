// Maintenance work orders of a property, read and written as the signed-in user through the Data
// API (migration 20261206160600_work_orders.sql): RLS lets members of the property read them and
// staff raise and change them; the table's trigger keeps the status flow, the assignee rule and
// the room's out-of-service block, and its refusals go back to the forms.
import type { Database } from '../../../supabase/database.types.ts';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import type { Saved } from './properties.server.ts';

type Row = Database['public']['Tables']['work_orders']['Row'];

export const WORK_ORDER_STATUSES = ['open', 'assigned', 'in_progress', 'on_hold', 'done', 'cancelled'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const OPEN_STATUSES: WorkOrderStatus[] = ['open', 'assigned', 'in_progress', 'on_hold'];

export interface WorkOrder {
  id: string;
  number: number;
  title: string;
  description: string | null;
  priority: Priority;
  status: WorkOrderStatus;
  source: string;
  resourceId: string | null;
  resourceName: string | null;
  area: string | null;
  assignedTo: string | null;
  dueOn: string | null;
  outOfServiceUntil: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const COLUMNS =
  'id, number, title, description, priority, status, source, resource_id, area, assigned_to, due_on, out_of_service_until, closed_at, created_at, updated_at, resources(name)';

type Selected = Pick<
  Row,
  | 'id'
  | 'number'
  | 'title'
  | 'description'
  | 'priority'
  | 'status'
  | 'source'
  | 'resource_id'
  | 'area'
  | 'assigned_to'
  | 'due_on'
  | 'out_of_service_until'
  | 'closed_at'
  | 'created_at'
  | 'updated_at'
> & { resources: { name: string } | null };

function toWorkOrder(row: Selected): WorkOrder {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    description: row.description,
    priority: row.priority as Priority,
    status: row.status as WorkOrderStatus,
    source: row.source,
    resourceId: row.resource_id,
    resourceName: row.resources?.name ?? null,
    area: row.area,
    assignedTo: row.assigned_to,
    dueOn: row.due_on,
    outOfServiceUntil: row.out_of_service_until,
    closedAt: row.closed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type WorkOrderFilter = 'open' | 'overdue' | 'closed';

/** One page of a property's work orders: open ones by priority then age, closed ones newest first. */
export async function listWorkOrderPage(
  supabase: Supabase,
  propertyId: string,
  { filter, page, perPage, today }: { filter: WorkOrderFilter; page: number; perPage: number; today: string },
): Promise<{ orders: WorkOrder[]; total: number }> {
  let query = supabase.from('work_orders').select(COLUMNS, { count: 'exact' }).eq('property_id', propertyId);
  if (filter === 'closed') {
    query = query.in('status', ['done', 'cancelled']).order('closed_at', { ascending: false });
  } else {
    query = query.in('status', OPEN_STATUSES);
    if (filter === 'overdue') query = query.lt('due_on', today);
    // 'urgent' > 'normal' > 'low' > 'high' alphabetically would be wrong: sort by due date then age,
    // and let the screen badge the priority.
    query = query.order('due_on', { ascending: true, nullsFirst: false }).order('created_at', { ascending: true });
  }
  const { data, error, count } = await query.order('id').range((page - 1) * perPage, page * perPage - 1);
  if (error?.code === 'PGRST103') return { orders: [], total: count ?? 0 };
  if (error) throw new DataError(error);
  return { orders: (data as unknown as Selected[]).map(toWorkOrder), total: count ?? data.length };
}

/** Counts for the screen's tabs. */
export async function countWorkOrders(
  supabase: Supabase,
  propertyId: string,
  today: string,
): Promise<{ open: number; overdue: number; outOfService: number }> {
  const head = { count: 'exact' as const, head: true };
  const [open, overdue, blocked] = await Promise.all([
    supabase.from('work_orders').select('id', head).eq('property_id', propertyId).in('status', OPEN_STATUSES),
    supabase
      .from('work_orders')
      .select('id', head)
      .eq('property_id', propertyId)
      .in('status', OPEN_STATUSES)
      .lt('due_on', today),
    supabase
      .from('work_orders')
      .select('id', head)
      .eq('property_id', propertyId)
      .in('status', OPEN_STATUSES)
      .gt('out_of_service_until', new Date().toISOString()),
  ]);
  for (const result of [open, overdue, blocked]) if (result.error) throw new DataError(result.error);
  return { open: open.count ?? 0, overdue: overdue.count ?? 0, outOfService: blocked.count ?? 0 };
}

export async function getWorkOrder(supabase: Supabase, propertyId: string, id: string): Promise<WorkOrder | null> {
  const { data, error } = await supabase
    .from('work_orders')
    .select(COLUMNS)
    .eq('property_id', propertyId)
    .eq('id', id)
    .maybeSingle();
  if (error?.code === '22P02') return null;
  if (error) throw new DataError(error);
  return data ? toWorkOrder(data as unknown as Selected) : null;
}

export interface NewWorkOrder {
  title: string;
  description: string | null;
  priority: Priority;
  resourceId: string | null;
  area: string | null;
  source: 'staff' | 'housekeeping';
  dueOn: string | null;
  outOfServiceUntil: string | null;
}

export async function createWorkOrder(
  supabase: Supabase,
  organizationId: string,
  propertyId: string,
  order: NewWorkOrder,
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .from('work_orders')
    .insert({
      organization_id: organizationId,
      property_id: propertyId,
      title: order.title,
      description: order.description,
      priority: order.priority,
      resource_id: order.resourceId,
      area: order.area,
      source: order.source,
      due_on: order.dueOn,
      out_of_service_until: order.outOfServiceUntil,
    })
    .select('id')
    .single();
  return error ? { error } : { row: data };
}

export type WorkOrderChange = Partial<{
  status: WorkOrderStatus;
  assigned_to: string | null;
  out_of_service_until: string | null;
  priority: Priority;
  due_on: string | null;
}>;

/** One change; the trigger decides whether it is allowed (`invalid_work_order_transition`, …). */
export async function changeWorkOrder(
  supabase: Supabase,
  propertyId: string,
  id: string,
  change: WorkOrderChange,
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .from('work_orders')
    .update(change)
    .eq('property_id', propertyId)
    .eq('id', id)
    .select('id')
    .single();
  return error ? { error } : { row: data };
}

/** Rooms (resources) of the property, for the location picker. */
export async function listRooms(supabase: Supabase, propertyId: string): Promise<{ id: string; name: string }[]> {
  const { data, error } = await supabase
    .from('resources')
    .select('id, name')
    .eq('property_id', propertyId)
    .order('name')
    .limit(2000);
  if (error) throw new DataError(error);
  return data;
}

/** Members who can be assigned (staff and up), by name; the database still checks the property. */
export async function listAssignees(
  supabase: Supabase,
  organizationId: string,
): Promise<{ userId: string; name: string }[]> {
  const { data, error } = await supabase
    .from('memberships')
    .select('user_id, role')
    .eq('organization_id', organizationId)
    .in('role', ['staff', 'manager', 'admin', 'owner'])
    .limit(500);
  if (error) throw new DataError(error);
  const ids = data.map((row) => row.user_id);
  const profiles = ids.length
    ? await supabase.from('profiles').select('user_id, display_name').in('user_id', ids)
    : { data: [], error: null };
  if (profiles.error) throw new DataError(profiles.error);
  const names = new Map(profiles.data.map((profile) => [profile.user_id, profile.display_name]));
  return data
    .map((row) => ({ userId: row.user_id, name: names.get(row.user_id) || `Member (${row.role})` }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

// ---------------------------------------------------------------------------------------------
// Photos (documents bucket, under the order's folder)
// ---------------------------------------------------------------------------------------------

export interface WorkOrderPhoto {
  id: string;
  objectName: string;
  url: string | null;
  createdAt: string;
}

export async function listPhotos(supabase: Supabase, workOrderId: string): Promise<WorkOrderPhoto[]> {
  const { data, error } = await supabase
    .from('work_order_photos')
    .select('id, object_name, created_at')
    .eq('work_order_id', workOrderId)
    .order('created_at')
    .limit(50);
  if (error) throw new DataError(error);
  if (!data.length) return [];
  // Signed for an hour: the bucket is private and its policies already checked the reader.
  const signed = await supabase.storage.from('documents').createSignedUrls(
    data.map((row) => row.object_name),
    3600,
  );
  const urls = new Map((signed.data ?? []).map((entry) => [entry.path, entry.signedUrl]));
  return data.map((row) => ({
    id: row.id,
    objectName: row.object_name,
    url: urls.get(row.object_name) ?? null,
    createdAt: row.created_at,
  }));
}

export async function addPhoto(
  supabase: Supabase,
  ids: { organizationId: string; propertyId: string; workOrderId: string },
  objectName: string,
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .from('work_order_photos')
    .insert({
      organization_id: ids.organizationId,
      property_id: ids.propertyId,
      work_order_id: ids.workOrderId,
      object_name: objectName,
    })
    .select('id')
    .single();
  return error ? { error } : { row: data };
}

// ---------------------------------------------------------------------------------------------
// Preventive schedules (managers write; the worker creates the orders as they fall due)
// ---------------------------------------------------------------------------------------------

export interface MaintenanceSchedule {
  id: string;
  title: string;
  resourceName: string | null;
  area: string | null;
  priority: Priority;
  everyMonths: number;
  nextDueOn: string;
  active: boolean;
}

export async function listSchedules(supabase: Supabase, propertyId: string): Promise<MaintenanceSchedule[]> {
  const { data, error } = await supabase
    .from('maintenance_schedules')
    .select('id, title, area, priority, every_months, next_due_on, active, resources(name)')
    .eq('property_id', propertyId)
    .order('active', { ascending: false })
    .order('next_due_on')
    .limit(200);
  if (error) throw new DataError(error);
  return data.map((row) => ({
    id: row.id,
    title: row.title,
    resourceName: (row.resources as { name: string } | null)?.name ?? null,
    area: row.area,
    priority: row.priority as Priority,
    everyMonths: row.every_months,
    nextDueOn: row.next_due_on,
    active: row.active,
  }));
}

export async function createSchedule(
  supabase: Supabase,
  organizationId: string,
  propertyId: string,
  schedule: {
    title: string;
    resourceId: string | null;
    area: string | null;
    priority: Priority;
    everyMonths: number;
    nextDueOn: string;
  },
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .from('maintenance_schedules')
    .insert({
      organization_id: organizationId,
      property_id: propertyId,
      title: schedule.title,
      resource_id: schedule.resourceId,
      area: schedule.area,
      priority: schedule.priority,
      every_months: schedule.everyMonths,
      next_due_on: schedule.nextDueOn,
    })
    .select('id')
    .single();
  return error ? { error } : { row: data };
}

export async function setScheduleActive(
  supabase: Supabase,
  propertyId: string,
  id: string,
  active: boolean,
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .from('maintenance_schedules')
    .update({ active })
    .eq('property_id', propertyId)
    .eq('id', id)
    .select('id')
    .single();
  return error ? { error } : { row: data };
}
