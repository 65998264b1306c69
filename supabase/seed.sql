-- Demo data for local development (`npm start`, `npm run db -- reset`); never loaded in tests or
-- production. Every demo user signs in with the password in supabase/local/demo.ts.

-- Demo users, with the empty-string token columns GoTrue expects.
with demo (id, email, display_name) as (
  values
    ('a0000000-0000-4000-8000-000000000001'::uuid, 'owner@demo.roost.test', 'Olivia Owner'),
    ('a0000000-0000-4000-8000-000000000002'::uuid, 'admin@demo.roost.test', 'Adam Admin'),
    ('a0000000-0000-4000-8000-000000000003'::uuid, 'manager@demo.roost.test', 'Maria Manager'),
    ('a0000000-0000-4000-8000-000000000004'::uuid, 'frontdesk@demo.roost.test', 'Sam Staff'),
    ('a0000000-0000-4000-8000-000000000005'::uuid, 'viewer@demo.roost.test', 'Vera Viewer'),
    ('a0000000-0000-4000-8000-000000000006'::uuid, 'alpine@demo.roost.test', 'Alex Alpine'),
    ('a0000000-0000-4000-8000-000000000007'::uuid, 'housekeeping@demo.roost.test', 'Hana Housekeeping'),
    ('a0000000-0000-4000-8000-000000000008'::uuid, 'housekeeping2@demo.roost.test', 'Ivo Housekeeping')
)
insert into auth.users (
  instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
  confirmation_token, recovery_token, email_change_token_new, email_change, email_change_token_current,
  phone_change, phone_change_token, reauthentication_token
)
select
  '00000000-0000-0000-0000-000000000000', id, 'authenticated', 'authenticated', email,
  extensions.crypt('roost-demo-1234', extensions.gen_salt('bf', 10)), now(),
  '{"provider": "email", "providers": ["email"]}', jsonb_build_object('display_name', display_name), now(), now(),
  '', '', '', '', '', '', '', ''
from demo;

insert into auth.identities (id, user_id, provider_id, provider, identity_data, last_sign_in_at, created_at, updated_at)
select gen_random_uuid(), u.id, u.id::text, 'email',
  jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true, 'phone_verified', false),
  now(), now(), now()
from auth.users u
where u.email like '%@demo.roost.test';

insert into public.organizations (id, slug, name, time_zone, currency, locale, created_by) values
  ('b0000000-0000-4000-8000-000000000001', 'harbour-hotels', 'Harbour Hotels', 'Europe/Lisbon', 'EUR', 'en',
   'a0000000-0000-4000-8000-000000000001'),
  ('b0000000-0000-4000-8000-000000000002', 'alpine-lodge', 'Alpine Lodge Co', 'Europe/Zurich', 'CHF', 'de-CH',
   'a0000000-0000-4000-8000-000000000006');

insert into public.properties (id, organization_id, name, kind, address) values
  ('c0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000001', 'Harbour View Hotel', 'hotel',
   '{"line1": "Rua do Cais 12", "city": "Lisboa", "country": "PT"}'),
  ('c0000000-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000001', 'Harbour Kitchen', 'restaurant',
   '{"line1": "Rua do Cais 14", "city": "Lisboa", "country": "PT"}'),
  ('c0000000-0000-4000-8000-000000000003', 'b0000000-0000-4000-8000-000000000002', 'Alpine Lodge', 'hotel',
   '{"line1": "Bergstrasse 3", "city": "Zermatt", "country": "CH"}');

insert into public.memberships (organization_id, user_id, role, all_properties) values
  ('b0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000001', 'owner', true),
  ('b0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000002', 'admin', true),
  ('b0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000003', 'manager', true),
  ('b0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000004', 'staff', false),
  ('b0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000005', 'viewer', true),
  ('b0000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000006', 'owner', true),
  -- Housekeeping attendants (supabase/seed/housekeeping.ts gives them today's rooms).
  ('b0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000007', 'staff', false),
  ('b0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000008', 'staff', false);

-- The front-desk member works only at the hotel, not in the restaurant.
insert into public.member_property_access (organization_id, user_id, property_id) values
  ('b0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000004', 'c0000000-0000-4000-8000-000000000001'),
  ('b0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000007', 'c0000000-0000-4000-8000-000000000001'),
  ('b0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000008', 'c0000000-0000-4000-8000-000000000001');

-- ============================================================================================
-- Hospitality set-up of Harbour Hotels (the history comes from supabase/seed/history.ts)
-- ============================================================================================

insert into public.property_settings (organization_id, property_id, check_in_time, check_out_time,
  slot_turn_minutes, min_notice_minutes, free_cancellation_hours, cancellation_fee_kind)
values
  ('b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', '15:00', '11:00', 15, 0, 48, 'first_night'),
  ('b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000002', '15:00', '11:00', 15, 30, 24, 'percentage');

-- Four room types, 40 rooms on four floors.
insert into public.resource_types (id, organization_id, property_id, kind, name, description, pricing) values
  ('d0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', 'room', 'Standard', 'Courtyard view, queen bed', 'night'),
  ('d0000000-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', 'room', 'Superior', 'Harbour view, king bed', 'night'),
  ('d0000000-0000-4000-8000-000000000003', 'b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', 'room', 'Deluxe', 'Balcony over the harbour', 'night'),
  ('d0000000-0000-4000-8000-000000000004', 'b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', 'room', 'Suite', 'Two rooms, terrace', 'night'),
  ('d0000000-0000-4000-8000-000000000005', 'b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000002', 'table', 'Table for two', null, 'slot'),
  ('d0000000-0000-4000-8000-000000000006', 'b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000002', 'table', 'Table for four', null, 'slot'),
  ('d0000000-0000-4000-8000-000000000007', 'b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000002', 'table', 'Table for six', null, 'slot');

insert into public.resources (organization_id, property_id, resource_type_id, name, min_guests, max_guests, attributes)
select 'b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', t.type_id,
  (floor * 100 + number)::text, 1, t.max_guests, jsonb_build_object('floor', floor)
from generate_series(1, 40) as n
cross join lateral (select 1 + (n - 1) / 10 as floor, 1 + (n - 1) % 10 as number) as place
cross join lateral (
  select case when n <= 16 then 'd0000000-0000-4000-8000-000000000001'::uuid
              when n <= 28 then 'd0000000-0000-4000-8000-000000000002'::uuid
              when n <= 36 then 'd0000000-0000-4000-8000-000000000003'::uuid
              else 'd0000000-0000-4000-8000-000000000004'::uuid end as type_id,
         case when n <= 28 then 2 when n <= 36 then 3 else 4 end as max_guests
) as t;

insert into public.resources (organization_id, property_id, resource_type_id, name, min_guests, max_guests)
select 'b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000002',
  case when n <= 8 then 'd0000000-0000-4000-8000-000000000005'::uuid
       when n <= 16 then 'd0000000-0000-4000-8000-000000000006'::uuid
       else 'd0000000-0000-4000-8000-000000000007'::uuid end,
  format('T%s', n), 1, case when n <= 8 then 2 when n <= 16 then 4 else 6 end
from generate_series(1, 20) as n;

-- Rates: a base price, +20 % on Friday and Saturday nights, +35 % in summer (this year and next).
insert into public.rate_plans (id, organization_id, property_id, resource_type_id, name, base_price_minor, included_guests, extra_guest_minor)
values
  ('e0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001', 'Best available', 9000, 2, 2500),
  ('e0000000-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000002', 'Best available', 12000, 2, 2500),
  ('e0000000-0000-4000-8000-000000000003', 'b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000003', 'Best available', 16000, 2, 3000),
  ('e0000000-0000-4000-8000-000000000004', 'b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000004', 'Best available', 26000, 2, 3500),
  ('e0000000-0000-4000-8000-000000000005', 'b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-000000000005', 'Dinner', 0, 2, 0),
  ('e0000000-0000-4000-8000-000000000006', 'b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-000000000006', 'Dinner', 0, 4, 0),
  ('e0000000-0000-4000-8000-000000000007', 'b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-000000000007', 'Dinner', 0, 6, 0);

insert into public.rate_overrides (organization_id, property_id, rate_plan_id, weekdays, dates, price_minor, priority)
select p.organization_id, p.property_id, p.id, o.weekdays, o.dates, round(p.base_price_minor * o.factor)::bigint, o.priority
from public.rate_plans p
cross join lateral (
  select '{5,6}'::smallint[] as weekdays, null::daterange as dates, 1.20 as factor, 1 as priority
  union all
  select null, daterange(make_date(y, 6, 15), make_date(y, 9, 16)), 1.35, 2
  from generate_series(extract(year from current_date)::int - 1, extract(year from current_date)::int + 1) as y
) as o
where p.property_id = 'c0000000-0000-4000-8000-000000000001';

-- Rate suggestions keep to these (decision 028): 80 % to 160 % of each room type's base price, 15 % a change.
insert into public.rate_bounds (organization_id, property_id, resource_type_id, floor_minor, ceiling_minor, max_step_minor)
select p.organization_id, p.property_id, p.resource_type_id, round(p.base_price_minor * 0.8), round(p.base_price_minor * 1.6),
  round(p.base_price_minor * 0.15)
from public.rate_plans p
where p.property_id = 'c0000000-0000-4000-8000-000000000001';

insert into public.property_taxes (organization_id, property_id, name, basis, rate_bps, amount_minor, inclusive, applies_to) values
  ('b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', 'VAT', 'percentage', 600, null, true, '{room}'),
  ('b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', 'Lisbon city tax', 'per_unit', null, 200, false, '{room}');

-- The restaurant's menu: categories, items, modifiers, stations.
insert into public.catalogue_categories (id, organization_id, name, sort_order) values
  ('f0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000001', 'Starters', 1),
  ('f0000000-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000001', 'Mains', 2),
  ('f0000000-0000-4000-8000-000000000003', 'b0000000-0000-4000-8000-000000000001', 'Desserts', 3),
  ('f0000000-0000-4000-8000-000000000004', 'b0000000-0000-4000-8000-000000000001', 'Drinks', 4);

insert into public.catalogue_items (organization_id, category_id, name, description, price_minor, currency, tax_rate_bp, sort_order)
select 'b0000000-0000-4000-8000-000000000001', c.id, i.name, i.description, i.price, 'EUR', i.tax, i.sort
from (values
  ('Starters', 'Grilled octopus', 'With smoked paprika', 1450, 1300, 1),
  ('Starters', 'Clams Bulhão Pato', 'Garlic, coriander, lemon', 1650, 1300, 2),
  ('Starters', 'Caldo verde', 'Kale and chorizo soup', 650, 1300, 3),
  ('Mains', 'Sea bass', 'Whole, grilled, with greens', 2400, 1300, 1),
  ('Mains', 'Steak', 'Aged sirloin, 300 g', 2900, 1300, 2),
  ('Mains', 'Cod à Brás', 'Salt cod, egg, straw potatoes', 1900, 1300, 3),
  ('Mains', 'Mushroom risotto', 'Porcini and parmesan', 1700, 1300, 4),
  ('Desserts', 'Pastel de nata', 'Warm, with cinnamon', 350, 1300, 1),
  ('Desserts', 'Chocolate mousse', null, 650, 1300, 2),
  ('Drinks', 'House wine', 'Douro red or Vinho Verde', 600, 2300, 1),
  ('Drinks', 'Beer', 'Draught, 33 cl', 400, 2300, 2),
  ('Drinks', 'Espresso', null, 150, 2300, 3),
  ('Drinks', 'Mineral water', '75 cl', 300, 600, 4)
) as i(category, name, description, price, tax, sort)
join public.catalogue_categories c on c.name = i.category and c.organization_id = 'b0000000-0000-4000-8000-000000000001';

insert into public.modifier_groups (id, organization_id, name, required, min_choices, max_choices) values
  ('f1000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000001', 'Cooking', true, 1, 1),
  ('f1000000-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000001', 'Sides', false, 0, 2),
  ('f1000000-0000-4000-8000-000000000003', 'b0000000-0000-4000-8000-000000000001', 'Serving', true, 1, 1);

insert into public.modifier_options (organization_id, group_id, name, price_delta_minor, sort_order) values
  ('b0000000-0000-4000-8000-000000000001', 'f1000000-0000-4000-8000-000000000001', 'Rare', 0, 1),
  ('b0000000-0000-4000-8000-000000000001', 'f1000000-0000-4000-8000-000000000001', 'Medium', 0, 2),
  ('b0000000-0000-4000-8000-000000000001', 'f1000000-0000-4000-8000-000000000001', 'Well done', 0, 3),
  ('b0000000-0000-4000-8000-000000000001', 'f1000000-0000-4000-8000-000000000002', 'Fries', 350, 1),
  ('b0000000-0000-4000-8000-000000000001', 'f1000000-0000-4000-8000-000000000002', 'Salad', 300, 2),
  ('b0000000-0000-4000-8000-000000000001', 'f1000000-0000-4000-8000-000000000002', 'Rice', 250, 3),
  ('b0000000-0000-4000-8000-000000000001', 'f1000000-0000-4000-8000-000000000003', 'Glass', 0, 1),
  ('b0000000-0000-4000-8000-000000000001', 'f1000000-0000-4000-8000-000000000003', 'Bottle', 1600, 2);

insert into public.item_modifier_groups (organization_id, item_id, group_id)
select i.organization_id, i.id, g.group_id
from public.catalogue_items i
join (values
  ('Steak', 'f1000000-0000-4000-8000-000000000001'::uuid),
  ('Steak', 'f1000000-0000-4000-8000-000000000002'::uuid),
  ('Sea bass', 'f1000000-0000-4000-8000-000000000002'::uuid),
  ('House wine', 'f1000000-0000-4000-8000-000000000003'::uuid)
) as g(item, group_id) on g.item = i.name
where i.organization_id = 'b0000000-0000-4000-8000-000000000001';

-- Everything is sold at the restaurant; the fish is counted (a daily catch of 12).
insert into public.item_availability (organization_id, property_id, item_id, stock_count, low_stock_threshold)
select i.organization_id, 'c0000000-0000-4000-8000-000000000002', i.id,
  case when i.name = 'Sea bass' then 12 end, case when i.name = 'Sea bass' then 3 else 0 end
from public.catalogue_items i where i.organization_id = 'b0000000-0000-4000-8000-000000000001';

insert into public.stations (id, organization_id, property_id, name, kind) values
  ('f2000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000002', 'Kitchen', 'kitchen'),
  ('f2000000-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000002', 'Bar', 'bar');

insert into public.station_routes (organization_id, property_id, station_id, category_id)
select c.organization_id, 'c0000000-0000-4000-8000-000000000002',
  case when c.name = 'Drinks' then 'f2000000-0000-4000-8000-000000000002'::uuid else 'f2000000-0000-4000-8000-000000000001'::uuid end,
  c.id
from public.catalogue_categories c where c.organization_id = 'b0000000-0000-4000-8000-000000000001';

insert into public.order_settings (organization_id, property_id, service_charge_bp, prices_include_tax)
values ('b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000002', 0, true);

-- The local stack may send webhooks to receivers on this machine, over http (decision 030);
-- production installations leave both off.
update private.webhook_settings set allow_http = true, allow_private_targets = true;

-- Maintenance (issue 19, decision 033): vendors of Harbour Hotels, a quarterly HVAC schedule for
-- room 101, and open work orders at the Harbour View Hotel: a leaking shower in 204 with the room
-- off sale for three days, quoted by Harbour Plumbing (one quote in, one request still open), a
-- flickering corridor light and a preventive HVAC service.
insert into public.vendors (id, organization_id, name, email, phone, trade) values
  ('f3000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000001', 'Harbour Plumbing',
   'quotes@harbour-plumbing.example', '+351 210 000 101', 'Plumbing'),
  ('f3000000-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000001', 'Tagus Pipes & Drains',
   'office@tagus-pipes.example', '+351 210 000 202', 'Plumbing'),
  ('f3000000-0000-4000-8000-000000000003', 'b0000000-0000-4000-8000-000000000001', 'Bright Spark Electrical',
   'jobs@brightspark.example', '+351 210 000 303', 'Electrical');

insert into public.maintenance_schedules (id, organization_id, property_id, resource_id, title, priority, every_months, next_due_on)
select 'f4000000-0000-4000-8000-000000000001', r.organization_id, r.property_id, r.id, 'Quarterly HVAC service', 'normal', 3,
  (now() at time zone 'Europe/Lisbon')::date + 20
from public.resources r where r.property_id = 'c0000000-0000-4000-8000-000000000001' and r.name = '101';

insert into public.work_orders (id, organization_id, property_id, resource_id, area, title, description, priority, source,
  due_on, out_of_service_until)
select w.id::uuid, 'b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', r.id, w.area, w.title,
  w.description, w.priority, w.source, (now() at time zone 'Europe/Lisbon')::date + w.due_in, w.off_sale
from (values
  ('f5000000-0000-4000-8000-000000000001', '204', null, 'Shower leaking', 'Water under the bathroom door; tray seal cracked.',
   'urgent', 'housekeeping', 2, now() + interval '3 days'),
  ('f5000000-0000-4000-8000-000000000002', null, 'Corridor, floor 3', 'Corridor light flickering', null,
   'normal', 'staff', -1, null::timestamptz)
) as w (id, room, area, title, description, priority, source, due_in, off_sale)
left join public.resources r on r.property_id = 'c0000000-0000-4000-8000-000000000001' and r.name = w.room;

insert into public.work_orders (organization_id, property_id, resource_id, title, priority, source, schedule_id, due_on)
select s.organization_id, s.property_id, s.resource_id, s.title, s.priority, 'preventive', s.id, s.next_due_on - 91
from public.maintenance_schedules s where s.id = 'f4000000-0000-4000-8000-000000000001';

-- Quote links of the demo are not usable (their tokens exist nowhere): ask again from the work order.
insert into public.quote_requests (id, organization_id, property_id, work_order_id, vendor_id, email, token_hash,
  expires_at, status, submitted_at, requested_by)
values
  ('f6000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001',
   'f5000000-0000-4000-8000-000000000001', 'f3000000-0000-4000-8000-000000000001', 'quotes@harbour-plumbing.example',
   extensions.digest(gen_random_uuid()::text, 'sha256'), now() + interval '14 days', 'submitted', now(),
   'a0000000-0000-4000-8000-000000000003'),
  ('f6000000-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001',
   'f5000000-0000-4000-8000-000000000001', 'f3000000-0000-4000-8000-000000000002', 'office@tagus-pipes.example',
   extensions.digest(gen_random_uuid()::text, 'sha256'), now() + interval '14 days', 'sent', null,
   'a0000000-0000-4000-8000-000000000003');

insert into public.vendor_quotes (organization_id, property_id, work_order_id, quote_request_id, vendor_id, amount_minor,
  currency, available_on, notes)
values ('b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', 'f5000000-0000-4000-8000-000000000001',
  'f6000000-0000-4000-8000-000000000001', 'f3000000-0000-4000-8000-000000000001', 18500, 'EUR',
  (now() at time zone 'Europe/Lisbon')::date + 1, 'New tray seal and silicone; half a day.');

-- The quote's PDF, kept in the row as quotes kept it before attachments moved to Storage
-- (decision 043): a seed cannot put bytes into Storage, and the staff download still reads a
-- quote's file from the row when it has no Storage path. New quotes' files go to Storage.
update public.vendor_quotes
set attachment_name = 'harbour-plumbing-quote.pdf', attachment_type = 'application/pdf',
  attachment = decode(
    'JVBERi0xLjcKJYGBgYEKCjEgMCBvYmoKPDwKL1R5cGUgL1BhZ2VzCi9LaWRzIFsgNCAwIFIgXQovQ291bnQgMQo+PgplbmRvYmoK' ||
    'CjIgMCBvYmoKPDwKL1R5cGUgL0NhdGFsb2cKL1BhZ2VzIDEgMCBSCj4+CmVuZG9iagoKMyAwIG9iago8PAovUHJvZHVjZXIgPEZF' ||
    'RkYwMDQ4MDA2MTAwNzIwMDYyMDA2RjAwNzUwMDcyMDAyMDAwNTAwMDZDMDA3NTAwNkQwMDYyMDA2OTAwNkUwMDY3PgovTW9kRGF0' ||
    'ZSAoRDoyMDI2MTIwMTA5MDAwMFopCi9DcmVhdG9yIDxGRUZGMDA0ODAwNjEwMDcyMDA2MjAwNkYwMDc1MDA3MjAwMjAwMDUwMDA2' ||
    'QzAwNzUwMDZEMDA2MjAwNjkwMDZFMDA2Nz4KL0NyZWF0aW9uRGF0ZSAoRDoyMDI2MTIwMTA5MDAwMFopCi9UaXRsZSA8RkVGRjAw' ||
    'NTEwMDc1MDA2RjAwNzQwMDY1MDAyMDAwNTEwMDJEMDAzMjAwMzAwMDMyMDAzNjAwMkQwMDMwMDAzNDAwMzE+Cj4+CmVuZG9iagoK' ||
    'NCAwIG9iago8PAovVHlwZSAvUGFnZQovUGFyZW50IDEgMCBSCi9SZXNvdXJjZXMgPDwKL0ZvbnQgPDwKL0hlbHZldGljYS03MDk4' ||
    'NDgwNzg5IDUgMCBSCi9IZWx2ZXRpY2EtOTc0MjY4MjU2OCA1IDAgUgovSGVsdmV0aWNhLTIwMDA4MDU5ODYgNSAwIFIKL0hlbHZl' ||
    'dGljYS05NzUwNDY5MjA3IDUgMCBSCi9IZWx2ZXRpY2EtNzU3MjUzMzY4NiA1IDAgUgo+PgovWE9iamVjdCA8PAo+PgovRXh0R1N0' ||
    'YXRlIDw8Cj4+Cj4+Ci9NZWRpYUJveCBbIDAgMCA0MjAgMzAwIF0KL0Fubm90cyBbIF0KL0NvbnRlbnRzIFsgNiAwIFIgXQo+Pgpl' ||
    'bmRvYmoKCjUgMCBvYmoKPDwKL1R5cGUgL0ZvbnQKL1N1YnR5cGUgL1R5cGUxCi9CYXNlRm9udCAvSGVsdmV0aWNhCi9FbmNvZGlu' ||
    'ZyAvV2luQW5zaUVuY29kaW5nCj4+CmVuZG9iagoKNiAwIG9iago8PAovRmlsdGVyIC9GbGF0ZURlY29kZQovTGVuZ3RoIDI5NAo+' ||
    'PgpzdHJlYW0KeJyVksFKBDEMhu99ip4FMUmTPy2I4M7O4sGLMC8goqLoYUV8ftPOSXRgnVIY2ky+r3/nmHZLotzHx3O6uHl8+3r8' ||
    'fHm4P3dqVSt5bZmRl6ckmpfbxKOUc6EsRnl5T5dawS4QHNxchIwwuWEfKw0z/Covr2k5S/OS7tJxi9dcBVUMNbP8zesrwTOO7gdX' ||
    'WLBY9kUKxUS8UdHCQkDsh8kvM4SRuY+d0QHTaXZCRJWsVWzZcaurXdBi7IWGl5ZrIS/oPMewwBRcxu5/6RgpWrTa5LustzGvJ3SN' ||
    'k7O3Qe+8KcgcRB0rLSwaSphGvfS92muAXhVT+7enufVsrfQjbrop1mx0pD5c1OKJNAqXWkzmyIqEpBqULRxHOmX8Sf2eVH7afAOn' ||
    'H5crCmVuZHN0cmVhbQplbmRvYmoKCnhyZWYKMCA3CjAwMDAwMDAwMDAgNjU1MzUgZiAKMDAwMDAwMDAxNiAwMDAwMCBuIAowMDAw' ||
    'MDAwMDc2IDAwMDAwIG4gCjAwMDAwMDAxMjYgMDAwMDAgbiAKMDAwMDAwMDQ1MCAwMDAwMCBuIAowMDAwMDAwNzU3IDAwMDAwIG4g' ||
    'CjAwMDAwMDA4NTUgMDAwMDAgbiAKCnRyYWlsZXIKPDwKL1NpemUgNwovUm9vdCAyIDAgUgovSW5mbyAzIDAgUgo+PgoKc3RhcnR4' ||
    'cmVmCjEyMjIKJSVFT0Y=', 'base64')
where quote_request_id = 'f6000000-0000-4000-8000-000000000001';

-- Widget keys of the demo "tenant website" (served by npm start on port 8080; decision 034). The
-- keys are public by nature (they sit in the site's HTML); the hotel asks for the first night as
-- a deposit when a guest books online, the restaurant for nothing.
insert into public.widget_keys (organization_id, property_id, label, key, allowed_origins)
values
  ('b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', 'Demo website (hotel)',
   'wk_demo_harbour_hotel', '{http://localhost:8080,http://127.0.0.2:8080}'),
  ('b0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000002', 'Demo website (restaurant)',
   'wk_demo_harbour_kitchen', '{http://localhost:8080,http://127.0.0.2:8080}');
update public.property_settings set deposit_kind = 'first_night'
where property_id = 'c0000000-0000-4000-8000-000000000001';
update public.property_settings set deposit_kind = 'none'
where property_id = 'c0000000-0000-4000-8000-000000000002';

-- Harbour Hotels takes guest payments into its connected Stripe account (decision 036; locally the
-- stand-in takes an account it has not seen as onboarded). Its plan is the trial until an owner
-- subscribes on the Billing page.
insert into public.payment_accounts (organization_id, stripe_account_id, charges_enabled, payouts_enabled,
  details_submitted)
values ('b0000000-0000-4000-8000-000000000001', 'acct_demoHarbourHotels', true, true, true);
