-- The bell's live pushes (decision 045). The bell used to hear every row of the user's
-- notifications through postgres_changes: at a busy property (bench/dashboards' 25 bookings a
-- second) each open screen of each member got 25 messages a second and redrew for each. Now a
-- change of a user's notifications notifies `roost_bell` at commit with the user's id; the worker's
-- bell publisher reads the user's bell at most once a second (`private.bell_of`) and sends it
-- with realtime.send to the private topic `bell:<user id>`, which only that user may listen to.
-- public.notifications stays in supabase_realtime for clients that want the rows themselves.

-- At commit, once per user and transaction (PostgreSQL folds repeated payloads): a notification
-- was added, read or removed.
create function private.notify_bell()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform pg_notify('roost_bell', coalesce(new.user_id, old.user_id)::text);
  return null;
end;
$$;

create trigger notifications_notify_bell after insert or update or delete on public.notifications
  for each row execute function private.notify_bell();

-- What the bell shows, as /resources/notifications answers it: the newest 20 and the unread count.
create function private.bell_of(p_user_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'unread', (select count(*) from public.notifications n where n.user_id = p_user_id and n.read_at is null),
    'notifications', coalesce((
      select jsonb_agg(to_jsonb(newest) order by newest.created_at desc)
      from (
        select n.id, n.event, n.title, n.body, n.link, n.created_at, n.read_at
        from public.notifications n
        where n.user_id = p_user_id
        order by n.created_at desc
        limit 20
      ) newest), '[]'::jsonb));
$$;

-- A user listens to their own bell; nobody else can, and no policy lets a browser send there.
create policy "users listen to their own bell" on realtime.messages
  for select to authenticated
  using ((select realtime.topic()) = 'bell:' || (select auth.uid())::text);

revoke execute on function private.notify_bell() from public, anon, authenticated;
revoke execute on function private.bell_of(uuid) from public, anon, authenticated;
grant execute on function private.bell_of(uuid) to service_role;
