-- The table's check on the POS (docs/decisions/024-split-bill.md): an order is the check of a
-- table. Four RPCs finish it:
-- - request_bill: the table asked for the bill (orders.bill_requested_at, cleared when the order
--   is closed or voided); the floor shows it live (orders are already published to Realtime).
-- - add_order_round: a second round for a table that already has an open check goes onto that
--   order instead of opening another. The round's lines pass every rule of add_order_item and
--   submit_order (they are called, not re-implemented, on a draft that lives only inside the
--   call); a round sent to a check the kitchen had finished sends it back to the kitchen. Each
--   round carries the client's key: the same key again returns the order, adding nothing.
-- - split_order: chosen lines (a seat's, or any) move to a new check for the same table. A line
--   has one order_id, so no line is in two checks or lost; both checks' totals are recomputed
--   by the existing trigger (private.recompute_order).
-- - settle_order: a served check is paid (cash, card or external, recorded on a tab folio as a
--   payment of its whole balance), the tab settled and the check closed, in one transaction.
--   Charging a room-service order to its stay's folio stays as it was.
--
-- Errors follow docs/decisions/003-database-errors.md.

-- ============================================================================================
-- Columns
-- ============================================================================================

alter table public.orders add column bill_requested_at timestamptz;
alter table public.orders add constraint orders_bill_request_while_open
  check (bill_requested_at is null or status not in ('closed', 'voided'));
comment on column public.orders.bill_requested_at is 'When the table asked for the bill (request_bill); null once closed or voided.';

alter table public.order_items add column round_key text;
alter table public.order_items add constraint order_items_round_key_length
  check (round_key is null or char_length(round_key) between 1 and 200);
comment on column public.order_items.round_key is 'The client key of the round (add_order_round) that added this line.';
create index order_items_round_key_idx on public.order_items (property_id, round_key) where round_key is not null;

-- ============================================================================================
-- Triggers
-- ============================================================================================

-- A closed or voided check no longer waits for its bill.
create function private.clear_bill_request()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.status in ('closed', 'voided') then
    new.bill_requested_at := null;
  end if;
  return new;
end;
$$;

create trigger orders_clear_bill_request before update of status on public.orders
  for each row execute function private.clear_bill_request();

-- The order flow of the orders migration, plus one move back: a check the kitchen had finished
-- (ready or served) goes back to submitted when a new round brought it queued lines.
create or replace function private.check_order_transition()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.status is distinct from old.status then
    if not (
      (old.status, new.status) in (
        ('draft'::public.order_status, 'submitted'::public.order_status),
        ('submitted', 'preparing'), ('preparing', 'ready'), ('ready', 'served'), ('served', 'closed'))
      or (new.status = 'voided' and old.status in ('draft', 'submitted', 'preparing', 'ready', 'served'))
      or (new.status = 'submitted' and old.status in ('ready', 'served') and exists (
        select 1 from public.order_items i where i.order_id = new.id and i.status = 'queued'))
    ) then
      raise exception using errcode = 'P0001', message = 'invalid_transition',
        detail = format('An order cannot go from %s to %s.', old.status, new.status);
    end if;
    if new.status = 'submitted' then
      new.submitted_at := coalesce(new.submitted_at, now());
    elsif new.status = 'closed' then
      new.closed_at := coalesce(new.closed_at, now());
    elsif new.status = 'voided' then
      new.voided_at := coalesce(new.voided_at, now());
    end if;
  end if;
  return new;
end;
$$;

-- ============================================================================================
-- Public RPCs
-- ============================================================================================

-- The table asked for the bill. Asking again keeps the first time.
create function public.request_bill(p_order_id uuid)
returns public.orders
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_order public.orders;
begin
  perform private.check_input(p_order_id is not null, 'invalid_order_id', 'Order id is required.');
  v_order := private.lock_order(p_order_id, 'staff');
  perform private.require_order_status(v_order, '{submitted,preparing,ready,served}', 'request the bill for');
  update public.orders o set bill_requested_at = coalesce(o.bill_requested_at, now())
  where o.id = p_order_id returning * into v_order;
  return v_order;
end;
$$;

-- p_lines as place_order's: [{"item_id", "quantity", "option_ids", "note", "seat", "course"}].
create function public.add_order_round(p_order_id uuid, p_idempotency_key text, p_lines jsonb)
returns public.orders
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uuid constant text := '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
  v_order public.orders;
  v_round public.orders;
  v_line jsonb;
  v_added public.order_items;
begin
  perform private.check_input(p_order_id is not null, 'invalid_order_id', 'Order id is required.');
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
  -- The order's lock makes two calls with one key wait for each other.
  v_order := private.lock_order(p_order_id, 'staff');
  if exists (
    select 1 from public.order_items i where i.property_id = v_order.property_id and i.round_key = p_idempotency_key
  ) then
    return v_order;
  end if;
  perform private.require_order_status(v_order, '{submitted,preparing,ready,served}', 'add a round to');
  if v_order.folio_id is not null then
    perform private.raise_error('order_charged', 'This check is already on a folio; start a new order.', 'P0001');
  end if;

  -- The round is built and submitted as a draft of the same target (every line rule, the
  -- stock), then its lines join the check and the draft goes.
  v_round := public.create_order(v_order.property_id, v_order.kind::text, v_order.table_resource_id,
    v_order.booking_id, v_order.guest_name);
  for v_line in select l from jsonb_array_elements(p_lines) l loop
    perform private.check_input((v_line ->> 'quantity')::numeric between 1 and 999 and (v_line ->> 'quantity')::numeric % 1 = 0,
      'invalid_quantity', 'Quantity must be 1 to 999.');
    v_added := public.add_order_item(
      v_round.id,
      (v_line ->> 'item_id')::uuid,
      (v_line ->> 'quantity')::integer,
      coalesce((select array_agg((o #>> '{}')::uuid) from jsonb_array_elements(v_line -> 'option_ids') o), '{}'),
      nullif(btrim(v_line ->> 'note'), '')
    );
    update public.order_items i
    set seat = (v_line ->> 'seat')::smallint, course = (v_line ->> 'course')::smallint, round_key = p_idempotency_key
    where i.id = v_added.id;
  end loop;
  perform public.submit_order(v_round.id);
  update public.order_items i set order_id = v_order.id where i.order_id = v_round.id;
  delete from public.orders o where o.id = v_round.id;

  if v_order.status in ('ready', 'served') then
    update public.orders o set status = 'submitted', submitted_at = now() where o.id = v_order.id;
  end if;
  select * into v_order from public.orders o where o.id = p_order_id;
  return v_order;
end;
$$;

-- Moves the chosen open lines of a check to a new check for the same table (or stay, or
-- counter), in the same state. A percentage discount applies to both checks; a fixed one stays
-- with the first. Returns the new check.
create function public.split_order(p_order_id uuid, p_item_ids uuid[])
returns public.orders
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_order public.orders;
  v_new public.orders;
begin
  perform private.check_input(p_order_id is not null, 'invalid_order_id', 'Order id is required.');
  perform private.check_input(
    p_item_ids is not null and cardinality(p_item_ids) between 1 and 100 and array_ndims(p_item_ids) = 1
      and array_position(p_item_ids, null) is null
      and cardinality(p_item_ids) = (select count(distinct i) from unnest(p_item_ids) i),
    'invalid_item_ids', 'Choose 1 to 100 distinct lines.');
  v_order := private.lock_order(p_order_id, 'staff');
  perform private.require_order_status(v_order, '{submitted,preparing,ready,served}', 'split');
  if v_order.folio_id is not null then
    perform private.raise_error('order_charged', 'This check is already on a folio and can no longer be split.', 'P0001');
  end if;
  if (select count(*) from public.order_items i
      where i.id = any (p_item_ids) and i.order_id = p_order_id and i.status <> 'voided') <> cardinality(p_item_ids) then
    perform private.raise_error('order_item_not_found', 'Every line to move must be an open line of this check.', 'P0002');
  end if;
  if not exists (
    select 1 from public.order_items i
    where i.order_id = p_order_id and i.status <> 'voided' and i.id <> all (p_item_ids)
  ) then
    perform private.raise_error('split_leaves_nothing', 'Leave at least one line on the first check.', 'P0001');
  end if;

  insert into public.orders (organization_id, property_id, kind, table_resource_id, booking_id, guest_name, status,
    currency, service_charge_bp, prices_include_tax, discount_bp, discount_reason, discount_by, submitted_at,
    bill_requested_at, created_by)
  values (v_order.organization_id, v_order.property_id, v_order.kind, v_order.table_resource_id, v_order.booking_id,
    v_order.guest_name, v_order.status, v_order.currency, v_order.service_charge_bp, v_order.prices_include_tax,
    v_order.discount_bp, case when v_order.discount_bp is not null then v_order.discount_reason end,
    case when v_order.discount_bp is not null then v_order.discount_by end, v_order.submitted_at,
    v_order.bill_requested_at, auth.uid())
  returning * into v_new;
  -- The recompute trigger follows each moved line to both checks.
  update public.order_items i set order_id = v_new.id where i.id = any (p_item_ids);
  select * into v_new from public.orders o where o.id = v_new.id;
  return v_new;
end;
$$;

-- Pays a served check in full and closes it: on its tab folio (opened here when the check is on
-- none), a payment of the tab's balance, the tab settled, the check (and any other served check
-- on that tab) closed. A check on a stay's folio is settled at check-out instead.
create function public.settle_order(p_order_id uuid, p_method text, p_external_reference text default null)
returns public.orders
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_order public.orders;
  v_folio public.folios;
  v_table text;
  v_other uuid;
begin
  perform private.check_input(p_order_id is not null, 'invalid_order_id', 'Order id is required.');
  perform private.check_input(p_method = any (enum_range(null::public.payment_method)::text[]), 'invalid_method',
    'Method must be cash, card or external.');
  perform private.check_input(p_external_reference is null or char_length(btrim(p_external_reference)) between 1 and 200,
    'invalid_external_reference', 'External reference must be 1 to 200 characters.');
  v_order := private.lock_order(p_order_id, 'staff');
  perform private.require_order_status(v_order, '{served}', 'settle');
  if v_order.folio_id is null then
    select r.name into v_table from public.resources r where r.id = v_order.table_resource_id;
    v_folio := public.open_tab(v_order.property_id,
      left(concat_ws(' · ', 'Table ' || v_table, v_order.guest_name, 'check ' || left(v_order.id::text, 8)), 120),
      v_order.table_resource_id);
    perform public.charge_order_to_folio(v_order.id, v_folio.id);
  end if;
  select * into v_folio from public.folios f
  where f.id = (select o.folio_id from public.orders o where o.id = p_order_id) for update;
  if v_folio.kind = 'booking' then
    perform private.raise_error('charged_to_room', 'This check is on a stay''s folio; it is paid at check-out.', 'P0001');
  end if;
  select o.id into v_other from public.orders o
  where o.folio_id = v_folio.id and o.status not in ('served', 'closed') limit 1;
  if v_other is not null then
    perform private.raise_error('tab_orders_open', 'Another check on this tab is still in the kitchen.', 'P0001');
  end if;
  if v_folio.balance_minor > 0 then
    perform public.record_payment(v_folio.id, v_folio.balance_minor, p_method, p_external_reference);
  end if;
  perform public.settle_folio(v_folio.id);
  for v_other in select o.id from public.orders o where o.folio_id = v_folio.id and o.status = 'served' order by o.id loop
    perform public.close_order(v_other);
  end loop;
  select * into v_order from public.orders o where o.id = p_order_id;
  return v_order;
end;
$$;

-- ============================================================================================
-- Grants
-- ============================================================================================

revoke execute on function private.clear_bill_request() from public, anon, authenticated;

revoke execute on function
  public.request_bill(uuid),
  public.add_order_round(uuid, text, jsonb),
  public.split_order(uuid, uuid[]),
  public.settle_order(uuid, text, text)
from public, anon;
grant execute on function
  public.request_bill(uuid),
  public.add_order_round(uuid, text, jsonb),
  public.split_order(uuid, uuid[]),
  public.settle_order(uuid, text, text)
to authenticated, service_role;
