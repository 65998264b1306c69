-- Live dashboards without a row stream per page (decision 027, amended 2026-12-06). A booking's
-- notification now names the days its stay covers, "<property id> <arrival> <departure>" (old and
-- new stay for a move), so the worker's publisher can tell the open dashboards in its push which
-- days changed. A page then re-reads its charts only for a push that touches the days it shows,
-- and no longer subscribes to every booking, order, order line and folio entry of the property
-- (twenty pages under fifty writes a second received a thousand row messages a second).
-- Other tables keep notifying the bare property id: they move only today's tiles.

create or replace function private.notify_dashboard_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_table_name = 'bookings' then
    if tg_op <> 'DELETE' then
      perform pg_notify('roost_dashboard', concat_ws(' ', new.property_id,
        to_char(new.arrival_date, 'YYYY-MM-DD'), to_char(new.departure_date, 'YYYY-MM-DD')));
    end if;
    if tg_op = 'DELETE' or (tg_op = 'UPDATE' and (old.property_id, old.arrival_date, old.departure_date)
        is distinct from (new.property_id, new.arrival_date, new.departure_date)) then
      perform pg_notify('roost_dashboard', concat_ws(' ', old.property_id,
        to_char(old.arrival_date, 'YYYY-MM-DD'), to_char(old.departure_date, 'YYYY-MM-DD')));
    end if;
    return null;
  end if;
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
