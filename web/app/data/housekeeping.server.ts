// Room status and housekeeping (migration 20261206160500, decision 032), read and written as the
// signed-in user: RLS shows the rooms, tasks and rosters of the properties the member works in;
// the RPCs decide every change (transitions, who may act, balancing). Photos live in the
// documents bucket under <org>/<property>/housekeeping/<task id>/ (storage policies: staff of the
// property write, members read).
import type { PostgrestError } from '@supabase/supabase-js';
import type { Database } from '../../../supabase/database.types.ts';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import type { Saved } from './properties.server.ts';

export type RoomStatus = Database['public']['Enums']['room_status'];
export type TaskStatus = Database['public']['Enums']['housekeeping_task_status'];
export type TaskKind = Database['public']['Enums']['housekeeping_task_kind'];
type TaskRow = Database['public']['Tables']['housekeeping_tasks']['Row'];
type RoomStatusRow = Database['public']['Tables']['room_statuses']['Row'];

export interface RoomState {
  status: RoomStatus;
  reason: string;
  note: string | null;
  changedAt: string;
}

/** Each room's status by resource id (rooms only: tables and spaces have none). */
export async function listRoomStatuses(supabase: Supabase, propertyId: string): Promise<Record<string, RoomState>> {
  const { data, error } = await supabase
    .from('room_statuses')
    .select('resource_id, status, reason, note, changed_at')
    .eq('property_id', propertyId);
  if (error) throw new DataError(error);
  return Object.fromEntries(
    data.map((row) => [
      row.resource_id,
      { status: row.status, reason: row.reason, note: row.note, changedAt: row.changed_at },
    ]),
  );
}

/** The status of the room a booking is in, or null (not a room, or not visible). */
export async function bookingRoomStatus(supabase: Supabase, bookingId: string): Promise<RoomState | null> {
  const booking = await supabase.from('bookings').select('resource_id').eq('id', bookingId).maybeSingle();
  if (booking.error) throw new DataError(booking.error);
  if (!booking.data) return null;
  const { data, error } = await supabase
    .from('room_statuses')
    .select('status, reason, note, changed_at')
    .eq('resource_id', booking.data.resource_id)
    .maybeSingle();
  if (error) throw new DataError(error);
  return data ? { status: data.status, reason: data.reason, note: data.note, changedAt: data.changed_at } : null;
}

export async function setRoomStatus(
  supabase: Supabase,
  resourceId: string,
  status: RoomStatus,
  note: string,
): Promise<Saved<RoomStatusRow>> {
  const { data, error } = await supabase.rpc('set_room_status', {
    p_resource_id: resourceId,
    p_status: status,
    ...(note ? { p_note: note } : {}),
  });
  return error ? { error } : { row: data };
}

export interface RoomWithStatus {
  id: string;
  name: string;
  typeName: string;
  state: RoomState;
}

/** The property's active rooms with their status, by type and name (numbers in order). */
export async function listRoomsWithStatus(supabase: Supabase, propertyId: string): Promise<RoomWithStatus[]> {
  const [rooms, statuses] = await Promise.all([
    supabase
      .from('resources')
      .select('id, name, type:resource_types!inner(name, kind)')
      .eq('property_id', propertyId)
      .eq('active', true)
      .eq('type.kind', 'room')
      .limit(2000),
    listRoomStatuses(supabase, propertyId),
  ]);
  if (rooms.error) throw new DataError(rooms.error);
  const collator = new Intl.Collator('en', { numeric: true });
  return rooms.data
    .flatMap((row) => {
      const state = statuses[row.id];
      const type = row.type as unknown as { name: string };
      return state ? [{ id: row.id, name: row.name, typeName: type.name, state }] : [];
    })
    .sort((a, b) => collator.compare(a.typeName, b.typeName) || collator.compare(a.name, b.name));
}

export interface RoomTypeSettings {
  typeId: string;
  typeName: string;
  rooms: number;
  /** Null: no settings row yet (1 credit, the default checklist). */
  credits: number | null;
  checklist: string[] | null;
}

/** Credits and checklist of every room type of the property (housekeeping_room_types, if any). */
export async function listRoomTypeSettings(supabase: Supabase, propertyId: string): Promise<RoomTypeSettings[]> {
  const [types, settings, rooms] = await Promise.all([
    supabase
      .from('resource_types')
      .select('id, name')
      .eq('property_id', propertyId)
      .eq('kind', 'room')
      .order('name')
      .limit(500),
    supabase
      .from('housekeeping_room_types')
      .select('resource_type_id, credits, checklist')
      .eq('property_id', propertyId)
      .limit(500),
    supabase.from('resources').select('resource_type_id').eq('property_id', propertyId).eq('active', true).limit(5000),
  ]);
  if (types.error) throw new DataError(types.error);
  if (settings.error) throw new DataError(settings.error);
  if (rooms.error) throw new DataError(rooms.error);
  const counts = new Map<string, number>();
  for (const room of rooms.data) counts.set(room.resource_type_id, (counts.get(room.resource_type_id) ?? 0) + 1);
  const byType = new Map(settings.data.map((row) => [row.resource_type_id, row]));
  return types.data.map((type) => {
    const row = byType.get(type.id);
    return {
      typeId: type.id,
      typeName: type.name,
      rooms: counts.get(type.id) ?? 0,
      credits: row ? Number(row.credits) : null,
      checklist: row ? row.checklist : null,
    };
  });
}

/** Sets a room type's credits and checklist (managers: RLS; the constraints check the values). */
export async function saveRoomTypeSettings(
  supabase: Supabase,
  ids: { organizationId: string; propertyId: string; typeId: string },
  credits: number,
  checklist: string[],
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .from('housekeeping_room_types')
    .upsert(
      {
        organization_id: ids.organizationId,
        property_id: ids.propertyId,
        resource_type_id: ids.typeId,
        credits,
        checklist,
      },
      { onConflict: 'resource_type_id' },
    )
    .select('id')
    .single();
  return error ? { error } : { row: data };
}

export interface Attendant {
  id: string;
  name: string;
  role: Database['public']['Enums']['org_role'];
}

export async function listAttendants(supabase: Supabase, propertyId: string): Promise<Attendant[]> {
  const { data, error } = await supabase.rpc('housekeeping_attendants', { p_property_id: propertyId });
  if (error) throw new DataError(error);
  return data.map((row) => ({ id: row.user_id, name: row.name, role: row.role }));
}

export interface BoardTask {
  id: string;
  resourceId: string;
  roomName: string;
  typeId: string;
  kind: TaskKind;
  arrivalDue: boolean;
  credits: number;
  status: TaskStatus;
  assigneeId: string | null;
  position: number;
  startedAt: string | null;
  finishedAt: string | null;
  notes: string | null;
  inspectionNotes: string | null;
  failedItems: string[];
}

export interface Board {
  tasks: BoardTask[];
  roster: string[];
  /** The inspector's checklist per room type id (types without settings use the default). */
  checklists: Record<string, string[]>;
}

export async function loadBoard(supabase: Supabase, propertyId: string, day: string): Promise<Board> {
  const [tasks, shifts, types] = await Promise.all([
    supabase
      .from('housekeeping_tasks')
      .select('*, resource:resources!housekeeping_tasks_resource_fkey(name, resource_type_id)')
      .eq('property_id', propertyId)
      .eq('day', day)
      .order('position')
      .limit(1000),
    supabase.from('housekeeping_shifts').select('user_id').eq('property_id', propertyId).eq('day', day),
    supabase.from('housekeeping_room_types').select('resource_type_id, checklist').eq('property_id', propertyId),
  ]);
  if (tasks.error) throw new DataError(tasks.error);
  if (shifts.error) throw new DataError(shifts.error);
  if (types.error) throw new DataError(types.error);
  const collator = new Intl.Collator('en', { numeric: true });
  return {
    tasks: tasks.data
      .map((row) => toTask(row, row.resource?.name ?? '', row.resource?.resource_type_id ?? ''))
      .sort((a, b) => a.position - b.position || collator.compare(a.roomName, b.roomName)),
    roster: shifts.data.map((row) => row.user_id),
    checklists: Object.fromEntries(types.data.map((row) => [row.resource_type_id, row.checklist])),
  };
}

function toTask(row: TaskRow, roomName: string, typeId: string): BoardTask {
  return {
    id: row.id,
    resourceId: row.resource_id,
    roomName,
    typeId,
    kind: row.kind,
    arrivalDue: row.arrival_due,
    credits: Number(row.credits),
    status: row.status,
    assigneeId: row.assignee_id,
    position: row.position,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    notes: row.notes,
    inspectionNotes: row.inspection_notes,
    failedItems: row.failed_items,
  };
}

export async function generateTasks(
  supabase: Supabase,
  propertyId: string,
  day: string,
  attendantIds: string[] | null,
): Promise<Saved<number>> {
  const { data, error } = await supabase.rpc('generate_housekeeping_tasks', {
    p_property_id: propertyId,
    p_day: day,
    ...(attendantIds ? { p_attendant_ids: attendantIds } : {}),
  });
  return error ? { error } : { row: data.length };
}

export async function assignTask(
  supabase: Supabase,
  taskId: string,
  assigneeId: string | null,
  position: number | null,
): Promise<Saved<TaskRow>> {
  const { data, error } = await supabase.rpc('assign_housekeeping_task', {
    p_task_id: taskId,
    // Null unassigns: the RPC takes it as "nobody".
    p_assignee_id: assigneeId as string,
    ...(position === null ? {} : { p_position: position }),
  });
  return error ? { error } : { row: data };
}

export async function startTask(supabase: Supabase, taskId: string): Promise<Saved<TaskRow>> {
  const { data, error } = await supabase.rpc('start_housekeeping_task', { p_task_id: taskId });
  return error ? { error } : { row: data };
}

export async function finishTask(supabase: Supabase, taskId: string, notes: string): Promise<Saved<TaskRow>> {
  const { data, error } = await supabase.rpc('finish_housekeeping_task', {
    p_task_id: taskId,
    ...(notes ? { p_notes: notes } : {}),
  });
  return error ? { error } : { row: data };
}

export async function inspectTask(
  supabase: Supabase,
  taskId: string,
  passed: boolean,
  notes: string,
  failedItems: string[],
): Promise<Saved<TaskRow>> {
  const { data, error } = await supabase.rpc('inspect_housekeeping_task', {
    p_task_id: taskId,
    p_passed: passed,
    ...(notes ? { p_notes: notes } : {}),
    p_failed_items: failedItems,
  });
  return error ? { error } : { row: data };
}

export interface LostItem {
  id: string;
  taskId: string | null;
  description: string;
  foundAt: string;
}

export async function listLostItems(supabase: Supabase, propertyId: string, taskIds: string[]): Promise<LostItem[]> {
  if (taskIds.length === 0) return [];
  const { data, error } = await supabase
    .from('lost_and_found_items')
    .select('id, task_id, description, found_at')
    .eq('property_id', propertyId)
    .in('task_id', taskIds)
    .order('found_at');
  if (error) throw new DataError(error);
  return data.map((row) => ({ id: row.id, taskId: row.task_id, description: row.description, foundAt: row.found_at }));
}

export async function logLostItem(
  supabase: Supabase,
  ids: { organizationId: string; propertyId: string; taskId: string; resourceId: string },
  description: string,
): Promise<Saved<{ id: string }>> {
  const { data, error } = await supabase
    .from('lost_and_found_items')
    .insert({
      organization_id: ids.organizationId,
      property_id: ids.propertyId,
      task_id: ids.taskId,
      resource_id: ids.resourceId,
      description,
    })
    .select('id')
    .single();
  return error ? { error } : { row: data };
}

/** A Storage API failure, as the error boundary's DataError. */
const storageFailure = (message: string) =>
  new DataError({ message, details: '', hint: '', code: 'storage_error' } as PostgrestError);

const photoFolder = (organizationId: string, propertyId: string, taskId: string) =>
  `${organizationId}/${propertyId}/housekeeping/${taskId}`;

export interface TaskPhoto {
  name: string;
  url: string;
}

/** Photos of the tasks, with short-lived signed URLs, by task id. */
export async function listTaskPhotos(
  supabase: Supabase,
  organizationId: string,
  propertyId: string,
  taskIds: string[],
): Promise<Record<string, TaskPhoto[]>> {
  const entries = await Promise.all(
    taskIds.map(async (taskId): Promise<[string, TaskPhoto[]]> => {
      const folder = photoFolder(organizationId, propertyId, taskId);
      const listed = await supabase.storage.from('documents').list(folder, { limit: 20 });
      if (listed.error) throw storageFailure(listed.error.message);
      const paths = listed.data.filter((file) => file.id).map((file) => `${folder}/${file.name}`);
      if (paths.length === 0) return [taskId, []];
      const signed = await supabase.storage.from('documents').createSignedUrls(paths, 600);
      if (signed.error) throw storageFailure(signed.error.message);
      return [
        taskId,
        signed.data.flatMap((entry) =>
          entry.signedUrl ? [{ name: (entry.path ?? '').split('/').pop() ?? '', url: entry.signedUrl }] : [],
        ),
      ];
    }),
  );
  return Object.fromEntries(entries);
}

export async function uploadTaskPhoto(
  supabase: Supabase,
  ids: { organizationId: string; propertyId: string; taskId: string },
  file: File,
): Promise<{ error?: string }> {
  const extension = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/heic': 'heic' }[file.type];
  if (!extension) return { error: 'Use a JPEG, PNG, WebP or HEIC photo.' };
  const path = `${photoFolder(ids.organizationId, ids.propertyId, ids.taskId)}/${Date.now()}-${crypto.randomUUID().slice(0, 8)}.${extension}`;
  const { error } = await supabase.storage.from('documents').upload(path, file, { contentType: file.type });
  return error ? { error: 'The photo could not be stored. Try again, or a smaller photo.' } : {};
}

export interface ReportRow {
  attendantId: string;
  name: string;
  roomsCleaned: number;
  averageMinutes: number | null;
}

export async function housekeepingReport(
  supabase: Supabase,
  propertyId: string,
  from: string,
  to: string,
): Promise<ReportRow[]> {
  const { data, error } = await supabase.rpc('housekeeping_report', {
    p_property_id: propertyId,
    p_from: from,
    p_to: to,
  });
  if (error) throw new DataError(error);
  return data.map((row) => ({
    attendantId: row.attendant_id,
    name: row.attendant_name,
    roomsCleaned: row.rooms_cleaned,
    averageMinutes: row.average_minutes === null ? null : Number(row.average_minutes),
  }));
}
