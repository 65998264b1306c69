-- Live dashboards fold changed days in instead of re-reading (decision 027, amended in session 5).
-- With the push naming the days booking changes touched, every open page that showed one of them
-- still read its whole loader again: twenty pages, twenty reads of the same figures per change.
-- The publisher now reads those days' figures once and sends them with the push; the pages fold
-- them into their charts and period totals and read their loader only for days the push does not
-- cover.
--
-- Covered are the touched days inside the window the dashboard's presets show: 30 days back to 89
-- ahead (last 30 days, next 30 and 90), and the same weekdays a year earlier (its comparison). A
-- push carries at most 120 days: the first touched days in date order; the rest stay uncovered.

create function private.dashboard_live_days(p_property_id uuid, p_touched jsonb)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  v_today date;
  v_left integer := 120;
  v_covered jsonb := '[]'::jsonb;
  v_days jsonb := '[]'::jsonb;
  v_span record;
begin
  select (now() at time zone p.time_zone)::date into v_today from public.properties p where p.id = p_property_id;
  if not found or jsonb_typeof(p_touched) is distinct from 'array' then
    return jsonb_build_object('covered', v_covered, 'days', v_days);
  end if;
  for v_span in
    -- Each touched span cut to each window; the windows are apart, so the pieces are too.
    select greatest(t.from_day, w.first_day) as from_day, least(t.to_day, w.last_day) as to_day
    from jsonb_array_elements(p_touched) as e
    cross join lateral (select (e ->> 'from')::date as from_day, (e ->> 'to')::date as to_day) as t
    cross join (values (v_today - 30, v_today + 89), (v_today - 394, v_today - 275)) as w(first_day, last_day)
    where t.from_day <= w.last_day and t.to_day >= w.first_day and t.from_day <= t.to_day
    order by 1
  loop
    exit when v_left <= 0;
    v_span.to_day := least(v_span.to_day, v_span.from_day + v_left - 1);
    v_left := v_left - (v_span.to_day - v_span.from_day + 1);
    v_covered := v_covered || jsonb_build_object('from', v_span.from_day, 'to', v_span.to_day);
    v_days := v_days || coalesce((select jsonb_agg(to_jsonb(k) order by k.day)
      from public.property_daily_kpis(p_property_id, v_span.from_day, v_span.to_day) k), '[]'::jsonb);
  end loop;
  return jsonb_build_object('covered', v_covered, 'days', v_days);
end;
$$;
revoke execute on function private.dashboard_live_days(uuid, jsonb) from public, anon, authenticated;
comment on function private.dashboard_live_days(uuid, jsonb) is
  'The daily KPIs of the touched days an open dashboard may show (presets and their last year), for the worker''s publisher: {covered: spans, days: rows}.';
