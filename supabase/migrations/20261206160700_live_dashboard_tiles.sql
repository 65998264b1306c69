-- Live dashboard tiles pushed from the database (issue 15, item 3; decision 027). Twenty open
-- dashboards that each re-read their whole page on every change cost twenty reads per change; a
-- property's "today" figures are the same for every reader, so they are worked out once, after
-- commit, and broadcast to the property's private Realtime topic.
--
-- - A change to what the tiles count (bookings, orders, order lines, folio entries, rooms and
--   their out-of-service periods) notifies `roost_dashboard` with the property's id. pg_notify is
--   delivered at commit (never for a rolled-back transaction) and folds repeats of one
--   transaction into one.
-- - The worker's dashboard publisher listens, coalesces per property (at most one read per
--   quarter second, and always one after the last change), reads
--   `private.dashboard_live_tiles(property)` as the owner and sends it with `realtime.send` to
--   the private topic `dashboard:<property id>` (event `kpis`).
-- - `dashboard:<id>` is read by the members who may read the property (as `property:<id>`,
--   20261122003000_realtime_topics.sql) and written by nobody but the database: on
--   `property:<id>` any staff member may broadcast, so a forged "kpis" there would reach a
--   manager's screen. (A topic of its own also keeps it apart from the presence channel that the
--   browser client shares per topic.)

create function private.notify_dashboard_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op <> 'DELETE' then
    perform pg_notify('roost_dashboard', new.property_id::text);
  end if;
  if tg_op = 'DELETE' or (tg_op = 'UPDATE' and old.property_id is distinct from new.property_id) then
    perform pg_notify('roost_dashboard', old.property_id::text);
  end if;
  return null;
end;
$$;
revoke execute on function private.notify_dashboard_change() from public, anon, authenticated;

create trigger bookings_notify_dashboard after insert or update or delete on public.bookings
  for each row execute function private.notify_dashboard_change();
create trigger orders_notify_dashboard after insert or update or delete on public.orders
  for each row execute function private.notify_dashboard_change();
create trigger order_items_notify_dashboard after insert or update or delete on public.order_items
  for each row execute function private.notify_dashboard_change();
create trigger folio_entries_notify_dashboard after insert or update or delete on public.folio_entries
  for each row execute function private.notify_dashboard_change();
create trigger resources_notify_dashboard after insert or update or delete on public.resources
  for each row execute function private.notify_dashboard_change();
create trigger resource_out_of_service_notify_dashboard after insert or update or delete
  on public.resource_out_of_service
  for each row execute function private.notify_dashboard_change();

-- The tiles of a property's today (its own time zone): the same functions the page reads, run by
-- the owner (no RLS: the whole property, as every member allowed on the topic sees it on the
-- page). Null for a property that no longer exists.
create function private.dashboard_live_tiles(p_property_id uuid)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  v_today date;
begin
  select (now() at time zone p.time_zone)::date into v_today from public.properties p where p.id = p_property_id;
  if not found then
    return null;
  end if;
  return jsonb_build_object(
    'property_id', p_property_id,
    'day', v_today,
    'today', (select to_jsonb(k) from public.property_daily_kpis(p_property_id, v_today, v_today) k),
    'stations', coalesce((select jsonb_agg(to_jsonb(s) order by s.station_name)
      from public.property_service_kpis(p_property_id, v_today) s), '[]'::jsonb),
    'open_orders', coalesce((select jsonb_agg(to_jsonb(o))
      from public.property_open_orders(p_property_id) o), '[]'::jsonb));
end;
$$;
revoke execute on function private.dashboard_live_tiles(uuid) from public, anon, authenticated;
comment on function private.dashboard_live_tiles(uuid) is
  'Today''s dashboard tiles of a property (daily KPIs, stations, open orders), for the worker''s publisher.';

-- ============================================================================================
-- Who may listen to dashboard:<property id>
-- ============================================================================================

create function private.can_listen_to_dashboard_topic(p_topic text)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if p_topic is null or p_topic !~ '^dashboard:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return false;
  end if;
  return private.can_access_property(substr(p_topic, 11)::uuid, 'viewer');
end;
$$;
revoke execute on function private.can_listen_to_dashboard_topic(text) from public, anon;
grant execute on function private.can_listen_to_dashboard_topic(text) to authenticated, service_role;

-- Read only: no insert policy names these topics, so no browser can send on them.
create policy "members can listen to the dashboards of their properties" on realtime.messages
  for select to authenticated
  using (private.can_listen_to_dashboard_topic((select realtime.topic())));
