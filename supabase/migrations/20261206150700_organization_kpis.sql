-- The owner's roll-up (issue 15): property_daily_kpis summed over a period for every property of
-- an organization the caller may read. Security invoker: a member restricted to one property gets
-- one row, another organization's caller none (organization_not_found). Period ratios come from
-- the period's sums (sold ÷ available, revenue ÷ sold, revenue ÷ available), never from averaging
-- daily ratios. Amounts stay in each property's currency: the screen sums only like currencies.

create function public.organization_kpis(p_organization_id uuid, p_from date, p_to date)
returns table (
  property_id uuid,
  property_name text,
  property_kind public.property_kind,
  currency text,
  rooms_available integer,
  rooms_sold integer,
  occupancy numeric,
  room_revenue_minor bigint,
  adr_minor bigint,
  revpar_minor bigint,
  covers_booked integer,
  bookings_made integer,
  cancellations integer,
  food_revenue_minor bigint,
  beverage_revenue_minor bigint,
  other_revenue_minor bigint
)
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  if p_organization_id is null then
    raise exception using errcode = '22023', message = 'invalid_organization_id', detail = 'Organization id is required.';
  end if;
  if p_from is null or p_to is null or p_to < p_from or p_to - p_from > 366 then
    raise exception using errcode = '22023', message = 'invalid_period',
      detail = 'From and to are required, to not before from, at most a year apart.';
  end if;
  if not exists (select 1 from public.organizations o where o.id = p_organization_id) then
    raise exception using errcode = 'PT404', message = 'organization_not_found',
      detail = 'No such organization, or you are not a member.';
  end if;

  return query
  select p.id, p.name, p.kind, p.currency,
    sum(k.rooms_available)::integer, sum(k.rooms_sold)::integer,
    case when sum(k.rooms_available) > 0 then round(sum(k.rooms_sold)::numeric / sum(k.rooms_available), 4) end,
    sum(k.room_revenue_minor)::bigint,
    case when sum(k.rooms_sold) > 0 then round(sum(k.room_revenue_minor)::numeric / sum(k.rooms_sold))::bigint end,
    case when sum(k.rooms_available) > 0 then round(sum(k.room_revenue_minor)::numeric / sum(k.rooms_available))::bigint end,
    sum(k.covers_booked)::integer, sum(k.bookings_made)::integer, sum(k.cancellations)::integer,
    sum(k.food_revenue_minor)::bigint, sum(k.beverage_revenue_minor)::bigint, sum(k.other_revenue_minor)::bigint
  from public.properties p
  cross join lateral public.property_daily_kpis(p.id, p_from, p_to) k
  where p.organization_id = p_organization_id
  group by p.id, p.name, p.kind, p.currency
  order by p.name, p.id;
end;
$$;
comment on function public.organization_kpis(uuid, date, date) is
  'Per property of the organization the caller may read: a period''s occupancy, ADR, RevPAR, covers, pickup and sales.';

revoke execute on function public.organization_kpis(uuid, date, date) from public, anon;
grant execute on function public.organization_kpis(uuid, date, date) to authenticated, service_role;
