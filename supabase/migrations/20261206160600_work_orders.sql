-- Maintenance work orders (issue 19, item 3; docs/decisions/033-maintenance-work-orders.md).
--
-- - public.work_orders: raised by staff or housekeeping (source) through the Data API, or created
--   by a preventive schedule (private.create_due_preventive_work_orders, run daily). A location is
--   the property, optionally a room (resource) and/or a free-text area. Staff of the property read,
--   insert and update them; nobody deletes (cancel instead).
-- - The status flow is enforced by a trigger whoever writes (stable codes, SQLSTATE P0001):
--     open → assigned | cancelled
--     assigned → open (unassigned) | in_progress | cancelled
--     in_progress → on_hold | done | cancelled
--     on_hold → in_progress | done | cancelled
--   done and cancelled are final (`work_order_closed` for any later change).
-- - out_of_service_until: while set on an open order, the room is blocked in
--   public.resource_out_of_service from the moment it was set until then, the table that the
--   availability search and booking RPCs already honour. Extending or shortening the order's
--   date moves the block's end; clearing it, or closing the order (done or cancelled), ends the
--   block now (a block that had not started yet is removed). The trigger writes the block with
--   the owner's rights: staff may take a room off sale only through a work order.
-- - public.work_order_photos: objects of the private `documents` bucket under
--   `<organization>/<property>/work-orders/<work order>/` (the bucket's policies already let
--   staff of the property upload and read there: migration 20261122002100_storage_buckets.sql).
-- - public.maintenance_schedules: preventive tasks per property (e.g. quarterly HVAC per room),
--   managers write them; private.create_due_preventive_work_orders(date) creates the orders due on
--   or before that day, one per schedule and due date (idempotent: a second run creates nothing).

-- ============================================================================================
-- Tables
-- ============================================================================================

create table public.maintenance_schedules (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  resource_id uuid,
  area text,
  title text not null,
  description text,
  priority text not null default 'normal',
  every_months integer not null,
  next_due_on date not null,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint maintenance_schedules_property_id_id_key unique (property_id, id),
  constraint maintenance_schedules_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  constraint maintenance_schedules_resource_fkey foreign key (property_id, resource_id)
    references public.resources (property_id, id) on delete cascade,
  constraint maintenance_schedules_title_length check (char_length(title) between 1 and 200 and title = btrim(title)),
  constraint maintenance_schedules_description_length check (description is null or char_length(description) <= 4000),
  constraint maintenance_schedules_area_length check (area is null or char_length(area) between 1 and 120),
  constraint maintenance_schedules_priority_valid check (priority in ('low', 'normal', 'high', 'urgent')),
  constraint maintenance_schedules_every_months_range check (every_months between 1 and 60)
);
comment on table public.maintenance_schedules is 'Preventive maintenance that recurs every n months at a property (a room or area).';

create table public.work_orders (
  id uuid primary key default gen_random_uuid(),
  number bigint generated always as identity,
  organization_id uuid not null,
  property_id uuid not null,
  resource_id uuid,
  area text,
  title text not null,
  description text,
  priority text not null default 'normal',
  status text not null default 'open',
  source text not null default 'staff',
  schedule_id uuid,
  assigned_to uuid references auth.users (id) on delete set null,
  due_on date,
  out_of_service_until timestamptz,
  out_of_service_id uuid references public.resource_out_of_service (id) on delete set null,
  created_by uuid references auth.users (id) on delete set null,
  closed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint work_orders_property_id_id_key unique (property_id, id),
  constraint work_orders_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  constraint work_orders_resource_fkey foreign key (property_id, resource_id)
    references public.resources (property_id, id) on delete cascade,
  constraint work_orders_schedule_fkey foreign key (property_id, schedule_id)
    references public.maintenance_schedules (property_id, id) on delete set null (schedule_id),
  constraint work_orders_title_length check (char_length(title) between 1 and 200 and title = btrim(title)),
  constraint work_orders_description_length check (description is null or char_length(description) <= 4000),
  constraint work_orders_area_length check (area is null or (char_length(area) between 1 and 120 and area = btrim(area))),
  constraint work_orders_priority_valid check (priority in ('low', 'normal', 'high', 'urgent')),
  constraint work_orders_status_valid check (status in ('open', 'assigned', 'in_progress', 'on_hold', 'done', 'cancelled')),
  constraint work_orders_source_valid check (source in ('staff', 'housekeeping', 'preventive')),
  constraint work_orders_assignee_when_assigned check (status not in ('assigned', 'in_progress') or assigned_to is not null),
  constraint work_orders_closed_at_when_closed check ((closed_at is not null) = (status in ('done', 'cancelled'))),
  constraint work_orders_out_of_service_needs_room check (out_of_service_until is null or resource_id is not null)
);
comment on table public.work_orders is 'A maintenance job at a property: location, priority, assignee, status, and an optional out-of-service block.';
-- One order per schedule and due date: the preventive run is idempotent.
create unique index work_orders_schedule_due_key on public.work_orders (schedule_id, due_on) where schedule_id is not null;

create table public.work_order_photos (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  work_order_id uuid not null,
  object_name text not null,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint work_order_photos_object_name_key unique (object_name),
  constraint work_order_photos_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  constraint work_order_photos_work_order_fkey foreign key (property_id, work_order_id)
    references public.work_orders (property_id, id) on delete cascade,
  -- documents/<organization>/<property>/work-orders/<work order>/<file>, no dot segments.
  constraint work_order_photos_object_name_valid check (
    char_length(object_name) <= 1024
    and starts_with(object_name, format('%s/%s/work-orders/%s/', organization_id, property_id, work_order_id))
    and object_name !~ '(^|/)\.\.?(/|$)' and right(object_name, 1) <> '/'
    and split_part(object_name, '/', 6) = ''
  )
);
comment on table public.work_order_photos is 'Photos of a work order: objects of the documents bucket under the order''s folder.';

-- ============================================================================================
-- Indexes
-- ============================================================================================

create index maintenance_schedules_organization_property_idx on public.maintenance_schedules (organization_id, property_id);
create index maintenance_schedules_resource_idx on public.maintenance_schedules (property_id, resource_id);
create index maintenance_schedules_due_idx on public.maintenance_schedules (next_due_on) where active;
create index work_orders_organization_property_idx on public.work_orders (organization_id, property_id, created_at desc);
create index work_orders_property_status_idx on public.work_orders (property_id, status);
create index work_orders_resource_idx on public.work_orders (property_id, resource_id);
create index work_orders_schedule_idx on public.work_orders (property_id, schedule_id);
create index work_orders_assigned_to_idx on public.work_orders (assigned_to);
create index work_orders_created_by_idx on public.work_orders (created_by);
create index work_orders_out_of_service_idx on public.work_orders (out_of_service_id);
create index work_order_photos_organization_idx on public.work_order_photos (organization_id, property_id);
create index work_order_photos_work_order_idx on public.work_order_photos (property_id, work_order_id);
create index work_order_photos_created_by_idx on public.work_order_photos (created_by);

-- ============================================================================================
-- Functions and triggers
-- ============================================================================================

create function private.is_valid_work_order_transition(p_from text, p_to text)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select (p_from = 'open' and p_to in ('assigned', 'cancelled'))
      or (p_from = 'assigned' and p_to in ('open', 'in_progress', 'cancelled'))
      or (p_from = 'in_progress' and p_to in ('on_hold', 'done', 'cancelled'))
      or (p_from = 'on_hold' and p_to in ('in_progress', 'done', 'cancelled'));
$$;

-- Whether a user works at the property with at least p_min_role (for someone else than the caller).
create function private.user_works_at(p_user_id uuid, p_property_id uuid, p_min_role public.org_role)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.properties p
    join public.memberships m on m.organization_id = p.organization_id and m.user_id = p_user_id
    where p.id = p_property_id and m.role >= p_min_role
      and (m.all_properties or m.role >= 'admin'
        or exists (select 1 from public.member_property_access a where a.user_id = p_user_id and a.property_id = p.id))
  );
$$;

-- Ends a block now; a block that has not started yet goes away.
create function private.end_out_of_service(p_block_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  delete from public.resource_out_of_service o where o.id = p_block_id and lower(o.period) >= now();
  update public.resource_out_of_service o set period = tstzrange(lower(o.period), now())
  where o.id = p_block_id and upper(o.period) > now();
end;
$$;

-- Before insert or update, whoever writes: the status flow, the assignee, closing, and the
-- out-of-service block kept in step with out_of_service_until.
create function private.prepare_work_order()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_block public.resource_out_of_service;
begin
  if tg_op = 'INSERT' then
    new.created_by := auth.uid();
    new.closed_at := null;
    new.out_of_service_id := null;
    if new.status not in ('open', 'assigned') then
      raise exception using errcode = 'P0001', message = 'invalid_work_order_transition',
        detail = format('A new work order is open or assigned, not %s.', new.status);
    end if;
    if (new.source = 'preventive') <> (new.schedule_id is not null) then
      raise exception using errcode = '22023', message = 'invalid_work_order_source',
        detail = 'Preventive work orders come from a maintenance schedule, and only they do.';
    end if;
  else
    if old.status in ('done', 'cancelled') then
      raise exception using errcode = 'P0001', message = 'work_order_closed',
        detail = format('This work order is %s and can no longer change.', old.status);
    end if;
    if new.property_id is distinct from old.property_id or new.source is distinct from old.source
       or new.schedule_id is distinct from old.schedule_id or new.created_by is distinct from old.created_by then
      raise exception using errcode = '22023', message = 'work_order_fixed_field',
        detail = 'Property, source, schedule and creator of a work order do not change.';
    end if;
    if new.status is distinct from old.status and not private.is_valid_work_order_transition(old.status, new.status) then
      raise exception using errcode = 'P0001', message = 'invalid_work_order_transition',
        detail = format('A work order cannot go from %s to %s.', old.status, new.status);
    end if;
    new.out_of_service_id := old.out_of_service_id;
    new.closed_at := case when new.status in ('done', 'cancelled') then now() end;
  end if;

  if new.assigned_to is not null and new.assigned_to is distinct from (case when tg_op = 'UPDATE' then old.assigned_to end)
     and not private.user_works_at(new.assigned_to, new.property_id, 'staff') then
    raise exception using errcode = '22023', message = 'invalid_assignee',
      detail = 'Assign the work order to a staff member (or above) who works at this property.';
  end if;
  -- Unassigning an assigned order puts it back in the open pile.
  if tg_op = 'UPDATE' and new.assigned_to is null and old.status = 'assigned' and new.status = 'assigned' then
    new.status := 'open';
  end if;

  -- The out-of-service block.
  if new.out_of_service_id is not null then
    select * into v_block from public.resource_out_of_service o where o.id = new.out_of_service_id;
  end if;
  if new.status in ('done', 'cancelled') then
    -- Closing ends the block now; the requested end stays on the order as history.
    if v_block.id is not null then
      perform private.end_out_of_service(v_block.id);
    end if;
  elsif tg_op = 'INSERT' or new.out_of_service_until is distinct from old.out_of_service_until
        or new.resource_id is distinct from old.resource_id then
    if new.out_of_service_until is not null and new.out_of_service_until <= now() then
      raise exception using errcode = '22023', message = 'invalid_out_of_service_until',
        detail = 'The room can be taken off sale until a moment in the future.';
    end if;
    if new.out_of_service_until is not null and new.resource_id is null then
      raise exception using errcode = '22023', message = 'out_of_service_needs_room',
        detail = 'Only a room (or table, or space) can be taken out of service: choose one.';
    end if;
    if v_block.id is not null and (new.out_of_service_until is null or new.resource_id is distinct from v_block.resource_id
                                   or upper(v_block.period) <= now()) then
      perform private.end_out_of_service(v_block.id);
      v_block := null;
      new.out_of_service_id := null;
    end if;
    if new.out_of_service_until is not null then
      if v_block.id is null then
        insert into public.resource_out_of_service (organization_id, property_id, resource_id, period, reason)
        values (new.organization_id, new.property_id, new.resource_id, tstzrange(now(), new.out_of_service_until),
          left(format('Work order #%s: %s', new.number, new.title), 500))
        returning id into new.out_of_service_id;
      else
        update public.resource_out_of_service o
        set period = tstzrange(lower(o.period), new.out_of_service_until)
        where o.id = v_block.id;
      end if;
    end if;
  end if;
  return new;
end;
$$;

create trigger work_orders_prepare before insert or update on public.work_orders
  for each row execute function private.prepare_work_order();
create trigger work_orders_touch_updated_at before update on public.work_orders
  for each row execute function private.touch_updated_at();
create trigger work_orders_organization_immutable before update on public.work_orders
  for each row execute function private.forbid_organization_change();
create trigger work_orders_audit after insert or update or delete on public.work_orders
  for each row execute function private.record_audit('organization_id');

create trigger maintenance_schedules_touch_updated_at before update on public.maintenance_schedules
  for each row execute function private.touch_updated_at();
create trigger maintenance_schedules_organization_immutable before update on public.maintenance_schedules
  for each row execute function private.forbid_organization_change();
create trigger maintenance_schedules_audit after insert or update or delete on public.maintenance_schedules
  for each row execute function private.record_audit('organization_id');

-- A photo is the uploader's, now.
create function private.prepare_work_order_photo()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.created_by := auth.uid();
  new.created_at := now();
  return new;
end;
$$;

create trigger work_order_photos_prepare before insert on public.work_order_photos
  for each row execute function private.prepare_work_order_photo();
create trigger work_order_photos_touch_updated_at before update on public.work_order_photos
  for each row execute function private.touch_updated_at();
create trigger work_order_photos_organization_immutable before update on public.work_order_photos
  for each row execute function private.forbid_organization_change();
create trigger work_order_photos_audit after insert or update or delete on public.work_order_photos
  for each row execute function private.record_audit('organization_id');

-- Creates the preventive work orders due on or before p_on (default: each property's own local
-- today), one per schedule: the latest due date reached (missed earlier periods are not piled
-- up), and moves each schedule's next due date past that day. Run by the worker's maintenance
-- scheduler (gpu-worker/src/maintenance/) every hour; idempotent, so any number of runs and
-- workers create each order once (the unique index on schedule and due date backs it).
create function private.create_due_preventive_work_orders(p_on date default null)
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_schedule record;
  v_due date;
  v_created integer := 0;
  v_rows integer;
begin
  for v_schedule in
    select s.*, coalesce(p_on, (now() at time zone p.time_zone)::date) as local_day
    from public.maintenance_schedules s
    join public.properties p on p.id = s.property_id
    where s.active and s.next_due_on <= coalesce(p_on, (now() at time zone p.time_zone)::date)
    for update of s skip locked
  loop
    v_due := v_schedule.next_due_on;
    while (v_due + make_interval(months => v_schedule.every_months))::date <= v_schedule.local_day loop
      v_due := (v_due + make_interval(months => v_schedule.every_months))::date;
    end loop;
    insert into public.work_orders (organization_id, property_id, resource_id, area, title, description, priority,
      source, schedule_id, due_on)
    values (v_schedule.organization_id, v_schedule.property_id, v_schedule.resource_id, v_schedule.area,
      v_schedule.title, v_schedule.description, v_schedule.priority, 'preventive', v_schedule.id, v_due)
    on conflict (schedule_id, due_on) where schedule_id is not null do nothing;
    get diagnostics v_rows = row_count;
    v_created := v_created + v_rows;
    update public.maintenance_schedules s
    set next_due_on = (v_due + make_interval(months => v_schedule.every_months))::date
    where s.id = v_schedule.id;
  end loop;
  return v_created;
end;
$$;

-- ============================================================================================
-- Policies
-- ============================================================================================

alter table public.maintenance_schedules enable row level security;
alter table public.work_orders enable row level security;
alter table public.work_order_photos enable row level security;

create policy "members can read maintenance schedules of properties they work in" on public.maintenance_schedules
  for select to authenticated
  using (organization_id in (select private.orgs_with_role_over_all_properties('viewer'))
    or property_id in (select private.listed_properties('viewer')));
create policy "managers can add maintenance schedules" on public.maintenance_schedules
  for insert to authenticated
  with check (organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or property_id in (select private.listed_properties('manager')));
create policy "managers can change maintenance schedules" on public.maintenance_schedules
  for update to authenticated
  using (organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or property_id in (select private.listed_properties('manager')))
  with check (organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or property_id in (select private.listed_properties('manager')));
create policy "managers can remove maintenance schedules" on public.maintenance_schedules
  for delete to authenticated
  using (organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or property_id in (select private.listed_properties('manager')));

create policy "members can read work orders of properties they work in" on public.work_orders
  for select to authenticated
  using (organization_id in (select private.orgs_with_role_over_all_properties('viewer'))
    or property_id in (select private.listed_properties('viewer')));
create policy "staff can raise work orders at properties they work in" on public.work_orders
  for insert to authenticated
  with check (organization_id in (select private.orgs_with_role_over_all_properties('staff'))
    or property_id in (select private.listed_properties('staff')));
create policy "staff can update work orders at properties they work in" on public.work_orders
  for update to authenticated
  using (organization_id in (select private.orgs_with_role_over_all_properties('staff'))
    or property_id in (select private.listed_properties('staff')))
  with check (organization_id in (select private.orgs_with_role_over_all_properties('staff'))
    or property_id in (select private.listed_properties('staff')));

create policy "members can read work order photos of properties they work in" on public.work_order_photos
  for select to authenticated
  using (organization_id in (select private.orgs_with_role_over_all_properties('viewer'))
    or property_id in (select private.listed_properties('viewer')));
create policy "staff can add work order photos" on public.work_order_photos
  for insert to authenticated
  with check (organization_id in (select private.orgs_with_role_over_all_properties('staff'))
    or property_id in (select private.listed_properties('staff')));
create policy "staff can remove work order photos" on public.work_order_photos
  for delete to authenticated
  using (organization_id in (select private.orgs_with_role_over_all_properties('staff'))
    or property_id in (select private.listed_properties('staff')));

-- ============================================================================================
-- Realtime and grants
-- ============================================================================================

alter publication supabase_realtime add table public.work_orders;

revoke all on table public.maintenance_schedules, public.work_orders, public.work_order_photos from anon, authenticated;
grant select, insert, update, delete on table public.maintenance_schedules to authenticated;
grant select, insert, update on table public.work_orders to authenticated;
grant select, insert, delete on table public.work_order_photos to authenticated;

revoke execute on function
  private.is_valid_work_order_transition(text, text),
  private.user_works_at(uuid, uuid, public.org_role),
  private.end_out_of_service(uuid),
  private.prepare_work_order(),
  private.prepare_work_order_photo(),
  private.create_due_preventive_work_orders(date)
from public, anon, authenticated;
grant execute on function private.create_due_preventive_work_orders(date) to service_role;
