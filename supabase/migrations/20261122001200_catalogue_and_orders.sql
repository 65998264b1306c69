-- Catalogue and orders: what a property sells (categories, items, modifiers, per-property
-- availability, price and stock, kitchen/bar stations and the routing of categories to them) and
-- the orders taken against it (table, room service, takeaway), with item snapshots, a guarded
-- status flow, stock that never goes below zero and totals computed here, in the database.
--
-- Catalogue rows are plain table writes under RLS (managers and up; organization-wide rows need a
-- manager over every property, per-property rows a manager of that property). Orders and their
-- items are written only through the RPCs at the end: `authenticated` may only read them.
--
-- Money is bigint minor units in the property's currency. The rounding rules (docs/decisions/
-- 007-order-totals.md), applied by private.recompute_order():
--   1. A property's prices exclude tax (the default) or include it (order_settings.
--      prices_include_tax, copied onto each order and its lines). A line's subtotal is
--      quantity × (unit price + options total), exact.
--   2. The order subtotal is the sum of the subtotals of its lines that are not voided.
--   3. The discount is a fixed amount (capped at the subtotal) or a percentage of the subtotal in
--      basis points, rounded half-up to a minor unit.
--   4. The discount is spread over the lines pro rata to their subtotals by the largest remainder
--      method: each line gets floor(D × line / subtotal); the minor units left over go one each to
--      the lines with the largest remainders (ties: larger line, then line id). The lines'
--      discounts always add up to the order's exactly.
--   5. Tax is computed per line on the line's amount a = line subtotal − line discount, at the
--      item's rate r (basis points), rounded half-up to a minor unit: exclusive a × r / 10000,
--      inclusive (the part of a that is tax) a × r / (10000 + r). The order's tax is the sum of
--      its lines' tax.
--   6. The service charge is (subtotal − discount) × the order's service_charge_bp / 10000, rounded
--      half-up (on the amounts as priced: gross when prices include tax); it is not taxed. The
--      rate is copied from order_settings when the order is created.
--   7. Exclusive: total = subtotal − discount + tax + service charge. Inclusive: total = subtotal
--      − discount + service charge, the tax being already in the prices (a check constraint on
--      orders; the same for each line's line_total_minor, without service charge).
-- Every amount is non-negative, so "half-up" of x / d is (2x + d) div 2d, in numeric: with
-- d = 10000 that is (x × r + 5000) div 10000.
--
-- Errors follow docs/decisions/003-database-errors.md.

-- ============================================================================================
-- Types
-- ============================================================================================

create type public.order_kind as enum ('table', 'room', 'takeaway');
-- Declared in flow order; `voided` is reachable from every state before `closed`.
create type public.order_status as enum ('draft', 'submitted', 'preparing', 'ready', 'served', 'closed', 'voided');
create type public.order_item_status as enum ('queued', 'preparing', 'ready', 'served', 'voided');
create type public.station_kind as enum ('kitchen', 'bar', 'other');

-- ============================================================================================
-- Tables
-- ============================================================================================

create table public.catalogue_categories (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  parent_id uuid,
  name text not null,
  sort_order integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint catalogue_categories_organization_id_id_key unique (organization_id, id),
  constraint catalogue_categories_organization_parent_name_key unique nulls not distinct (organization_id, parent_id, name),
  -- Same organization; deleting a parent lifts its children to the top level.
  constraint catalogue_categories_parent_fkey foreign key (organization_id, parent_id)
    references public.catalogue_categories (organization_id, id) on delete set null (parent_id),
  constraint catalogue_categories_not_own_parent check (parent_id is distinct from id),
  constraint catalogue_categories_name_length check (char_length(name) between 1 and 120 and name = btrim(name)),
  constraint catalogue_categories_sort_order_range check (sort_order between -1000000 and 1000000)
);
comment on table public.catalogue_categories is 'Menu or catalogue sections of an organization, optionally nested.';

create table public.catalogue_items (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  category_id uuid not null,
  name text not null,
  description text,
  -- A storage path in the organization's folder: `<organization_id>/items/<file>`.
  photo_path text,
  -- Before tax, or tax included where the property's order_settings say so (see the header).
  price_minor bigint not null,
  currency text not null,
  tax_rate_bp integer not null default 0,
  active boolean not null default true,
  sort_order integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint catalogue_items_organization_id_id_key unique (organization_id, id),
  -- Restrict: emptying a category is a deliberate act, not a side effect of deleting it.
  constraint catalogue_items_category_fkey foreign key (organization_id, category_id)
    references public.catalogue_categories (organization_id, id) on delete restrict,
  constraint catalogue_items_name_length check (char_length(name) between 1 and 120 and name = btrim(name)),
  constraint catalogue_items_description_length check (description is null or char_length(description) <= 2000),
  constraint catalogue_items_photo_path_format check (
    photo_path is null or (
      starts_with(photo_path, organization_id::text || '/items/')
      and char_length(photo_path) <= 512
      and photo_path !~ '(^|/)\.\.?(/|$)'
      and photo_path ~ '^[0-9a-f-]{36}/items/[A-Za-z0-9._/-]+$'
    )
  ),
  constraint catalogue_items_price_range check (price_minor between 0 and 100000000),
  constraint catalogue_items_currency_format check (currency ~ '^[A-Z]{3}$'),
  constraint catalogue_items_tax_rate_range check (tax_rate_bp between 0 and 10000),
  constraint catalogue_items_sort_order_range check (sort_order between -1000000 and 1000000)
);
comment on table public.catalogue_items is 'Things an organization sells: dishes, drinks, extras.';

-- One row per item a property sells: availability, optional price override and optional stock.
create table public.item_availability (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  item_id uuid not null,
  -- In the property's currency; null: the item's price.
  price_override_minor bigint,
  -- null: stock is not tracked. Decremented by submit_order, restored by voids; never negative.
  stock_count integer,
  low_stock_threshold integer not null default 0,
  -- For dashboards and the ordering screen: tracked and at or below its threshold.
  low_stock boolean generated always as (stock_count is not null and stock_count <= low_stock_threshold) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint item_availability_property_item_key unique (property_id, item_id),
  constraint item_availability_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  constraint item_availability_item_fkey foreign key (organization_id, item_id)
    references public.catalogue_items (organization_id, id) on delete cascade,
  constraint item_availability_price_override_range check (price_override_minor is null or price_override_minor between 0 and 100000000),
  constraint item_availability_stock_count_non_negative check (stock_count is null or stock_count between 0 and 1000000000),
  constraint item_availability_low_stock_threshold_range check (low_stock_threshold between 0 and 1000000000)
);
comment on table public.item_availability is 'Items a property sells, with an optional price override and optional stock.';

create table public.modifier_groups (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  name text not null,
  -- Required: at least min_choices options. Optional: none, or between min_choices and max_choices.
  required boolean not null default false,
  min_choices integer not null default 0,
  max_choices integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint modifier_groups_organization_id_id_key unique (organization_id, id),
  constraint modifier_groups_name_length check (char_length(name) between 1 and 120 and name = btrim(name)),
  constraint modifier_groups_choices_range check (min_choices >= 0 and max_choices between 1 and 50),
  constraint modifier_groups_min_not_above_max check (min_choices <= max_choices),
  constraint modifier_groups_required_needs_a_choice check (not required or min_choices >= 1)
);
comment on table public.modifier_groups is 'Choices offered with items (cooking, sides, extras), with how many to pick.';

create table public.modifier_options (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  group_id uuid not null,
  name text not null,
  -- May be negative ("no cheese"); add_order_item refuses a line whose unit total would be.
  price_delta_minor bigint not null default 0,
  active boolean not null default true,
  sort_order integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint modifier_options_organization_id_id_key unique (organization_id, id),
  constraint modifier_options_group_fkey foreign key (organization_id, group_id)
    references public.modifier_groups (organization_id, id) on delete cascade,
  constraint modifier_options_name_length check (char_length(name) between 1 and 120 and name = btrim(name)),
  constraint modifier_options_price_delta_range check (price_delta_minor between -100000000 and 100000000),
  constraint modifier_options_sort_order_range check (sort_order between -1000000 and 1000000)
);
comment on table public.modifier_options is 'The options of a modifier group, each with a price delta.';

create table public.item_modifier_groups (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  item_id uuid not null,
  group_id uuid not null,
  sort_order integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint item_modifier_groups_item_group_key unique (item_id, group_id),
  constraint item_modifier_groups_item_fkey foreign key (organization_id, item_id)
    references public.catalogue_items (organization_id, id) on delete cascade,
  constraint item_modifier_groups_group_fkey foreign key (organization_id, group_id)
    references public.modifier_groups (organization_id, id) on delete cascade,
  constraint item_modifier_groups_sort_order_range check (sort_order between -1000000 and 1000000)
);
comment on table public.item_modifier_groups is 'Which modifier groups an item offers.';

create table public.stations (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  name text not null,
  kind public.station_kind not null default 'kitchen',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint stations_property_id_id_key unique (property_id, id),
  constraint stations_property_name_key unique (property_id, name),
  constraint stations_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  constraint stations_name_length check (char_length(name) between 1 and 120 and name = btrim(name))
);
comment on table public.stations is 'Kitchen and bar stations of a property, where order items are prepared.';

-- A category's items go to this station at this property; subcategories without a route of
-- their own follow their nearest routed ancestor.
create table public.station_routes (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  station_id uuid not null,
  category_id uuid not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint station_routes_property_category_key unique (property_id, category_id),
  constraint station_routes_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  -- The station belongs to the route's property.
  constraint station_routes_station_fkey foreign key (property_id, station_id)
    references public.stations (property_id, id) on delete cascade,
  constraint station_routes_category_fkey foreign key (organization_id, category_id)
    references public.catalogue_categories (organization_id, id) on delete cascade
);
comment on table public.station_routes is 'Which station prepares the items of a category at a property.';

create table public.order_settings (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  -- Applied to the discounted subtotal; copied onto each order when it is created.
  service_charge_bp integer not null default 0,
  -- Menu prices of this property include tax (copied onto each order when it is created).
  prices_include_tax boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint order_settings_property_key unique (property_id),
  constraint order_settings_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  constraint order_settings_service_charge_range check (service_charge_bp between 0 and 10000)
);
comment on table public.order_settings is 'Ordering settings of a property (service charge).';

create table public.orders (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  kind public.order_kind not null,
  -- No foreign keys here: resources and bookings come from another migration; the folio
  -- migration adds the foreign keys and their indexes.
  table_resource_id uuid,
  booking_id uuid,
  guest_name text,
  status public.order_status not null default 'draft',
  currency text not null,
  service_charge_bp integer not null default 0,
  prices_include_tax boolean not null default false,
  -- Discount as asked for: a fixed amount or a percentage (basis points), never both.
  discount_fixed_minor bigint,
  discount_bp integer,
  discount_reason text,
  discount_by uuid references auth.users (id) on delete set null,
  -- Totals: maintained by private.recompute_order() on every change of the order's items.
  subtotal_minor bigint not null default 0,
  discount_minor bigint not null default 0,
  tax_minor bigint not null default 0,
  service_charge_minor bigint not null default 0,
  total_minor bigint not null default 0,
  submitted_at timestamptz,
  closed_at timestamptz,
  voided_at timestamptz,
  void_reason text,
  voided_by uuid references auth.users (id) on delete set null,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Targets of composite foreign keys: folio entries (organization), order items (property).
  constraint orders_organization_id_id_key unique (organization_id, id),
  constraint orders_organization_property_id_key unique (organization_id, property_id, id),
  constraint orders_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  constraint orders_table_needs_resource check (kind <> 'table' or table_resource_id is not null),
  constraint orders_room_needs_booking check (kind <> 'room' or booking_id is not null),
  constraint orders_takeaway_has_no_table check (kind <> 'takeaway' or table_resource_id is null),
  constraint orders_guest_name_length check (guest_name is null or (char_length(guest_name) between 1 and 120 and guest_name = btrim(guest_name))),
  constraint orders_currency_format check (currency ~ '^[A-Z]{3}$'),
  constraint orders_service_charge_range check (service_charge_bp between 0 and 10000),
  constraint orders_one_discount_kind check (discount_fixed_minor is null or discount_bp is null),
  constraint orders_discount_fixed_range check (discount_fixed_minor is null or discount_fixed_minor > 0),
  constraint orders_discount_bp_range check (discount_bp is null or discount_bp between 1 and 10000),
  constraint orders_discount_reason_length check (discount_reason is null or char_length(discount_reason) between 1 and 500),
  constraint orders_amounts_non_negative check (
    subtotal_minor >= 0 and tax_minor >= 0 and service_charge_minor >= 0 and total_minor >= 0
  ),
  constraint orders_discount_within_subtotal check (discount_minor between 0 and subtotal_minor),
  constraint orders_total_adds_up check (
    total_minor = subtotal_minor - discount_minor + (case when prices_include_tax then 0 else tax_minor end)
      + service_charge_minor
  ),
  constraint orders_void_reason_length check (void_reason is null or char_length(void_reason) between 1 and 500),
  constraint orders_voided_has_reason check (status <> 'voided' or void_reason is not null)
);
comment on table public.orders is 'An order for a table, a room (booking) or takeaway, with totals computed in the database.';

create table public.order_items (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  order_id uuid not null,
  -- The catalogue rows may change or go; the snapshots below are what was ordered.
  item_id uuid,
  station_id uuid,
  item_name text not null,
  -- [{option_id, group_id, group_name, name, price_delta_minor}], as chosen.
  options jsonb not null default '[]'::jsonb,
  note text,
  unit_price_minor bigint not null,
  options_total_minor bigint not null default 0,
  quantity integer not null,
  tax_rate_bp integer not null,
  -- The order's prices_include_tax (kept equal by private.recompute_order()).
  prices_include_tax boolean not null default false,
  line_subtotal_minor bigint generated always as (quantity * (unit_price_minor + options_total_minor)) stored,
  -- This line's share of the order discount, and its tax: maintained by private.recompute_order().
  discount_minor bigint not null default 0,
  tax_minor bigint not null default 0,
  line_total_minor bigint generated always as (
    quantity * (unit_price_minor + options_total_minor) - discount_minor
      + (case when prices_include_tax then 0 else tax_minor end)
  ) stored,
  status public.order_item_status not null default 'queued',
  -- True once submit_order took this line's quantity from tracked stock (a void gives it back).
  stock_deducted boolean not null default false,
  void_reason text,
  voided_by uuid references auth.users (id) on delete set null,
  voided_at timestamptz,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint order_items_order_fkey foreign key (organization_id, property_id, order_id)
    references public.orders (organization_id, property_id, id) on delete cascade,
  constraint order_items_item_fkey foreign key (organization_id, item_id)
    references public.catalogue_items (organization_id, id) on delete set null (item_id),
  constraint order_items_station_fkey foreign key (property_id, station_id)
    references public.stations (property_id, id) on delete set null (station_id),
  constraint order_items_item_name_length check (char_length(item_name) between 1 and 120),
  constraint order_items_options_array check (jsonb_typeof(options) = 'array' and pg_column_size(options) <= 16384),
  constraint order_items_note_length check (note is null or char_length(note) between 1 and 200),
  constraint order_items_unit_price_range check (unit_price_minor between 0 and 100000000),
  constraint order_items_options_total_range check (options_total_minor between -100000000 and 5000000000),
  constraint order_items_unit_total_non_negative check (unit_price_minor + options_total_minor >= 0),
  constraint order_items_quantity_range check (quantity between 1 and 999),
  constraint order_items_tax_rate_range check (tax_rate_bp between 0 and 10000),
  constraint order_items_discount_range check (
    discount_minor >= 0 and discount_minor <= quantity * (unit_price_minor + options_total_minor)
  ),
  constraint order_items_tax_non_negative check (tax_minor >= 0),
  constraint order_items_voided_has_reason check (status <> 'voided' or (void_reason is not null and discount_minor = 0 and tax_minor = 0)),
  constraint order_items_void_reason_length check (void_reason is null or char_length(void_reason) between 1 and 500)
);
comment on table public.order_items is 'Lines of an order: snapshots of the item, options and prices, routed to a station.';

-- ============================================================================================
-- Indexes (every foreign key, organization_id leading one index per table)
-- ============================================================================================

create index catalogue_categories_parent_idx on public.catalogue_categories (organization_id, parent_id);
create index catalogue_items_category_idx on public.catalogue_items (organization_id, category_id);
create index item_availability_property_idx on public.item_availability (organization_id, property_id);
create index item_availability_item_idx on public.item_availability (organization_id, item_id);
create index modifier_options_group_idx on public.modifier_options (organization_id, group_id);
create index item_modifier_groups_item_idx on public.item_modifier_groups (organization_id, item_id);
create index item_modifier_groups_group_idx on public.item_modifier_groups (organization_id, group_id);
create index stations_property_idx on public.stations (organization_id, property_id);
create index station_routes_property_idx on public.station_routes (organization_id, property_id);
create index station_routes_station_idx on public.station_routes (property_id, station_id);
create index station_routes_category_idx on public.station_routes (organization_id, category_id);
create index order_settings_property_idx on public.order_settings (organization_id, property_id);
create index orders_property_status_idx on public.orders (organization_id, property_id, status);
-- booking_id and table_resource_id: indexed by the folio migration, with their foreign keys.
create index orders_discount_by_idx on public.orders (discount_by);
create index orders_voided_by_idx on public.orders (voided_by);
create index orders_created_by_idx on public.orders (created_by);
create index order_items_order_idx on public.order_items (order_id, organization_id, property_id);
create index order_items_organization_idx on public.order_items (organization_id, item_id);
-- The kitchen display: open lines of a station.
create index order_items_station_idx on public.order_items (property_id, station_id) where status in ('queued', 'preparing', 'ready');
create index order_items_voided_by_idx on public.order_items (voided_by);
create index order_items_created_by_idx on public.order_items (created_by);

-- ============================================================================================
-- Triggers
-- ============================================================================================

-- The order flow: draft → submitted → preparing → ready → served → closed; voided from any state
-- before closed. Anything else, on any code path, is `invalid_transition`.
create function private.check_order_transition()
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

-- Item flow for the kitchen display: queued → preparing → ready → served, one step at a time;
-- voided from any state but voided.
create function private.check_order_item_transition()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.status is distinct from old.status then
    if not (
      (old.status, new.status) in (
        ('queued'::public.order_item_status, 'preparing'::public.order_item_status),
        ('preparing', 'ready'), ('ready', 'served'))
      or (new.status = 'voided' and old.status <> 'voided')
    ) then
      raise exception using errcode = 'P0001', message = 'invalid_transition',
        detail = format('An order item cannot go from %s to %s.', old.status, new.status);
    end if;
    if new.status = 'voided' then
      new.voided_at := coalesce(new.voided_at, now());
    end if;
  end if;
  return new;
end;
$$;

-- Recomputes an order's totals and its lines' discount shares and tax (rules in the header).
-- Only rows whose values change are written, so a recompute that changes nothing logs nothing.
create function private.recompute_order(p_order_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_order public.orders;
  v_subtotal numeric;
  v_discount numeric;
  v_tax numeric;
begin
  select * into v_order from public.orders o where o.id = p_order_id;
  if v_order.id is null then
    return; -- deleted (a cascade from its order)
  end if;
  select coalesce(sum(i.line_subtotal_minor), 0) into v_subtotal
  from public.order_items i where i.order_id = p_order_id and i.status <> 'voided';
  -- Rule 3.
  v_discount := case
    when v_order.discount_bp is not null then div(v_subtotal * v_order.discount_bp + 5000, 10000)
    when v_order.discount_fixed_minor is not null then least(v_order.discount_fixed_minor, v_subtotal)
    else 0
  end;
  -- Rules 4 and 5, per line.
  with lines as (
    select i.id, i.line_subtotal_minor::numeric as amount, i.tax_rate_bp
    from public.order_items i where i.order_id = p_order_id and i.status <> 'voided'
  ), shares as (
    select l.*,
      case when v_subtotal = 0 then 0 else div(v_discount * l.amount, v_subtotal) end as base,
      case when v_subtotal = 0 then 0 else mod(v_discount * l.amount, v_subtotal) end as remainder
    from lines l
  ), ranked as (
    select s.*,
      row_number() over (order by s.remainder desc, s.amount desc, s.id) as rank,
      v_discount - sum(s.base) over () as left_over
    from shares s
  ), computed as (
    select r.id, (r.base + case when r.rank <= r.left_over then 1 else 0 end)::bigint as discount_minor, r.amount, r.tax_rate_bp
    from ranked r
  ), taxed as (
    select c.id, c.discount_minor,
      (case when v_order.prices_include_tax
        then div(2 * (c.amount - c.discount_minor) * c.tax_rate_bp + (10000 + c.tax_rate_bp), 2 * (10000 + c.tax_rate_bp))
        else div((c.amount - c.discount_minor) * c.tax_rate_bp + 5000, 10000)
      end)::bigint as tax_minor
    from computed c
  )
  update public.order_items i
  set discount_minor = t.discount_minor, tax_minor = t.tax_minor, prices_include_tax = v_order.prices_include_tax
  from taxed t
  where i.id = t.id
    and (i.discount_minor, i.tax_minor, i.prices_include_tax)
      is distinct from (t.discount_minor, t.tax_minor, v_order.prices_include_tax);
  update public.order_items i set discount_minor = 0, tax_minor = 0, prices_include_tax = v_order.prices_include_tax
  where i.order_id = p_order_id and i.status = 'voided'
    and (i.discount_minor <> 0 or i.tax_minor <> 0 or i.prices_include_tax <> v_order.prices_include_tax);
  select coalesce(sum(i.tax_minor), 0) into v_tax
  from public.order_items i where i.order_id = p_order_id and i.status <> 'voided';
  -- Rules 6 and 7.
  update public.orders o
  set subtotal_minor = t.subtotal, discount_minor = t.discount, tax_minor = t.tax,
      service_charge_minor = t.service,
      total_minor = t.subtotal - t.discount + (case when v_order.prices_include_tax then 0 else t.tax end) + t.service
  from (
    select v_subtotal::bigint as subtotal, v_discount::bigint as discount, v_tax::bigint as tax,
      div((v_subtotal - v_discount) * v_order.service_charge_bp + 5000, 10000)::bigint as service
  ) t
  where o.id = p_order_id
    and (o.subtotal_minor, o.discount_minor, o.tax_minor, o.service_charge_minor, o.total_minor)
      is distinct from (t.subtotal, t.discount, t.tax, t.service,
        t.subtotal - t.discount + (case when v_order.prices_include_tax then 0 else t.tax end) + t.service);
end;
$$;

-- Totals follow every change of an order's items, whoever makes it. Fires on the columns that
-- change amounts, not on discount_minor/tax_minor, which the recompute itself writes.
create function private.recompute_order_after_item_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op <> 'INSERT' then
    perform private.recompute_order(old.order_id);
  end if;
  if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.order_id is distinct from old.order_id) then
    perform private.recompute_order(new.order_id);
  end if;
  return null;
end;
$$;

-- A new order's totals follow its discount settings.
create function private.recompute_order_after_discount_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.recompute_order(new.id);
  return null;
end;
$$;

create trigger catalogue_categories_touch_updated_at before update on public.catalogue_categories
  for each row execute function private.touch_updated_at();
create trigger catalogue_items_touch_updated_at before update on public.catalogue_items
  for each row execute function private.touch_updated_at();
create trigger item_availability_touch_updated_at before update on public.item_availability
  for each row execute function private.touch_updated_at();
create trigger modifier_groups_touch_updated_at before update on public.modifier_groups
  for each row execute function private.touch_updated_at();
create trigger modifier_options_touch_updated_at before update on public.modifier_options
  for each row execute function private.touch_updated_at();
create trigger item_modifier_groups_touch_updated_at before update on public.item_modifier_groups
  for each row execute function private.touch_updated_at();
create trigger stations_touch_updated_at before update on public.stations
  for each row execute function private.touch_updated_at();
create trigger station_routes_touch_updated_at before update on public.station_routes
  for each row execute function private.touch_updated_at();
create trigger order_settings_touch_updated_at before update on public.order_settings
  for each row execute function private.touch_updated_at();
create trigger orders_touch_updated_at before update on public.orders
  for each row execute function private.touch_updated_at();
create trigger order_items_touch_updated_at before update on public.order_items
  for each row execute function private.touch_updated_at();

create trigger catalogue_categories_organization_immutable before update on public.catalogue_categories
  for each row execute function private.forbid_organization_change();
create trigger catalogue_items_organization_immutable before update on public.catalogue_items
  for each row execute function private.forbid_organization_change();
create trigger item_availability_organization_immutable before update on public.item_availability
  for each row execute function private.forbid_organization_change();
create trigger modifier_groups_organization_immutable before update on public.modifier_groups
  for each row execute function private.forbid_organization_change();
create trigger modifier_options_organization_immutable before update on public.modifier_options
  for each row execute function private.forbid_organization_change();
create trigger item_modifier_groups_organization_immutable before update on public.item_modifier_groups
  for each row execute function private.forbid_organization_change();
create trigger stations_organization_immutable before update on public.stations
  for each row execute function private.forbid_organization_change();
create trigger station_routes_organization_immutable before update on public.station_routes
  for each row execute function private.forbid_organization_change();
create trigger order_settings_organization_immutable before update on public.order_settings
  for each row execute function private.forbid_organization_change();
create trigger orders_organization_immutable before update on public.orders
  for each row execute function private.forbid_organization_change();
create trigger order_items_organization_immutable before update on public.order_items
  for each row execute function private.forbid_organization_change();

create trigger catalogue_categories_audit after insert or update or delete on public.catalogue_categories
  for each row execute function private.record_audit('organization_id');
create trigger catalogue_items_audit after insert or update or delete on public.catalogue_items
  for each row execute function private.record_audit('organization_id');
create trigger item_availability_audit after insert or update or delete on public.item_availability
  for each row execute function private.record_audit('organization_id');
create trigger modifier_groups_audit after insert or update or delete on public.modifier_groups
  for each row execute function private.record_audit('organization_id');
create trigger modifier_options_audit after insert or update or delete on public.modifier_options
  for each row execute function private.record_audit('organization_id');
create trigger item_modifier_groups_audit after insert or update or delete on public.item_modifier_groups
  for each row execute function private.record_audit('organization_id');
create trigger stations_audit after insert or update or delete on public.stations
  for each row execute function private.record_audit('organization_id');
create trigger station_routes_audit after insert or update or delete on public.station_routes
  for each row execute function private.record_audit('organization_id');
create trigger order_settings_audit after insert or update or delete on public.order_settings
  for each row execute function private.record_audit('organization_id');
create trigger orders_audit after insert or update or delete on public.orders
  for each row execute function private.record_audit('organization_id');
create trigger order_items_audit after insert or update or delete on public.order_items
  for each row execute function private.record_audit('organization_id');

create trigger orders_status_flow before update of status on public.orders
  for each row execute function private.check_order_transition();
create trigger order_items_status_flow before update of status on public.order_items
  for each row execute function private.check_order_item_transition();
create trigger order_items_recompute_order
  after insert or delete or update of order_id, quantity, unit_price_minor, options_total_minor, tax_rate_bp, status
  on public.order_items
  for each row execute function private.recompute_order_after_item_change();
create trigger orders_recompute_after_discount_change
  after update of discount_fixed_minor, discount_bp, service_charge_bp, prices_include_tax on public.orders
  for each row execute function private.recompute_order_after_discount_change();

-- ============================================================================================
-- Helper functions (RPC internals)
-- ============================================================================================

-- The order, locked, when the caller holds p_min_role at its property; else the stable error.
create function private.lock_order(p_order_id uuid, p_min_role public.org_role)
returns public.orders
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_order public.orders;
begin
  perform private.check_input(p_order_id is not null, 'invalid_order_id', 'Order id is required.');
  perform private.require_user();
  select * into v_order from public.orders o where o.id = p_order_id for update;
  perform private.require_property_role(v_order.property_id, p_min_role, 'order_not_found',
    'No such order, or you do not work at its property.');
  return v_order;
end;
$$;

-- An order line and its order, both locked (order first, as everywhere).
create function private.lock_order_item(p_order_item_id uuid, p_min_role public.org_role)
returns public.order_items
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_order_id uuid;
  v_item public.order_items;
begin
  perform private.check_input(p_order_item_id is not null, 'invalid_order_item_id', 'Order item id is required.');
  perform private.require_user();
  select i.order_id into v_order_id from public.order_items i where i.id = p_order_item_id;
  if v_order_id is null or not private.can_access_property(
    (select o.property_id from public.orders o where o.id = v_order_id), 'viewer') then
    perform private.raise_error('order_item_not_found', 'No such order item, or you do not work at its property.', 'P0002');
  end if;
  perform private.lock_order(v_order_id, p_min_role);
  select * into v_item from public.order_items i where i.id = p_order_item_id for update;
  return v_item;
end;
$$;

create function private.require_order_status(p_order public.orders, p_statuses public.order_status[], p_doing text)
returns void
language plpgsql
volatile
set search_path = ''
as $$
begin
  if not (p_order.status = any (p_statuses)) then
    perform private.raise_error('invalid_order_status', format('Cannot %s an order that is %s.', p_doing, p_order.status), 'P0001');
  end if;
end;
$$;

create function private.check_reason(p_reason text)
returns text
language plpgsql
volatile
set search_path = ''
as $$
begin
  perform private.check_input(char_length(btrim(p_reason)) between 1 and 500, 'invalid_reason',
    'A reason of 1 to 500 characters is required.');
  return btrim(p_reason);
end;
$$;

-- Gives back the tracked stock a line took at submit (a void).
create function private.restore_stock(p_item public.order_items)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  if p_item.stock_deducted and p_item.item_id is not null then
    update public.item_availability a
    set stock_count = a.stock_count + p_item.quantity
    where a.property_id = p_item.property_id and a.item_id = p_item.item_id and a.stock_count is not null;
  end if;
end;
$$;

-- What an order is for, checked by create_order. Here only the shape (the kind's rules are
-- checked before); the folio migration, which owns the links to resources and bookings,
-- replaces this function (same signature) to check that the table or booking exists at the
-- property, raising table_not_found / booking_not_found (P0002).
create function private.check_order_target(
  p_property_id uuid,
  p_kind public.order_kind,
  p_table_resource_id uuid,
  p_booking_id uuid
)
returns void
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return;
end;
$$;

-- The station that prepares a category's items at a property: its own route or its nearest
-- routed ancestor's; null when none.
create function private.station_for_category(p_property_id uuid, p_category_id uuid)
returns uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (
    with recursive chain (category_id, parent_id, depth) as (
      select c.id, c.parent_id, 0 from public.catalogue_categories c where c.id = p_category_id
      union all
      select c.id, c.parent_id, chain.depth + 1
      from chain join public.catalogue_categories c on c.id = chain.parent_id
      where chain.depth < 32
    )
    select r.station_id from chain join public.station_routes r
      on r.category_id = chain.category_id and r.property_id = p_property_id
    order by chain.depth
    limit 1
  );
end;
$$;

-- ============================================================================================
-- Policies
-- ============================================================================================

alter table public.catalogue_categories enable row level security;
alter table public.catalogue_items enable row level security;
alter table public.item_availability enable row level security;
alter table public.modifier_groups enable row level security;
alter table public.modifier_options enable row level security;
alter table public.item_modifier_groups enable row level security;
alter table public.stations enable row level security;
alter table public.station_routes enable row level security;
alter table public.order_settings enable row level security;
alter table public.orders enable row level security;
alter table public.order_items enable row level security;

-- Organization-wide catalogue: every member reads it; managers over every property edit it
-- (an edit reaches every property, so a manager restricted to some may not make it).
create policy "members can read catalogue categories" on public.catalogue_categories
  for select to authenticated using (organization_id in (select private.orgs_with_role('viewer')));
create policy "unrestricted managers can manage catalogue categories" on public.catalogue_categories
  for all to authenticated
  using (organization_id in (select private.orgs_with_role_over_all_properties('manager')))
  with check (organization_id in (select private.orgs_with_role_over_all_properties('manager')));

create policy "members can read catalogue items" on public.catalogue_items
  for select to authenticated using (organization_id in (select private.orgs_with_role('viewer')));
create policy "unrestricted managers can manage catalogue items" on public.catalogue_items
  for all to authenticated
  using (organization_id in (select private.orgs_with_role_over_all_properties('manager')))
  with check (organization_id in (select private.orgs_with_role_over_all_properties('manager')));

create policy "members can read modifier groups" on public.modifier_groups
  for select to authenticated using (organization_id in (select private.orgs_with_role('viewer')));
create policy "unrestricted managers can manage modifier groups" on public.modifier_groups
  for all to authenticated
  using (organization_id in (select private.orgs_with_role_over_all_properties('manager')))
  with check (organization_id in (select private.orgs_with_role_over_all_properties('manager')));

create policy "members can read modifier options" on public.modifier_options
  for select to authenticated using (organization_id in (select private.orgs_with_role('viewer')));
create policy "unrestricted managers can manage modifier options" on public.modifier_options
  for all to authenticated
  using (organization_id in (select private.orgs_with_role_over_all_properties('manager')))
  with check (organization_id in (select private.orgs_with_role_over_all_properties('manager')));

create policy "members can read item modifier groups" on public.item_modifier_groups
  for select to authenticated using (organization_id in (select private.orgs_with_role('viewer')));
create policy "unrestricted managers can manage item modifier groups" on public.item_modifier_groups
  for all to authenticated
  using (organization_id in (select private.orgs_with_role_over_all_properties('manager')))
  with check (organization_id in (select private.orgs_with_role_over_all_properties('manager')));

-- Per-property rows: members of the property read them, its managers edit them.
create policy "members can read item availability where they work" on public.item_availability
  for select to authenticated
  using (
    organization_id in (select private.orgs_with_role_over_all_properties('viewer'))
    or property_id in (select private.listed_properties('viewer'))
  );
create policy "managers can manage item availability where they work" on public.item_availability
  for all to authenticated
  using (
    organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or property_id in (select private.listed_properties('manager'))
  )
  with check (
    organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or property_id in (select private.listed_properties('manager'))
  );

create policy "members can read stations where they work" on public.stations
  for select to authenticated
  using (
    organization_id in (select private.orgs_with_role_over_all_properties('viewer'))
    or property_id in (select private.listed_properties('viewer'))
  );
create policy "managers can manage stations where they work" on public.stations
  for all to authenticated
  using (
    organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or property_id in (select private.listed_properties('manager'))
  )
  with check (
    organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or property_id in (select private.listed_properties('manager'))
  );

create policy "members can read station routes where they work" on public.station_routes
  for select to authenticated
  using (
    organization_id in (select private.orgs_with_role_over_all_properties('viewer'))
    or property_id in (select private.listed_properties('viewer'))
  );
create policy "managers can manage station routes where they work" on public.station_routes
  for all to authenticated
  using (
    organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or property_id in (select private.listed_properties('manager'))
  )
  with check (
    organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or property_id in (select private.listed_properties('manager'))
  );

create policy "members can read order settings where they work" on public.order_settings
  for select to authenticated
  using (
    organization_id in (select private.orgs_with_role_over_all_properties('viewer'))
    or property_id in (select private.listed_properties('viewer'))
  );
create policy "managers can manage order settings where they work" on public.order_settings
  for all to authenticated
  using (
    organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or property_id in (select private.listed_properties('manager'))
  )
  with check (
    organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or property_id in (select private.listed_properties('manager'))
  );

-- Orders: read by members of the property; written only by the RPCs below.
create policy "members can read orders where they work" on public.orders
  for select to authenticated
  using (
    organization_id in (select private.orgs_with_role_over_all_properties('viewer'))
    or property_id in (select private.listed_properties('viewer'))
  );
create policy "members can read order items where they work" on public.order_items
  for select to authenticated
  using (
    organization_id in (select private.orgs_with_role_over_all_properties('viewer'))
    or property_id in (select private.listed_properties('viewer'))
  );

-- ============================================================================================
-- Public RPCs
-- ============================================================================================

-- p_kind: 'table' needs p_table_resource_id, 'room' needs p_booking_id, 'takeaway' takes no table.
-- The resource and booking are checked by private.check_order_target, which the folio migration
-- fills in (their tables come with another migration).
create function public.create_order(
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
  if v_property.id is null or not private.can_access_property(p_property_id, 'viewer') then
    perform private.raise_error('property_not_found', 'No such property, or you do not work there.', 'P0002');
  end if;
  if not private.can_access_property(p_property_id, 'staff') then
    perform private.raise_error('insufficient_role', 'This needs the staff role or higher.', '42501');
  end if;
  perform private.check_order_target(p_property_id, p_kind::public.order_kind, p_table_resource_id, p_booking_id);
  insert into public.orders (organization_id, property_id, kind, table_resource_id, booking_id, guest_name,
    currency, service_charge_bp, prices_include_tax, created_by)
  select v_property.organization_id, p_property_id, p_kind::public.order_kind, p_table_resource_id, p_booking_id,
    btrim(p_guest_name), v_property.currency, coalesce(s.service_charge_bp, 0), coalesce(s.prices_include_tax, false), v_user
  from (select 1) as one
  left join public.order_settings s on s.property_id = p_property_id
  returning * into v_order;
  return v_order;
end;
$$;

-- Adds a line to a draft order: the item must be active and sold at the order's property, in its
-- currency; the options must belong to the item's groups and satisfy each group's rules.
create function public.add_order_item(
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
declare
  v_order public.orders;
  v_item public.catalogue_items;
  v_price bigint;
  v_options jsonb;
  v_options_total bigint;
  v_bad_group text;
  v_line public.order_items;
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
  v_order := private.lock_order(p_order_id, 'staff');
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
    btrim(p_note), v_price, v_options_total, p_quantity, v_item.tax_rate_bp, v_order.prices_include_tax, auth.uid())
  returning * into v_line;
  select * into v_line from public.order_items i where i.id = v_line.id; -- with its recomputed tax
  return v_line;
end;
$$;

create function public.change_order_item_quantity(p_order_item_id uuid, p_quantity integer)
returns public.order_items
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_line public.order_items;
begin
  perform private.check_input(p_order_item_id is not null, 'invalid_order_item_id', 'Order item id is required.');
  perform private.check_input(p_quantity between 1 and 999, 'invalid_quantity', 'Quantity must be 1 to 999.');
  v_line := private.lock_order_item(p_order_item_id, 'staff');
  perform private.require_order_status((select o from public.orders o where o.id = v_line.order_id), '{draft}',
    'change the items of');
  if v_line.status = 'voided' then
    perform private.raise_error('invalid_order_item_status', 'This item was voided.', 'P0001');
  end if;
  update public.order_items i set quantity = p_quantity where i.id = p_order_item_id;
  select * into v_line from public.order_items i where i.id = p_order_item_id;
  return v_line;
end;
$$;

create function public.remove_order_item(p_order_item_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_line public.order_items := private.lock_order_item(p_order_item_id, 'staff');
begin
  perform private.require_order_status((select o from public.orders o where o.id = v_line.order_id), '{draft}',
    'remove items from');
  delete from public.order_items i where i.id = p_order_item_id;
end;
$$;

-- Sends a draft to the kitchen: takes tracked stock for every line, all or nothing. Stock rows
-- are taken in item order (no deadlock between two submits); `stock_count >= q` is re-checked
-- on the locked row, so concurrent submits never take more than there is.
create function public.submit_order(p_order_id uuid)
returns public.orders
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_order public.orders := private.lock_order(p_order_id, 'staff');
  v_need record;
begin
  perform private.require_order_status(v_order, '{draft}', 'submit');
  if not exists (select 1 from public.order_items i where i.order_id = p_order_id and i.status <> 'voided') then
    perform private.raise_error('empty_order', 'Add at least one item before submitting.', 'P0001');
  end if;
  for v_need in
    select i.item_id, sum(i.quantity)::integer as quantity, min(i.item_name) as item_name
    from public.order_items i
    where i.order_id = p_order_id and i.status <> 'voided' and i.item_id is not null
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
  where i.order_id = p_order_id and i.status <> 'voided' and exists (
    select 1 from public.item_availability a
    where a.property_id = i.property_id and a.item_id = i.item_id and a.stock_count is not null
  );
  update public.orders o set status = 'submitted' where o.id = p_order_id returning * into v_order;
  return v_order;
end;
$$;

-- Kitchen/bar progress of a whole order: submitted → preparing → ready → served.
create function public.advance_order_status(p_order_id uuid, p_status text)
returns public.orders
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_order public.orders;
begin
  perform private.check_input(p_order_id is not null, 'invalid_order_id', 'Order id is required.');
  perform private.check_input(p_status in ('preparing', 'ready', 'served'), 'invalid_status',
    'Status must be one of preparing, ready, served.');
  v_order := private.lock_order(p_order_id, 'staff');
  if v_order.status = p_status::public.order_status then
    perform private.raise_error('invalid_transition', format('The order is already %s.', v_order.status), 'P0001');
  end if;
  -- The status trigger refuses every other move with invalid_transition.
  update public.orders o set status = p_status::public.order_status where o.id = p_order_id returning * into v_order;
  return v_order;
end;
$$;

-- Kitchen display: one line moves queued → preparing → ready → served while its order is in the
-- kitchen's hands (submitted, preparing, ready).
create function public.set_order_item_status(p_order_item_id uuid, p_status text)
returns public.order_items
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_line public.order_items;
begin
  perform private.check_input(p_order_item_id is not null, 'invalid_order_item_id', 'Order item id is required.');
  perform private.check_input(p_status in ('preparing', 'ready', 'served'), 'invalid_status',
    'Status must be one of preparing, ready, served.');
  v_line := private.lock_order_item(p_order_item_id, 'staff');
  perform private.require_order_status((select o from public.orders o where o.id = v_line.order_id),
    '{submitted,preparing,ready}', 'prepare the items of');
  if v_line.status = p_status::public.order_item_status then
    perform private.raise_error('invalid_transition', format('The item is already %s.', v_line.status), 'P0001');
  end if;
  update public.order_items i set status = p_status::public.order_item_status where i.id = p_order_item_id
  returning * into v_line;
  return v_line;
end;
$$;

-- Managers and up, with a reason; gives back the stock the line took.
create function public.void_order_item(p_order_item_id uuid, p_reason text)
returns public.order_items
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_reason text;
  v_line public.order_items;
begin
  perform private.check_input(p_order_item_id is not null, 'invalid_order_item_id', 'Order item id is required.');
  v_reason := private.check_reason(p_reason);
  v_line := private.lock_order_item(p_order_item_id, 'manager');
  perform private.require_order_status((select o from public.orders o where o.id = v_line.order_id),
    '{draft,submitted,preparing,ready,served}', 'void the items of');
  if v_line.status = 'voided' then
    perform private.raise_error('invalid_transition', 'This item is already voided.', 'P0001');
  end if;
  perform private.restore_stock(v_line);
  update public.order_items i
  set status = 'voided', void_reason = v_reason, voided_by = auth.uid(), stock_deducted = false,
      discount_minor = 0, tax_minor = 0
  where i.id = p_order_item_id;
  select * into v_line from public.order_items i where i.id = p_order_item_id;
  return v_line;
end;
$$;

-- Managers and up, with a reason: voids the order and every line, giving back their stock.
create function public.void_order(p_order_id uuid, p_reason text)
returns public.orders
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_reason text;
  v_order public.orders;
  v_line public.order_items;
begin
  perform private.check_input(p_order_id is not null, 'invalid_order_id', 'Order id is required.');
  v_reason := private.check_reason(p_reason);
  v_order := private.lock_order(p_order_id, 'manager');
  perform private.require_order_status(v_order, '{draft,submitted,preparing,ready,served}', 'void');
  for v_line in
    select * from public.order_items i where i.order_id = p_order_id and i.status <> 'voided' order by i.item_id, i.id
  loop
    perform private.restore_stock(v_line);
  end loop;
  update public.order_items i
  set status = 'voided', void_reason = v_reason, voided_by = auth.uid(), stock_deducted = false,
      discount_minor = 0, tax_minor = 0
  where i.order_id = p_order_id and i.status <> 'voided';
  update public.orders o set status = 'voided', void_reason = v_reason, voided_by = auth.uid()
  where o.id = p_order_id returning * into v_order;
  return v_order;
end;
$$;

-- Managers and up, with a reason: a fixed amount (p_amount_minor) or a percentage in basis points
-- (p_percent_bp), not both; both null removes the discount. Open orders only.
create function public.apply_order_discount(p_order_id uuid, p_amount_minor bigint, p_percent_bp integer, p_reason text)
returns public.orders
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_reason text;
  v_order public.orders;
begin
  perform private.check_input(p_order_id is not null, 'invalid_order_id', 'Order id is required.');
  perform private.check_input(p_amount_minor is null or p_percent_bp is null, 'invalid_discount',
    'Give an amount or a percentage, not both.');
  perform private.check_input(p_amount_minor is null or p_amount_minor between 1 and 100000000000, 'invalid_amount',
    'Amount must be 1 to 100000000000 minor units.');
  perform private.check_input(p_percent_bp is null or p_percent_bp between 1 and 10000, 'invalid_percent',
    'Percentage must be 1 to 10000 basis points.');
  v_reason := private.check_reason(p_reason);
  v_order := private.lock_order(p_order_id, 'manager');
  perform private.require_order_status(v_order, '{draft,submitted,preparing,ready,served}', 'discount');
  if p_amount_minor > v_order.subtotal_minor then
    perform private.raise_error('discount_too_large', 'The discount exceeds the order subtotal.', 'P0001');
  end if;
  update public.orders o
  set discount_fixed_minor = p_amount_minor, discount_bp = p_percent_bp,
      discount_reason = case when p_amount_minor is null and p_percent_bp is null then null else v_reason end,
      discount_by = auth.uid()
  where o.id = p_order_id;
  select * into v_order from public.orders o where o.id = p_order_id;
  return v_order;
end;
$$;

-- Served → closed (settling the bill is the folio's business).
create function public.close_order(p_order_id uuid)
returns public.orders
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_order public.orders := private.lock_order(p_order_id, 'staff');
begin
  if v_order.status = 'closed' then
    perform private.raise_error('invalid_transition', 'The order is already closed.', 'P0001');
  end if;
  update public.orders o set status = 'closed' where o.id = p_order_id returning * into v_order;
  return v_order;
end;
$$;

-- ============================================================================================
-- Grants
-- ============================================================================================

revoke all on table public.catalogue_categories, public.catalogue_items, public.item_availability,
  public.modifier_groups, public.modifier_options, public.item_modifier_groups, public.stations,
  public.station_routes, public.order_settings, public.orders, public.order_items
from anon, authenticated;

grant select, insert, update, delete on table public.catalogue_categories, public.catalogue_items,
  public.item_availability, public.modifier_groups, public.modifier_options, public.item_modifier_groups,
  public.stations, public.station_routes, public.order_settings
to authenticated;
grant select on table public.orders, public.order_items to authenticated;

revoke execute on function
  private.check_order_transition(),
  private.check_order_item_transition(),
  private.recompute_order(uuid),
  private.recompute_order_after_item_change(),
  private.recompute_order_after_discount_change(),
  private.lock_order(uuid, public.org_role),
  private.lock_order_item(uuid, public.org_role),
  private.require_order_status(public.orders, public.order_status[], text),
  private.check_reason(text),
  private.restore_stock(public.order_items),
  private.check_order_target(uuid, public.order_kind, uuid, uuid),
  private.station_for_category(uuid, uuid)
from public, anon, authenticated;

revoke execute on function
  public.create_order(uuid, text, uuid, uuid, text),
  public.add_order_item(uuid, uuid, integer, uuid[], text),
  public.change_order_item_quantity(uuid, integer),
  public.remove_order_item(uuid),
  public.submit_order(uuid),
  public.advance_order_status(uuid, text),
  public.set_order_item_status(uuid, text),
  public.void_order_item(uuid, text),
  public.void_order(uuid, text),
  public.apply_order_discount(uuid, bigint, integer, text),
  public.close_order(uuid)
from public, anon;
grant execute on function
  public.create_order(uuid, text, uuid, uuid, text),
  public.add_order_item(uuid, uuid, integer, uuid[], text),
  public.change_order_item_quantity(uuid, integer),
  public.remove_order_item(uuid),
  public.submit_order(uuid),
  public.advance_order_status(uuid, text),
  public.set_order_item_status(uuid, text),
  public.void_order_item(uuid, text),
  public.void_order(uuid, text),
  public.apply_order_discount(uuid, bigint, integer, text),
  public.close_order(uuid)
to authenticated, service_role;

-- ============================================================================================
-- Realtime (kitchen displays and live dashboards; RLS decides who hears what)
-- ============================================================================================

alter publication supabase_realtime add table public.orders, public.order_items;
