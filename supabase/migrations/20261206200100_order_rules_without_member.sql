-- The order rules, callable without a signed-in member (decision 042), as the booking rules were
-- in 20261206190110_booking_rules_without_member.sql.
--
-- create_order, add_order_item, submit_order and place_order checked the caller (a staff member
-- of the property) and applied the rules in one body. The public widget API has no member: it
-- must place an order on behalf of a widget key with the same rules. Each body moves here into a
-- private function without the caller check, and the public RPC becomes the caller check (with
-- its input checks first, as before: same signature, errors and order of checks) followed by a
-- call to it:
--   private.check_order_lines(lines)                 ← place_order's shape check of p_lines
--   private.create_order_in(..., p_actor)            ← public.create_order
--   private.add_order_item_in(order, ..., p_actor)   ← public.add_order_item (the order locked)
--   private.submit_locked_order(order)               ← public.submit_order (the order locked)
--   private.place_order_in(..., p_actor, p_submit, p_fingerprint_extra) ← public.place_order
-- place_order_in with p_submit false leaves the order a draft (an online order waiting for its
-- payment); p_fingerprint_extra adds what a caller's replay must also repeat (the widget's guest,
-- mode and pickup time). None of the private functions is executable by anon or authenticated.

create function private.check_order_lines(p_lines jsonb)
returns void
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_uuid constant text := '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
begin
  perform private.check_input(
    jsonb_typeof(p_lines) = 'array' and jsonb_array_length(p_lines) between 1 and 100
      and not exists (
        select 1 from jsonb_array_elements(p_lines) l
        where jsonb_typeof(l) <> 'object'
          or coalesce(l ->> 'item_id', '') !~ v_uuid
          or jsonb_typeof(l -> 'quantity') is distinct from 'number'
          or (l -> 'option_ids' is not null and jsonb_typeof(l -> 'option_ids') <> 'array')
          or exists (select 1 from jsonb_array_elements(coalesce(l -> 'option_ids', '[]')) o
                     where jsonb_typeof(o) <> 'string' or o #>> '{}' !~ v_uuid)
          or (l -> 'note' is not null and jsonb_typeof(l -> 'note') not in ('string', 'null'))
          or (l -> 'seat' is not null and jsonb_typeof(l -> 'seat') <> 'null'
              and (jsonb_typeof(l -> 'seat') <> 'number' or (l ->> 'seat')::numeric not between 1 and 99
                   or (l ->> 'seat')::numeric % 1 <> 0))
          or (l -> 'course' is not null and jsonb_typeof(l -> 'course') <> 'null'
              and (jsonb_typeof(l -> 'course') <> 'number' or (l ->> 'course')::numeric not between 1 and 9
                   or (l ->> 'course')::numeric % 1 <> 0))
      ),
    'invalid_lines', 'Lines must be 1 to 100 objects with an item_id, a quantity, and optional option_ids, note, seat (1-99) and course (1-9).');
end;
$$;

create function private.create_order_in(
  p_property_id uuid,
  p_kind text,
  p_table_resource_id uuid,
  p_booking_id uuid,
  p_guest_name text,
  p_actor uuid
)
returns public.orders
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_property public.properties;
  v_order public.orders;
begin
  perform private.check_input(p_property_id is not null, 'invalid_property_id', 'Property id is required.');
  perform private.check_input(p_kind is not null and p_kind = any (enum_range(null::public.order_kind)::text[]),
    'invalid_kind', 'Kind must be one of table, room, takeaway.');
  perform private.check_input((p_kind = 'table') = (p_table_resource_id is not null), 'invalid_table_resource_id',
    'A table order needs a table, and only a table order has one.');
  perform private.check_input(p_kind <> 'room' or p_booking_id is not null, 'invalid_booking_id',
    'A room service order needs a booking.');
  perform private.check_input(p_guest_name is null or char_length(btrim(p_guest_name)) between 1 and 120,
    'invalid_guest_name', 'Guest name must be 1 to 120 characters.');
  select * into v_property from public.properties p where p.id = p_property_id;
  if v_property.id is null then
    perform private.raise_error('property_not_found', 'No such property, or you do not work there.', 'P0002');
  end if;
  perform private.check_order_target(p_property_id, p_kind::public.order_kind, p_table_resource_id, p_booking_id);
  insert into public.orders (organization_id, property_id, kind, table_resource_id, booking_id, guest_name,
    currency, service_charge_bp, prices_include_tax, created_by)
  select v_property.organization_id, p_property_id, p_kind::public.order_kind, p_table_resource_id, p_booking_id,
    btrim(p_guest_name), v_property.currency, coalesce(s.service_charge_bp, 0), coalesce(s.prices_include_tax, false), p_actor
  from (select 1) as one
  left join public.order_settings s on s.property_id = p_property_id
  returning * into v_order;
  return v_order;
end;
$$;

create or replace function public.create_order(
  p_property_id uuid,
  p_kind text,
  p_table_resource_id uuid default null,
  p_booking_id uuid default null,
  p_guest_name text default null
)
returns public.orders
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
begin
  perform private.check_input(p_property_id is not null, 'invalid_property_id', 'Property id is required.');
  perform private.check_input(p_kind is not null and p_kind = any (enum_range(null::public.order_kind)::text[]),
    'invalid_kind', 'Kind must be one of table, room, takeaway.');
  perform private.check_input((p_kind = 'table') = (p_table_resource_id is not null), 'invalid_table_resource_id',
    'A table order needs a table, and only a table order has one.');
  perform private.check_input(p_kind <> 'room' or p_booking_id is not null, 'invalid_booking_id',
    'A room service order needs a booking.');
  perform private.check_input(p_guest_name is null or char_length(btrim(p_guest_name)) between 1 and 120,
    'invalid_guest_name', 'Guest name must be 1 to 120 characters.');
  if not exists (select 1 from public.properties p where p.id = p_property_id)
     or not private.can_access_property(p_property_id, 'viewer') then
    perform private.raise_error('property_not_found', 'No such property, or you do not work there.', 'P0002');
  end if;
  if not private.can_access_property(p_property_id, 'staff') then
    perform private.raise_error('insufficient_role', 'This needs the staff role or higher.', '42501');
  end if;
  return private.create_order_in(p_property_id, p_kind, p_table_resource_id, p_booking_id, p_guest_name, v_user);
end;
$$;

-- A line on a locked draft order: the item must be active and sold at the order's property, in
-- its currency; the options must belong to the item's groups and satisfy each group's rules.
create function private.add_order_item_in(
  p_order public.orders,
  p_item_id uuid,
  p_quantity integer,
  p_option_ids uuid[],
  p_note text,
  p_actor uuid
)
returns public.order_items
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_order public.orders := p_order;
  v_item public.catalogue_items;
  v_price bigint;
  v_options jsonb;
  v_options_total bigint;
  v_bad_group text;
  v_line public.order_items;
begin
  perform private.check_input(p_item_id is not null, 'invalid_item_id', 'Item id is required.');
  perform private.check_input(p_quantity between 1 and 999, 'invalid_quantity', 'Quantity must be 1 to 999.');
  perform private.check_input(
    p_option_ids is null or cardinality(p_option_ids) = 0
      or (array_ndims(p_option_ids) = 1 and cardinality(p_option_ids) <= 50 and array_position(p_option_ids, null) is null
          and cardinality(p_option_ids) = (select count(distinct o) from unnest(p_option_ids) o)),
    'invalid_option_ids', 'Option ids must be a flat list of at most 50 distinct ids.');
  perform private.check_input(p_note is null or char_length(btrim(p_note)) between 1 and 200, 'invalid_note',
    'A note must be 1 to 200 characters.');
  perform private.require_order_status(v_order, '{draft}', 'add items to');

  select * into v_item from public.catalogue_items c
  where c.id = p_item_id and c.organization_id = v_order.organization_id;
  if v_item.id is null then
    perform private.raise_error('item_not_found', 'No such item in this organization.', 'P0002');
  end if;
  select coalesce(a.price_override_minor, v_item.price_minor) into v_price
  from public.item_availability a where a.property_id = v_order.property_id and a.item_id = p_item_id;
  if v_price is null or not v_item.active then
    perform private.raise_error('not_available', 'This item is not sold at this property now.', 'P0001');
  end if;
  if v_item.currency <> v_order.currency then
    perform private.raise_error('currency_mismatch', 'The item is priced in another currency than the order.', 'P0001');
  end if;

  -- Options: each must be an active option of a group the item offers.
  if exists (
    select 1 from unnest(coalesce(p_option_ids, '{}')) as wanted(id)
    where not exists (
      select 1 from public.modifier_options o
      join public.item_modifier_groups l on l.group_id = o.group_id and l.item_id = p_item_id
      where o.id = wanted.id and o.active
    )
  ) then
    perform private.raise_error('invalid_modifiers', 'Every option must be an available option of this item.', 'P0001');
  end if;
  -- Each group: optional with nothing chosen, or between min_choices and max_choices.
  select g.name into v_bad_group
  from public.item_modifier_groups l
  join public.modifier_groups g on g.id = l.group_id
  cross join lateral (
    select count(*)::integer as n from public.modifier_options o
    where o.group_id = g.id and o.id = any (coalesce(p_option_ids, '{}'))
  ) chosen
  where l.item_id = p_item_id
    and not ((chosen.n = 0 and not g.required) or chosen.n between g.min_choices and g.max_choices)
  order by l.sort_order, g.name
  limit 1;
  if v_bad_group is not null then
    perform private.raise_error('invalid_modifiers', format('The choices for %s break its rules.', v_bad_group), 'P0001');
  end if;
  select coalesce(jsonb_agg(jsonb_build_object('option_id', o.id, 'group_id', g.id, 'group_name', g.name,
           'name', o.name, 'price_delta_minor', o.price_delta_minor) order by l.sort_order, g.name, o.sort_order, o.name), '[]'),
         coalesce(sum(o.price_delta_minor), 0)
    into v_options, v_options_total
  from public.modifier_options o
  join public.modifier_groups g on g.id = o.group_id
  join public.item_modifier_groups l on l.group_id = g.id and l.item_id = p_item_id
  where o.id = any (coalesce(p_option_ids, '{}'));
  if v_price + v_options_total < 0 then
    perform private.raise_error('invalid_modifiers', 'These options would make the price negative.', 'P0001');
  end if;

  insert into public.order_items (organization_id, property_id, order_id, item_id, station_id, item_name, options,
    note, unit_price_minor, options_total_minor, quantity, tax_rate_bp, prices_include_tax, created_by)
  values (v_order.organization_id, v_order.property_id, v_order.id, v_item.id,
    private.station_for_category(v_order.property_id, v_item.category_id), v_item.name, v_options,
    btrim(p_note), v_price, v_options_total, p_quantity, v_item.tax_rate_bp, v_order.prices_include_tax, p_actor)
  returning * into v_line;
  select * into v_line from public.order_items i where i.id = v_line.id; -- with its recomputed tax
  return v_line;
end;
$$;

create or replace function public.add_order_item(
  p_order_id uuid,
  p_item_id uuid,
  p_quantity integer,
  p_option_ids uuid[] default '{}',
  p_note text default null
)
returns public.order_items
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.check_input(p_order_id is not null, 'invalid_order_id', 'Order id is required.');
  perform private.check_input(p_item_id is not null, 'invalid_item_id', 'Item id is required.');
  perform private.check_input(p_quantity between 1 and 999, 'invalid_quantity', 'Quantity must be 1 to 999.');
  perform private.check_input(
    p_option_ids is null or cardinality(p_option_ids) = 0
      or (array_ndims(p_option_ids) = 1 and cardinality(p_option_ids) <= 50 and array_position(p_option_ids, null) is null
          and cardinality(p_option_ids) = (select count(distinct o) from unnest(p_option_ids) o)),
    'invalid_option_ids', 'Option ids must be a flat list of at most 50 distinct ids.');
  perform private.check_input(p_note is null or char_length(btrim(p_note)) between 1 and 200, 'invalid_note',
    'A note must be 1 to 200 characters.');
  return private.add_order_item_in(private.lock_order(p_order_id, 'staff'), p_item_id, p_quantity, p_option_ids, p_note,
    auth.uid());
end;
$$;

-- Sends a locked draft to the kitchen: takes tracked stock for every line, all or nothing. Stock
-- rows are taken in item order (no deadlock between two submits); `stock_count >= q` is
-- re-checked on the locked row, so concurrent submits never take more than there is.
create function private.submit_locked_order(p_order public.orders)
returns public.orders
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_order public.orders := p_order;
  v_need record;
begin
  perform private.require_order_status(v_order, '{draft}', 'submit');
  if not exists (select 1 from public.order_items i where i.order_id = v_order.id and i.status <> 'voided') then
    perform private.raise_error('empty_order', 'Add at least one item before submitting.', 'P0001');
  end if;
  for v_need in
    select i.item_id, sum(i.quantity)::integer as quantity, min(i.item_name) as item_name
    from public.order_items i
    where i.order_id = v_order.id and i.status <> 'voided' and i.item_id is not null
    group by i.item_id
    order by i.item_id
  loop
    update public.item_availability a
    set stock_count = a.stock_count - v_need.quantity
    where a.property_id = v_order.property_id and a.item_id = v_need.item_id
      and a.stock_count is not null and a.stock_count >= v_need.quantity;
    if not found and exists (
      select 1 from public.item_availability a
      where a.property_id = v_order.property_id and a.item_id = v_need.item_id and a.stock_count is not null
    ) then
      perform private.raise_error('out_of_stock', format('Not enough %s in stock.', v_need.item_name), 'P0001');
    end if;
  end loop;
  update public.order_items i set stock_deducted = true
  where i.order_id = v_order.id and i.status <> 'voided' and exists (
    select 1 from public.item_availability a
    where a.property_id = i.property_id and a.item_id = i.item_id and a.stock_count is not null
  );
  update public.orders o set status = 'submitted' where o.id = v_order.id returning * into v_order;
  return v_order;
end;
$$;

create or replace function public.submit_order(p_order_id uuid)
returns public.orders
language plpgsql
security definer
set search_path = ''
as $$
begin
  return private.submit_locked_order(private.lock_order(p_order_id, 'staff'));
end;
$$;

-- A whole order in one call under an idempotency key (place_order's body). p_submit false leaves
-- it a draft; p_fingerprint_extra is added to what a replay must repeat.
create function private.place_order_in(
  p_property_id uuid,
  p_idempotency_key text,
  p_kind text,
  p_lines jsonb,
  p_table_resource_id uuid,
  p_booking_id uuid,
  p_guest_name text,
  p_actor uuid,
  p_submit boolean default true,
  p_fingerprint_extra jsonb default null
)
returns public.orders
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_order public.orders;
  v_line jsonb;
  v_added public.order_items;
  v_fingerprint text;
begin
  perform private.check_input(p_property_id is not null, 'invalid_property_id', 'Property id is required.');
  perform private.check_input(char_length(p_idempotency_key) between 1 and 200, 'invalid_idempotency_key',
    'Idempotency key must be 1 to 200 characters.');
  perform private.check_order_lines(p_lines);

  -- One call per key at a time; the second waits and then finds the first one's order.
  perform pg_advisory_xact_lock(hashtextextended('place_order:' || p_property_id::text || ':' || p_idempotency_key, 0));
  select * into v_order from public.orders o
  where o.property_id = p_property_id and o.idempotency_key = p_idempotency_key;
  -- What the call asked for: a replay asks for the same; another order under a used key is refused.
  v_fingerprint := md5(case when p_fingerprint_extra is null
    then jsonb_build_array(p_kind, p_table_resource_id, p_booking_id, p_guest_name, p_lines)
    else jsonb_build_array(p_kind, p_table_resource_id, p_booking_id, p_guest_name, p_lines, p_fingerprint_extra)
  end::text);
  if v_order.id is not null then
    if v_order.idempotency_fingerprint is distinct from v_fingerprint and v_order.idempotency_fingerprint is not null then
      perform private.raise_error('idempotency_key_reused', 'This idempotency key was used for another order.', '23505');
    end if;
    return v_order;
  end if;

  v_order := private.create_order_in(p_property_id, p_kind, p_table_resource_id, p_booking_id, p_guest_name, p_actor);
  update public.orders o set idempotency_key = p_idempotency_key, idempotency_fingerprint = v_fingerprint
  where o.id = v_order.id returning * into v_order;
  for v_line in select l from jsonb_array_elements(p_lines) l loop
    perform private.check_input((v_line ->> 'quantity')::numeric between 1 and 999 and (v_line ->> 'quantity')::numeric % 1 = 0,
      'invalid_quantity', 'Quantity must be 1 to 999.');
    select * into v_order from public.orders o where o.id = v_order.id for update;
    v_added := private.add_order_item_in(
      v_order,
      (v_line ->> 'item_id')::uuid,
      (v_line ->> 'quantity')::integer,
      coalesce((select array_agg((o #>> '{}')::uuid) from jsonb_array_elements(v_line -> 'option_ids') o), '{}'),
      nullif(btrim(v_line ->> 'note'), ''),
      p_actor
    );
    if (v_line ->> 'seat') is not null or (v_line ->> 'course') is not null then
      update public.order_items i
      set seat = (v_line ->> 'seat')::smallint, course = (v_line ->> 'course')::smallint
      where i.id = v_added.id;
    end if;
  end loop;
  select * into v_order from public.orders o where o.id = v_order.id for update;
  if p_submit then
    return private.submit_locked_order(v_order);
  end if;
  return v_order;
end;
$$;

create or replace function public.place_order(
  p_property_id uuid,
  p_idempotency_key text,
  p_kind text,
  p_lines jsonb,
  p_table_resource_id uuid default null,
  p_booking_id uuid default null,
  p_guest_name text default null
)
returns public.orders
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user uuid := private.require_user();
begin
  perform private.check_input(p_property_id is not null, 'invalid_property_id', 'Property id is required.');
  perform private.check_input(char_length(p_idempotency_key) between 1 and 200, 'invalid_idempotency_key',
    'Idempotency key must be 1 to 200 characters.');
  perform private.check_order_lines(p_lines);
  if not private.can_access_property(p_property_id, 'staff') then
    if exists (select 1 from public.properties p where p.id = p_property_id)
       and private.can_access_property(p_property_id, 'viewer') then
      perform private.raise_error('insufficient_role', 'This needs the staff role or higher.', '42501');
    end if;
    perform private.raise_error('property_not_found', 'No such property, or you do not work there.', 'P0002');
  end if;
  return private.place_order_in(p_property_id, p_idempotency_key, p_kind, p_lines, p_table_resource_id, p_booking_id,
    p_guest_name, v_user);
end;
$$;

revoke execute on function
  private.check_order_lines(jsonb),
  private.create_order_in(uuid, text, uuid, uuid, text, uuid),
  private.add_order_item_in(public.orders, uuid, integer, uuid[], text, uuid),
  private.submit_locked_order(public.orders),
  private.place_order_in(uuid, text, text, jsonb, uuid, uuid, text, uuid, boolean, jsonb)
from public, anon, authenticated;
