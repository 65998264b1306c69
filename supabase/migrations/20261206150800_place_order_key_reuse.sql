-- place_order under a used idempotency key returned the key's order whatever the call asked for,
-- so a client that reused a key by mistake (a bug, or two tablets generating the same key) got
-- someone else's order back as if its own had been placed. Now the order keeps a fingerprint of
-- the request (kind, table, booking, guest name and lines, as sent): a replay of the same request
-- still returns the order, a different request under the same key is refused with
-- idempotency_key_reused (23505, as create_booking does). Orders placed before this migration
-- have no fingerprint and keep answering replays as before.

alter table public.orders add column idempotency_fingerprint text;
alter table public.orders add constraint orders_idempotency_fingerprint_format
  check (idempotency_fingerprint is null or idempotency_fingerprint ~ '^[0-9a-f]{32}$');
comment on column public.orders.idempotency_fingerprint is 'md5 of the place_order request that used idempotency_key.';

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
  v_uuid constant text := '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
  v_order public.orders;
  v_line jsonb;
  v_added public.order_items;
  v_fingerprint text;
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
  -- What the call asked for: a replay asks for the same; another order under a used key is refused.
  v_fingerprint := md5(jsonb_build_array(p_kind, p_table_resource_id, p_booking_id, p_guest_name, p_lines)::text);
  if v_order.id is not null then
    if v_order.idempotency_fingerprint is distinct from v_fingerprint and v_order.idempotency_fingerprint is not null then
      perform private.raise_error('idempotency_key_reused', 'This idempotency key was used for another order.', '23505');
    end if;
    return v_order;
  end if;

  v_order := public.create_order(p_property_id, p_kind, p_table_resource_id, p_booking_id, p_guest_name);
  update public.orders o set idempotency_key = p_idempotency_key, idempotency_fingerprint = v_fingerprint
  where o.id = v_order.id;
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
