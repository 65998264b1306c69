-- The POS sends a whole order in one call: place_order creates it, adds its lines and submits it
-- to the kitchen in one transaction, under a client-generated idempotency key. A tablet that lost
-- its connection replays its queue with the same keys, and a double tap sends the same key twice:
-- a key already used at the property returns the order it made, never a second one; a refused
-- order (a modifier rule, stock) writes nothing, so the same key may be sent again once fixed.
-- Lines also carry the seat and course the server noted (the kitchen groups tickets by course).
--
-- Errors follow docs/decisions/003-database-errors.md; each line's rules are add_order_item's and
-- submit_order's own (they are called here, not re-implemented).

alter table public.orders add column idempotency_key text;
alter table public.orders add constraint orders_idempotency_key_length
  check (idempotency_key is null or char_length(idempotency_key) between 1 and 200);
alter table public.orders add constraint orders_property_idempotency_key unique (property_id, idempotency_key);
comment on column public.orders.idempotency_key is 'The key the client sent with place_order: a retry returns this order.';

alter table public.order_items add column seat smallint, add column course smallint;
alter table public.order_items add constraint order_items_seat_range check (seat is null or seat between 1 and 99);
alter table public.order_items add constraint order_items_course_range check (course is null or course between 1 and 9);
comment on column public.order_items.seat is 'The seat at the table this line is for (POS), if noted.';
comment on column public.order_items.course is 'The course this line belongs to (1 starters, 2 mains…), if noted.';

-- p_lines: [{"item_id": uuid, "quantity": 1-999, "option_ids": [uuid], "note": text, "seat": 1-99,
-- "course": 1-9}], 1 to 100 lines, in the order they were taken.
create function public.place_order(
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
  v_uuid constant text := '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
  v_order public.orders;
  v_line jsonb;
  v_added public.order_items;
begin
  perform private.require_user();
  perform private.check_input(p_property_id is not null, 'invalid_property_id', 'Property id is required.');
  perform private.check_input(char_length(p_idempotency_key) between 1 and 200, 'invalid_idempotency_key',
    'Idempotency key must be 1 to 200 characters.');
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
  if not private.can_access_property(p_property_id, 'staff') then
    if exists (select 1 from public.properties p where p.id = p_property_id)
       and private.can_access_property(p_property_id, 'viewer') then
      perform private.raise_error('insufficient_role', 'This needs the staff role or higher.', '42501');
    end if;
    perform private.raise_error('property_not_found', 'No such property, or you do not work there.', 'P0002');
  end if;

  -- One call per key at a time; the second waits and then finds the first one's order.
  perform pg_advisory_xact_lock(hashtextextended('place_order:' || p_property_id::text || ':' || p_idempotency_key, 0));
  select * into v_order from public.orders o
  where o.property_id = p_property_id and o.idempotency_key = p_idempotency_key;
  if v_order.id is not null then
    return v_order;
  end if;

  v_order := public.create_order(p_property_id, p_kind, p_table_resource_id, p_booking_id, p_guest_name);
  update public.orders o set idempotency_key = p_idempotency_key where o.id = v_order.id;
  for v_line in select l from jsonb_array_elements(p_lines) l loop
    perform private.check_input((v_line ->> 'quantity')::numeric between 1 and 999 and (v_line ->> 'quantity')::numeric % 1 = 0,
      'invalid_quantity', 'Quantity must be 1 to 999.');
    v_added := public.add_order_item(
      v_order.id,
      (v_line ->> 'item_id')::uuid,
      (v_line ->> 'quantity')::integer,
      coalesce((select array_agg((o #>> '{}')::uuid) from jsonb_array_elements(v_line -> 'option_ids') o), '{}'),
      nullif(btrim(v_line ->> 'note'), '')
    );
    if (v_line ->> 'seat') is not null or (v_line ->> 'course') is not null then
      update public.order_items i
      set seat = (v_line ->> 'seat')::smallint, course = (v_line ->> 'course')::smallint
      where i.id = v_added.id;
    end if;
  end loop;
  return public.submit_order(v_order.id);
end;
$$;

revoke execute on function public.place_order(uuid, text, text, jsonb, uuid, uuid, text) from public, anon;
grant execute on function public.place_order(uuid, text, text, jsonb, uuid, uuid, text) to authenticated, service_role;
