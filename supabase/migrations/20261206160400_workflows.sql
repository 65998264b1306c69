-- Workflows (issue 17 item 2, decision 031): per property, a trigger (booking created, modified,
-- cancelled, N hours before arrival, N hours after departure, marked no-show, order ready) × an
-- action (email the guest, the property's managers or an address; call a webhook) with a template.
--
-- What a workflow sends is a row of private.workflow_sends, written by triggers in the same
-- transaction as the change that causes it: an immediate event is due now, a reminder is due at
-- the booking's arrival minus N hours (or departure plus N hours). The booking's period already is
-- the property's check-in time on the arrival date in the property's time zone (and check-out
-- time on the departure date), so "N hours before arrival" is exact across DST changes: N real
-- hours before that instant. A booking that moves moves its pending reminders (same row, new
-- due_at); a cancelled or no-show booking cancels them. The worker (gpu-worker/src/workflows/)
-- claims a due row with FOR UPDATE SKIP LOCKED, renders it and queues the mail into
-- private.mail_outbox and marks the row sent in ONE transaction: a worker killed mid-send rolls
-- all of it back and the row is claimed again, so nothing is queued twice.
--
-- Consent: post_stay_thank_you is marketing, sent to a guest only with guests.marketing_consent
-- (checked at send time). Every marketing mail carries an unsubscribe link with a signed token
-- (HMAC of the guest id with a secret kept in private.workflow_secrets); the public page calls
-- public.unsubscribe_marketing(token), which withdraws consent (the guests audit trigger records
-- the opt-out, so the guest directory's consent history shows it).
--
-- Every property gets three built-in workflows (confirmation on create, modification,
-- cancellation), which managers may pause but not delete.

-- ============================================================================================
-- Types
-- ============================================================================================

create type public.workflow_trigger as enum (
  'booking_created', 'booking_modified', 'booking_cancelled', 'before_arrival', 'after_departure',
  'booking_no_show', 'order_ready'
);
create type public.workflow_action as enum ('email_guest', 'email_staff', 'email_address', 'webhook');

-- ============================================================================================
-- Tables
-- ============================================================================================

create table public.workflows (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  name text not null,
  trigger public.workflow_trigger not null,
  -- Hours before arrival / after departure; 0 for the immediate triggers.
  offset_hours integer not null default 0,
  action public.workflow_action not null default 'email_guest',
  recipient_email extensions.citext,
  -- The organization's webhook endpoint (decision 030) the webhook action posts to.
  webhook_endpoint_id uuid references private.webhook_endpoints (id) on delete cascade,
  template text not null,
  active boolean not null default true,
  -- The property's default confirmations: may be paused, never deleted.
  built_in boolean not null default false,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint workflows_organization_id_id_key unique (organization_id, id),
  constraint workflows_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  constraint workflows_name_length check (char_length(name) between 1 and 120 and name = btrim(name)),
  constraint workflows_template_known check (template in ('booking_confirmation', 'booking_modified',
    'booking_cancelled', 'pre_arrival_reminder', 'post_stay_thank_you', 'booking_receipt', 'order_ready')),
  constraint workflows_offset_range check (
    case when trigger in ('before_arrival', 'after_departure') then offset_hours between 1 and 720
    else offset_hours = 0 end
  ),
  constraint workflows_recipient_email check (
    (action = 'email_address') = (recipient_email is not null)
    and (recipient_email is null or private.is_email(recipient_email::text))
  ),
  constraint workflows_webhook_endpoint check ((action = 'webhook') = (webhook_endpoint_id is not null))
);
comment on table public.workflows is 'A property''s automated message: a trigger, an action and a template.';

-- A secret for unsubscribe tokens, made when the migration runs; never leaves the database.
create table private.workflow_secrets (
  id boolean primary key default true check (id),
  unsubscribe_key bytea not null default extensions.gen_random_bytes(32)
);
insert into private.workflow_secrets default values;

-- What workflows sent or will send: the schedule and the log.
create table private.workflow_sends (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  property_id uuid not null references public.properties (id) on delete cascade,
  workflow_id uuid references public.workflows (id) on delete set null,
  -- A snapshot, so the log reads the same after the workflow is changed or deleted.
  workflow_name text not null,
  trigger public.workflow_trigger not null,
  action public.workflow_action not null,
  template text not null,
  booking_id uuid references public.bookings (id) on delete set null,
  order_id uuid references public.orders (id) on delete set null,
  -- event: born of a change; scheduled: a reminder (moved with its booking); test: a test-send.
  kind text not null,
  due_at timestamptz not null default now(),
  status text not null default 'scheduled',
  -- Test sends go to whoever asked; else resolved when sent.
  recipient text,
  requested_by uuid references auth.users (id) on delete set null,
  reason text,
  mail_ids uuid[] not null default '{}',
  attempts integer not null default 0,
  last_error text,
  sent_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint workflow_sends_kind_valid check (kind in ('event', 'scheduled', 'test')),
  constraint workflow_sends_status_valid check (status in ('scheduled', 'sent', 'skipped', 'cancelled', 'failed')),
  constraint workflow_sends_sent_at check ((status = 'sent') = (sent_at is not null))
);
comment on table private.workflow_sends is 'Every send of every workflow: due, sent, skipped (and why), cancelled or failed.';

create unique index workflow_sends_one_pending_reminder on private.workflow_sends (workflow_id, booking_id)
  where kind = 'scheduled' and status = 'scheduled';
create index workflow_sends_due_idx on private.workflow_sends (due_at) where status = 'scheduled';
create index workflow_sends_property_log_idx on private.workflow_sends (property_id, created_at desc);
create index workflow_sends_organization_idx on private.workflow_sends (organization_id);
create index workflow_sends_workflow_idx on private.workflow_sends (workflow_id);
create index workflow_sends_booking_idx on private.workflow_sends (booking_id);
create index workflow_sends_order_idx on private.workflow_sends (order_id);
create index workflow_sends_requested_by_idx on private.workflow_sends (requested_by);

create index workflows_organization_property_idx on public.workflows (organization_id, property_id);
create index workflows_property_trigger_idx on public.workflows (property_id, trigger) where active;
create index workflows_created_by_idx on public.workflows (created_by);
create index workflows_webhook_endpoint_idx on public.workflows (webhook_endpoint_id);

-- ============================================================================================
-- Helper functions
-- ============================================================================================

create function private.is_marketing_template(p_template text)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select p_template = 'post_stay_thank_you';
$$;

-- When a reminder of this workflow is due for a booking of this period.
create function private.workflow_due_at(p_workflow public.workflows, p_period tstzrange)
returns timestamptz
language sql
immutable
set search_path = ''
as $$
  select case p_workflow.trigger
    when 'before_arrival' then lower(p_period) - make_interval(hours => p_workflow.offset_hours)
    when 'after_departure' then upper(p_period) + make_interval(hours => p_workflow.offset_hours)
  end;
$$;

-- Wakes the worker at commit (a rolled-back transaction wakes nothing).
create function private.notify_workflow_sends()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform pg_notify('roost_workflow_sends', '');
  return null;
end;
$$;

-- Brings one booking's pending reminders in line with its status and period: each active
-- reminder workflow has one pending row at the right instant while that instant is ahead and the
-- booking is live; otherwise none.
create function private.schedule_booking_reminders(p_booking public.bookings)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_workflow public.workflows;
  v_due timestamptz;
  v_live boolean;
begin
  for v_workflow in
    select * from public.workflows w
    where w.property_id = p_booking.property_id and w.trigger in ('before_arrival', 'after_departure')
  loop
    v_due := private.workflow_due_at(v_workflow, p_booking.period);
    v_live := v_workflow.active and v_due > now() and (
      p_booking.status in ('confirmed', 'checked_in')
      or (v_workflow.trigger = 'after_departure' and p_booking.status = 'checked_out')
    );
    if v_live then
      insert into private.workflow_sends (organization_id, property_id, workflow_id, workflow_name, trigger, action,
        template, booking_id, kind, due_at)
      values (p_booking.organization_id, p_booking.property_id, v_workflow.id, v_workflow.name, v_workflow.trigger,
        v_workflow.action, v_workflow.template, p_booking.id, 'scheduled', v_due)
      on conflict (workflow_id, booking_id) where kind = 'scheduled' and status = 'scheduled'
      do update set due_at = excluded.due_at, workflow_name = excluded.workflow_name, action = excluded.action,
        template = excluded.template, updated_at = now();
    else
      update private.workflow_sends s
      set status = 'cancelled', updated_at = now(),
        reason = case
          when not v_workflow.active then 'workflow_paused'
          when p_booking.status in ('cancelled', 'no_show') then 'booking_' || p_booking.status::text
          else 'due_time_passed' end
      where s.workflow_id = v_workflow.id and s.booking_id = p_booking.id and s.kind = 'scheduled'
        and s.status = 'scheduled';
    end if;
  end loop;
end;
$$;

-- Queues the immediate sends of the property's active workflows for this trigger.
create function private.fire_workflows(
  p_property_id uuid,
  p_trigger public.workflow_trigger,
  p_booking_id uuid,
  p_order_id uuid
)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into private.workflow_sends (organization_id, property_id, workflow_id, workflow_name, trigger, action,
    template, booking_id, order_id, kind)
  select w.organization_id, w.property_id, w.id, w.name, w.trigger, w.action, w.template, p_booking_id, p_order_id,
    'event'
  from public.workflows w
  where w.property_id = p_property_id and w.trigger = p_trigger and w.active;
end;
$$;

-- ============================================================================================
-- Triggers
-- ============================================================================================

-- A booking is "created" when it becomes confirmed (a hold is not yet a booking to confirm),
-- "cancelled" when a confirmed booking is (an expired hold is not), "modified" when a live
-- booking's room, period or party changes.
create function private.bookings_fire_workflows()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    if new.status in ('confirmed', 'checked_in') then
      perform private.fire_workflows(new.property_id, 'booking_created', new.id, null);
    end if;
  elsif new.status is distinct from old.status then
    if old.status = 'held' and new.status in ('confirmed', 'checked_in') then
      perform private.fire_workflows(new.property_id, 'booking_created', new.id, null);
    elsif new.status = 'cancelled' and old.status <> 'held' then
      perform private.fire_workflows(new.property_id, 'booking_cancelled', new.id, null);
    elsif new.status = 'no_show' then
      perform private.fire_workflows(new.property_id, 'booking_no_show', new.id, null);
    end if;
  elsif new.status in ('confirmed', 'checked_in') and (new.period is distinct from old.period
      or new.resource_id is distinct from old.resource_id or new.party_size is distinct from old.party_size) then
    perform private.fire_workflows(new.property_id, 'booking_modified', new.id, null);
  end if;
  if tg_op = 'INSERT' or new.status is distinct from old.status or new.period is distinct from old.period then
    perform private.schedule_booking_reminders(new);
  end if;
  return null;
end;
$$;

create trigger bookings_fire_workflows after insert or update of status, period, resource_id, party_size
  on public.bookings for each row execute function private.bookings_fire_workflows();

create function private.orders_fire_workflows()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.status = 'ready' and old.status is distinct from 'ready' then
    perform private.fire_workflows(new.property_id, 'order_ready', new.booking_id, new.id);
  end if;
  return null;
end;
$$;

create trigger orders_fire_workflows after update of status on public.orders
  for each row execute function private.orders_fire_workflows();

-- A reminder workflow that is created, changed, paused or resumed reschedules the property's
-- bookings still ahead; a workflow that stops being a reminder cancels its pending rows.
create function private.workflows_reschedule()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_booking public.bookings;
begin
  if tg_op = 'UPDATE' and old.trigger in ('before_arrival', 'after_departure')
     and new.trigger not in ('before_arrival', 'after_departure') then
    update private.workflow_sends s set status = 'cancelled', reason = 'workflow_changed', updated_at = now()
    where s.workflow_id = new.id and s.kind = 'scheduled' and s.status = 'scheduled';
  end if;
  if new.trigger in ('before_arrival', 'after_departure') then
    for v_booking in
      select * from public.bookings b
      where b.property_id = new.property_id and b.status in ('confirmed', 'checked_in', 'checked_out')
        and upper(b.period) > now() - interval '31 days'
    loop
      perform private.schedule_booking_reminders(v_booking);
    end loop;
  end if;
  return null;
end;
$$;

create trigger workflows_reschedule after insert or update of trigger, offset_hours, active, template, action, name
  on public.workflows for each row execute function private.workflows_reschedule();

-- Security invoker on purpose: current_user is the API role for a user's delete, the table's
-- owner for the cascade of a deleted property.
create function private.workflows_keep_built_in()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if old.built_in and current_user in ('authenticated', 'anon') then
    -- raise_error is not for API roles; the same shape by hand.
    raise exception using errcode = 'P0001', message = 'built_in_workflow',
      detail = 'A built-in workflow can be paused, not deleted.';
  end if;
  return old;
end;
$$;

create trigger workflows_keep_built_in before delete on public.workflows
  for each row execute function private.workflows_keep_built_in();

-- The webhook endpoint must be one of the workflow's organization (endpoint ids are not secret).
create function private.workflows_check_endpoint()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.webhook_endpoint_id is not null and not exists (
    select 1 from private.webhook_endpoints e
    where e.id = new.webhook_endpoint_id and e.organization_id = new.organization_id
  ) then
    raise exception using errcode = 'PT404', message = 'webhook_endpoint_not_found',
      detail = 'No such webhook endpoint in this organization.';
  end if;
  return new;
end;
$$;

create trigger workflows_check_endpoint before insert or update of webhook_endpoint_id on public.workflows
  for each row execute function private.workflows_check_endpoint();

create trigger workflows_touch_updated_at before update on public.workflows
  for each row execute function private.touch_updated_at();
create trigger workflows_organization_immutable before update on public.workflows
  for each row execute function private.forbid_organization_change();
create trigger workflows_audit after insert or update or delete on public.workflows
  for each row execute function private.record_audit('organization_id');
create trigger workflow_sends_notify after insert on private.workflow_sends
  for each statement execute function private.notify_workflow_sends();

-- Every property has the three confirmations from the start.
create function private.create_built_in_workflows()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.workflows (organization_id, property_id, name, trigger, template, built_in)
  values
    (new.organization_id, new.id, 'Booking confirmation', 'booking_created', 'booking_confirmation', true),
    (new.organization_id, new.id, 'Booking changed', 'booking_modified', 'booking_modified', true),
    (new.organization_id, new.id, 'Booking cancelled', 'booking_cancelled', 'booking_cancelled', true);
  return null;
end;
$$;

create trigger properties_built_in_workflows after insert on public.properties
  for each row execute function private.create_built_in_workflows();

insert into public.workflows (organization_id, property_id, name, trigger, template, built_in)
select p.organization_id, p.id, d.name, d.trigger::public.workflow_trigger, d.template, true
from public.properties p
cross join (values
  ('Booking confirmation', 'booking_created', 'booking_confirmation'),
  ('Booking changed', 'booking_modified', 'booking_modified'),
  ('Booking cancelled', 'booking_cancelled', 'booking_cancelled')
) d (name, trigger, template);

-- ============================================================================================
-- Unsubscribe tokens
-- ============================================================================================

-- '<guest id>.<first 32 hex digits of HMAC-SHA256(guest id)>'
create function private.unsubscribe_token(p_guest_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select p_guest_id::text || '.' || left(encode(extensions.hmac(convert_to(p_guest_id::text, 'UTF8'), s.unsubscribe_key, 'sha256'), 'hex'), 32)
  from private.workflow_secrets s;
$$;

-- The public unsubscribe page: withdraws the guest's marketing consent. Answers the
-- organization's name (for the page); a token that is not ours is invalid_token.
create function public.unsubscribe_marketing(p_token text)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_guest_id uuid;
  v_org text;
begin
  perform private.check_input(p_token is not null and p_token ~ '^[0-9a-f-]{36}\.[0-9a-f]{32}$', 'invalid_token',
    'This unsubscribe link is not valid.');
  v_guest_id := split_part(p_token, '.', 1)::uuid;
  perform private.check_input(private.unsubscribe_token(v_guest_id) = p_token, 'invalid_token',
    'This unsubscribe link is not valid.');
  update public.guests g set marketing_consent = false, marketing_consent_at = null
  where g.id = v_guest_id and g.marketing_consent;
  select o.name into v_org from public.guests g join public.organizations o on o.id = g.organization_id
  where g.id = v_guest_id;
  if v_org is null then
    perform private.raise_error('guest_not_found', 'This guest no longer exists.', 'P0002');
  end if;
  return v_org;
end;
$$;

-- ============================================================================================
-- RPCs of the portal
-- ============================================================================================

-- Queues a test of the workflow to the caller's own address with the property's latest booking
-- (the template's sample data when there is none). Managers of the property.
create function public.request_workflow_test_send(p_workflow_id uuid)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
  v_workflow public.workflows;
  v_email text;
  v_id uuid;
begin
  perform private.check_input(p_workflow_id is not null, 'invalid_workflow_id', 'Workflow id is required.');
  select * into v_workflow from public.workflows w where w.id = p_workflow_id;
  perform private.require_property_role(v_workflow.property_id, 'manager', 'workflow_not_found',
    'No such workflow, or you do not manage its property.');
  select u.email into v_email from auth.users u where u.id = v_user;
  perform private.check_input(private.is_email(v_email), 'no_email_address', 'Your account has no email address.');
  insert into private.workflow_sends (organization_id, property_id, workflow_id, workflow_name, trigger, action,
    template, booking_id, kind, recipient, requested_by)
  values (v_workflow.organization_id, v_workflow.property_id, v_workflow.id, v_workflow.name, v_workflow.trigger,
    v_workflow.action, v_workflow.template,
    (select b.id from public.bookings b where b.property_id = v_workflow.property_id and b.status <> 'held'
     order by b.created_at desc limit 1),
    'test', v_email, v_user)
  returning id into v_id;
  return v_id;
end;
$$;

-- The send log of a property, newest first (paginate with PostgREST's range). Managers.
create function public.workflow_send_log(p_property_id uuid)
returns table (
  id uuid,
  workflow_id uuid,
  workflow_name text,
  trigger public.workflow_trigger,
  action public.workflow_action,
  template text,
  kind text,
  status text,
  due_at timestamptz,
  sent_at timestamptz,
  recipient text,
  reason text,
  booking_id uuid,
  booking_reference text,
  created_at timestamptz
)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform private.check_input(p_property_id is not null, 'invalid_property_id', 'Property id is required.');
  perform private.require_property_role(p_property_id, 'manager', 'property_not_found',
    'No such property, or you do not manage it.');
  return query
    select s.id, s.workflow_id, s.workflow_name, s.trigger, s.action, s.template, s.kind, s.status, s.due_at,
      s.sent_at, s.recipient, s.reason, s.booking_id, b.reference, s.created_at
    from private.workflow_sends s
    left join public.bookings b on b.id = s.booking_id
    where s.property_id = p_property_id
    order by coalesce(s.sent_at, s.due_at) desc, s.created_at desc;
end;
$$;

-- ============================================================================================
-- Policies
-- ============================================================================================

alter table public.workflows enable row level security;

create policy "managers can read workflows of properties they manage" on public.workflows
  for select to authenticated
  using (organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or property_id in (select private.listed_properties('manager')));
create policy "managers can add workflows to properties they manage" on public.workflows
  for insert to authenticated
  with check ((organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or property_id in (select private.listed_properties('manager'))) and not built_in);
create policy "managers can change workflows of properties they manage" on public.workflows
  for update to authenticated
  using (organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or property_id in (select private.listed_properties('manager')))
  with check (organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or property_id in (select private.listed_properties('manager')));
create policy "managers can remove workflows of properties they manage" on public.workflows
  for delete to authenticated
  using (organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or property_id in (select private.listed_properties('manager')));

-- ============================================================================================
-- Grants
-- ============================================================================================

revoke all on table public.workflows from anon, authenticated;
grant select, delete on table public.workflows to authenticated;
grant insert (property_id, organization_id, name, trigger, offset_hours, action, recipient_email,
  webhook_endpoint_id, template, active) on table public.workflows to authenticated;
grant update (name, trigger, offset_hours, action, recipient_email, webhook_endpoint_id, template, active)
  on table public.workflows to authenticated;
revoke all on table private.workflow_sends, private.workflow_secrets from public, anon, authenticated;

revoke execute on function
  private.is_marketing_template(text),
  private.workflow_due_at(public.workflows, tstzrange),
  private.notify_workflow_sends(),
  private.schedule_booking_reminders(public.bookings),
  private.fire_workflows(uuid, public.workflow_trigger, uuid, uuid),
  private.bookings_fire_workflows(),
  private.orders_fire_workflows(),
  private.workflows_reschedule(),
  private.workflows_keep_built_in(),
  private.workflows_check_endpoint(),
  private.create_built_in_workflows(),
  private.unsubscribe_token(uuid)
from public, anon, authenticated;
revoke execute on function public.unsubscribe_marketing(text) from public;
grant execute on function public.unsubscribe_marketing(text) to anon, authenticated;
revoke execute on function public.request_workflow_test_send(uuid), public.workflow_send_log(uuid)
  from public, anon;
grant execute on function public.request_workflow_test_send(uuid), public.workflow_send_log(uuid) to authenticated;
