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
    ('a0000000-0000-4000-8000-000000000006'::uuid, 'alpine@demo.roost.test', 'Alex Alpine')
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
  ('b0000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000006', 'owner', true);

-- The front-desk member works only at the hotel, not in the restaurant.
insert into public.member_property_access (organization_id, user_id, property_id) values
  ('b0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000004', 'c0000000-0000-4000-8000-000000000001');
