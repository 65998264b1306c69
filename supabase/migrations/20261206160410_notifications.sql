-- In-app notifications (issue 17 item 4, decision 031): the staff of a property hear of a new
-- booking, a cancellation, a no-show or an order ready, and whoever started a job hears that it
-- finished. Rows are written by triggers in the transaction of the change (never by clients),
-- belong to one user (RLS: each user reads only their own; no organization column: a
-- notification is the user's, not a tenant's record), and are in supabase_realtime, so the
-- web app's bell hears them live. Who is told: members of the property's organization with the
-- staff role or higher who work in that property, except the one who made the change.
-- Preferences per user and event: in-app (default on) and email (default off); an email is
-- queued into the mail outbox in the same transaction.

create type public.notification_event as enum (
  'booking_created', 'booking_cancelled', 'booking_no_show', 'order_ready', 'job_finished'
);

create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  property_id uuid references public.properties (id) on delete cascade,
  event public.notification_event not null,
  title text not null,
  body text not null default '',
  -- A path in the web app (starts with /).
  link text,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  constraint notifications_title_length check (char_length(title) between 1 and 200),
  constraint notifications_body_length check (char_length(body) <= 1000),
  constraint notifications_link_path check (link is null or (link ~ '^/[^/]' and char_length(link) <= 500))
);
comment on table public.notifications is 'What a user is told in the app: one row per user and event; read_at once read.';

create index notifications_user_created_idx on public.notifications (user_id, created_at desc);
create index notifications_user_unread_idx on public.notifications (user_id) where read_at is null;
create index notifications_property_idx on public.notifications (property_id);

create table public.notification_preferences (
  user_id uuid not null references auth.users (id) on delete cascade,
  event public.notification_event not null,
  in_app boolean not null default true,
  email boolean not null default false,
  updated_at timestamptz not null default now(),
  primary key (user_id, event)
);
comment on table public.notification_preferences is 'A user''s choice per event: in the app, by email. No row: in the app only.';

-- ============================================================================================
-- Functions
-- ============================================================================================

-- Tells the users (by their preferences); the actor is never told of their own change.
create function private.notify_users(
  p_users uuid[],
  p_property_id uuid,
  p_event public.notification_event,
  p_title text,
  p_body text,
  p_link text
)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user record;
begin
  for v_user in
    select u.id, u.email::text as email, coalesce(np.in_app, true) as in_app, coalesce(np.email, false) as by_email
    from auth.users u
    left join public.notification_preferences np on np.user_id = u.id and np.event = p_event
    where u.id = any (p_users) and u.id is distinct from auth.uid()
  loop
    if v_user.in_app then
      insert into public.notifications (user_id, property_id, event, title, body, link)
      values (v_user.id, p_property_id, p_event, left(p_title, 200), left(coalesce(p_body, ''), 1000), p_link);
    end if;
    if v_user.by_email and private.is_email(v_user.email) then
      perform private.enqueue_mail(v_user.email, left(p_title, 998), null,
        p_title || E'\n\n' || coalesce(p_body, '') || E'\n\nChange what you are told: /account/notifications',
        null, 'notification', jsonb_build_object('event', p_event::text));
    end if;
  end loop;
end;
$$;

-- Members with the staff role or higher who work in the property.
create function private.property_staff(p_property_id uuid)
returns uuid[]
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(array_agg(m.user_id), '{}')
  from public.properties p
  join public.memberships m on m.organization_id = p.organization_id
  where p.id = p_property_id and m.role >= 'staff'
    and (m.all_properties or m.role >= 'admin' or exists (
      select 1 from public.member_property_access a where a.user_id = m.user_id and a.property_id = p.id));
$$;

create function private.bookings_notify_staff()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_event public.notification_event;
  v_title text;
  v_body text;
  v_slug text;
begin
  if tg_op = 'INSERT' then
    if new.status in ('confirmed', 'checked_in') then v_event := 'booking_created'; end if;
  elsif new.status is distinct from old.status then
    if old.status = 'held' and new.status in ('confirmed', 'checked_in') then v_event := 'booking_created';
    elsif new.status = 'cancelled' and old.status <> 'held' then v_event := 'booking_cancelled';
    elsif new.status = 'no_show' then v_event := 'booking_no_show';
    end if;
  end if;
  if v_event is null then
    return null;
  end if;
  select o.slug into v_slug from public.organizations o where o.id = new.organization_id;
  v_title := case v_event
    when 'booking_created' then 'New booking ' || new.reference
    when 'booking_cancelled' then 'Booking ' || new.reference || ' cancelled'
    else 'Booking ' || new.reference || ' marked no-show' end;
  select concat_ws(' · ', g.full_name, r.name,
      to_char(new.arrival_date, 'DD Mon') || ' – ' || to_char(new.departure_date, 'DD Mon YYYY'))
  into v_body
  from public.resources r left join public.guests g on g.id = new.guest_id
  where r.id = new.resource_id;
  perform private.notify_users(private.property_staff(new.property_id), new.property_id, v_event, v_title, v_body,
    format('/o/%s/p/%s/bookings/%s', v_slug, new.property_id, new.id));
  return null;
end;
$$;

create trigger bookings_notify_staff after insert or update of status on public.bookings
  for each row execute function private.bookings_notify_staff();

create function private.orders_notify_staff()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_slug text;
  v_where text;
begin
  if new.status = 'ready' and old.status is distinct from 'ready' then
    select o.slug into v_slug from public.organizations o where o.id = new.organization_id;
    select coalesce(r.name, new.guest_name, initcap(new.kind::text)) into v_where
    from (select 1) one left join public.resources r on r.id = new.table_resource_id;
    perform private.notify_users(private.property_staff(new.property_id), new.property_id, 'order_ready',
      'Order ready: ' || v_where, 'Total ' || to_char(new.total_minor / 100.0, 'FM999999990.00') || ' ' || new.currency,
      format('/o/%s/p/%s/pos', v_slug, new.property_id));
  end if;
  return null;
end;
$$;

create trigger orders_notify_staff after update of status on public.orders
  for each row execute function private.orders_notify_staff();

-- Whoever started a job hears when it is done (jobs are written by the worker, so there is no
-- actor to leave out).
create function private.jobs_notify_creator()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_slug text;
begin
  if new.created_by is not null and new.status in ('succeeded', 'failed', 'dead')
     and old.status not in ('succeeded', 'failed', 'dead') then
    select o.slug into v_slug from public.organizations o where o.id = new.organization_id;
    perform private.notify_users(array[new.created_by], new.property_id, 'job_finished',
      case new.status when 'succeeded' then 'Job finished: ' else 'Job failed: ' end || replace(new.kind, '_', ' '),
      coalesce(new.error ->> 'message', ''), format('/o/%s/jobs', v_slug));
  end if;
  return null;
end;
$$;

create trigger jobs_notify_creator after update of status on public.jobs
  for each row execute function private.jobs_notify_creator();

-- Marks the caller's notifications read: those listed, or all of them when p_ids is null.
-- Answers how many changed.
create function public.mark_notifications_read(p_ids uuid[] default null)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
  v_count integer;
begin
  perform private.check_input(p_ids is null or (cardinality(p_ids) <= 500 and array_position(p_ids, null) is null),
    'invalid_notification_ids', 'Give at most 500 notification ids, none of them null.');
  update public.notifications n set read_at = now()
  where n.user_id = v_user and n.read_at is null and (p_ids is null or n.id = any (p_ids));
  get diagnostics v_count = row_count;
  return v_count;
end;
$$;

-- ============================================================================================
-- Policies, Realtime, grants
-- ============================================================================================

alter table public.notifications enable row level security;
alter table public.notification_preferences enable row level security;

create policy "users read their own notifications" on public.notifications
  for select to authenticated using (user_id = (select auth.uid()));

create policy "users read their own notification preferences" on public.notification_preferences
  for select to authenticated using (user_id = (select auth.uid()));
create policy "users add their own notification preferences" on public.notification_preferences
  for insert to authenticated with check (user_id = (select auth.uid()));
create policy "users change their own notification preferences" on public.notification_preferences
  for update to authenticated using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "users remove their own notification preferences" on public.notification_preferences
  for delete to authenticated using (user_id = (select auth.uid()));

alter publication supabase_realtime add table public.notifications;

revoke all on table public.notifications, public.notification_preferences from anon, authenticated;
grant select on table public.notifications to authenticated;
grant select, insert, update, delete on table public.notification_preferences to authenticated;

revoke execute on function
  private.notify_users(uuid[], uuid, public.notification_event, text, text, text),
  private.property_staff(uuid),
  private.bookings_notify_staff(),
  private.orders_notify_staff(),
  private.jobs_notify_creator()
from public, anon, authenticated;
revoke execute on function public.mark_notifications_read(uuid[]) from public, anon;
grant execute on function public.mark_notifications_read(uuid[]) to authenticated;
