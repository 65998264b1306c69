-- Identity documents confirmed at check-in (issue 14, item 3; docs/decisions/025-identity-documents.md).
--
-- The OCR worker reads a passport's or ID card's machine-readable zone into a job result; staff
-- compare it with the document, correct it, and check the guest in. What they confirm is kept
-- here, one row per capture: the document of the booking's guest, for that stay.
--
-- - How much is kept follows the property's id_document_retention (migration 20261122004000_jobs.sql,
--   decision 015): 'validity_only' keeps the document type and expiry date only — number,
--   nationality, issuing country and birth date are dropped by the insert trigger whoever inserts;
--   'mrz_fields' (default) and 'mrz_fields_and_scan' keep every field below.
-- - delete_after is the instant from which the row must be gone: the booking's check-out + 30 days,
--   set by the insert trigger. Issue 18's retention job deletes rows whose delete_after has passed
--   (indexed for it); nothing here deletes them on its own.
-- - Access: staff and up of the booking's property read and insert; managers and up delete (a
--   wrong capture); nobody updates (a correction is a new capture). Viewers, other properties'
--   restricted members, other organizations and anon see nothing.
-- - The audit log records each capture without the personal fields (number, nationality, issuing
--   country, birth date), so deleting the row deletes them.
-- - public.check_in_with_identity_document(booking, …) checks the booking in and records the
--   document in one transaction. One RPC rather than two calls: a check-in refused (too early, not
--   confirmed) must leave no document behind, and a recorded document must never wait for a
--   check-in that failed; a retry after either then neither duplicates the document nor checks in
--   without it. A booking without a guest profile cannot record one (guest_required): check it in
--   with check_in_booking.

-- ============================================================================================
-- Tables
-- ============================================================================================

create table public.guest_identity_documents (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  booking_id uuid not null,
  guest_id uuid not null,
  -- passport, identity_card, residence_permit or other (the MRZ's P, I/A/C… as staff confirm them).
  document_type text not null,
  -- Upper-case letters and digits, as in the MRZ (no fillers, spaces or hyphens).
  document_number text,
  -- ICAO 9303 state codes: ISO 3166-1 alpha-3 and the MRZ's own (D for Germany, UNO, XXA…).
  issuing_country text,
  nationality text,
  birth_date date,
  expiry_date date,
  captured_by uuid references auth.users (id) on delete set null,
  -- When it was captured (the row is never updated by the application).
  created_at timestamptz not null default now(),
  -- From this instant the row must be deleted (issue 18's retention job): check-out + 30 days.
  delete_after timestamptz not null,
  constraint guest_identity_documents_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  constraint guest_identity_documents_booking_fkey foreign key (organization_id, booking_id)
    references public.bookings (organization_id, id) on delete cascade,
  constraint guest_identity_documents_guest_fkey foreign key (organization_id, guest_id)
    references public.guests (organization_id, id) on delete cascade,
  constraint guest_identity_documents_type_valid
    check (document_type in ('passport', 'identity_card', 'residence_permit', 'other')),
  constraint guest_identity_documents_number_format check (document_number ~ '^[A-Z0-9]{1,20}$'),
  constraint guest_identity_documents_issuing_country_format check (issuing_country ~ '^[A-Z]{1,3}$'),
  constraint guest_identity_documents_nationality_format check (nationality ~ '^[A-Z]{1,3}$'),
  constraint guest_identity_documents_birth_date_range
    check (birth_date between date '1900-01-01' and (created_at at time zone 'UTC')::date + 1),
  constraint guest_identity_documents_expiry_date_range check (expiry_date between date '1900-01-01' and date '2199-12-31'),
  constraint guest_identity_documents_expiry_after_birth check (expiry_date > birth_date)
);
comment on table public.guest_identity_documents is
  'An identity document of a booking''s guest as staff confirmed it at check-in; deleted after delete_after.';
comment on column public.guest_identity_documents.delete_after is
  'The booking''s check-out + 30 days: issue 18''s retention job deletes the row from then on.';

-- ============================================================================================
-- Indexes
-- ============================================================================================

-- The guest's documents on file (and the guest foreign key).
create index guest_identity_documents_guest_idx on public.guest_identity_documents (organization_id, guest_id, created_at desc);
create index guest_identity_documents_booking_idx on public.guest_identity_documents (organization_id, booking_id);
create index guest_identity_documents_property_idx on public.guest_identity_documents (organization_id, property_id);
create index guest_identity_documents_captured_by_idx on public.guest_identity_documents (captured_by);
-- The retention job's scan.
create index guest_identity_documents_delete_after_idx on public.guest_identity_documents (delete_after);

-- ============================================================================================
-- Triggers
-- ============================================================================================

-- Before insert, whoever inserts (the RPC or staff through the Data API): the caller works at the
-- property as staff (checked first, so a refusal says nothing about other properties' bookings);
-- the booking is of that property and the guest is its guest; the property's retention decides
-- which fields stay; the capture is the caller's, now; delete_after is check-out + 30 days.
create function private.prepare_identity_document()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_booking public.bookings;
  v_retention text;
begin
  if auth.uid() is not null and not private.can_access_property(new.property_id, 'staff') then
    raise exception using errcode = '42501', message = 'insufficient_privilege',
      detail = 'Only staff of the property record identity documents.';
  end if;
  select * into v_booking from public.bookings b where b.id = new.booking_id;
  if v_booking.id is null or v_booking.property_id is distinct from new.property_id
     or v_booking.organization_id is distinct from new.organization_id then
    raise exception using errcode = '23503', message = 'guest_identity_documents_booking_property',
      detail = 'The booking is not one of this property.';
  end if;
  if v_booking.guest_id is distinct from new.guest_id then
    raise exception using errcode = '23503', message = 'guest_identity_documents_booking_guest',
      detail = 'The guest is not the booking''s guest.';
  end if;
  select p.id_document_retention into v_retention from public.properties p where p.id = new.property_id;
  if v_retention = 'validity_only' then
    new.document_number := null;
    new.issuing_country := null;
    new.nationality := null;
    new.birth_date := null;
  end if;
  if auth.uid() is not null then
    new.captured_by := auth.uid();
  end if;
  new.created_at := now();
  new.delete_after := upper(v_booking.period) + interval '30 days';
  return new;
end;
$$;

create trigger guest_identity_documents_prepare before insert on public.guest_identity_documents
  for each row execute function private.prepare_identity_document();
create trigger guest_identity_documents_organization_immutable before update on public.guest_identity_documents
  for each row execute function private.forbid_organization_change();
create trigger guest_identity_documents_audit after insert or update or delete on public.guest_identity_documents
  for each row execute function private.record_audit(
    'organization_id', 'document_number', 'issuing_country', 'nationality', 'birth_date');

-- ============================================================================================
-- Policies
-- ============================================================================================

alter table public.guest_identity_documents enable row level security;

create policy "staff read identity documents of properties they work in" on public.guest_identity_documents
  for select to authenticated
  using (
    organization_id in (select private.orgs_with_role_over_all_properties('staff'))
    or property_id in (select private.listed_properties('staff'))
  );
create policy "staff record identity documents at properties they work in" on public.guest_identity_documents
  for insert to authenticated
  with check (
    organization_id in (select private.orgs_with_role_over_all_properties('staff'))
    or property_id in (select private.listed_properties('staff'))
  );
create policy "managers delete identity documents of properties they manage" on public.guest_identity_documents
  for delete to authenticated
  using (
    organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or property_id in (select private.listed_properties('manager'))
  );

-- ============================================================================================
-- Public RPCs
-- ============================================================================================

-- Checks the booking in (check_in_booking: staff and up of its property, confirmed, from the
-- arrival date) and records its guest's identity document, both or neither. Text is trimmed;
-- the number loses spaces and hyphens and is upper-cased, country codes are upper-cased; empty
-- optional text counts as not given. The number is required unless the property keeps validity
-- only (then it would be dropped anyway). Returns the document as stored (after the retention rule).
create function public.check_in_with_identity_document(
  p_booking_id uuid,
  p_document_type text,
  p_document_number text,
  p_issuing_country text default null,
  p_nationality text default null,
  p_birth_date date default null,
  p_expiry_date date default null
)
returns public.guest_identity_documents
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_number text := nullif(upper(regexp_replace(p_document_number, '[\s-]', '', 'g')), '');
  v_issuing text := nullif(upper(btrim(p_issuing_country)), '');
  v_nationality text := nullif(upper(btrim(p_nationality)), '');
  v_booking public.bookings;
  v_document public.guest_identity_documents;
begin
  perform private.check_input(p_document_type in ('passport', 'identity_card', 'residence_permit', 'other'),
    'invalid_document_type', 'Document type must be passport, identity_card, residence_permit or other.');
  perform private.check_input(v_number is null or v_number ~ '^[A-Z0-9]{1,20}$', 'invalid_document_number',
    'Document number must be 1 to 20 letters and digits.');
  perform private.check_input(v_issuing is null or v_issuing ~ '^[A-Z]{1,3}$', 'invalid_issuing_country',
    'Issuing country must be a code of 1 to 3 letters, such as PRT or D.');
  perform private.check_input(v_nationality is null or v_nationality ~ '^[A-Z]{1,3}$', 'invalid_nationality',
    'Nationality must be a code of 1 to 3 letters, such as PRT or D.');
  perform private.check_input(p_birth_date is null or p_birth_date between date '1900-01-01' and current_date,
    'invalid_birth_date', 'Birth date must be a past date from 1900 on.');
  perform private.check_input(p_expiry_date is null or p_expiry_date between date '1900-01-01' and date '2199-12-31',
    'invalid_expiry_date', 'Expiry date must be a date before 2200.');
  perform private.check_input(p_expiry_date is null or p_birth_date is null or p_expiry_date > p_birth_date,
    'invalid_expiry_date', 'The document cannot expire before its holder was born.');

  v_booking := private.lock_booking_and_resource(p_booking_id, 'staff');
  if v_booking.guest_id is null then
    perform private.raise_error('guest_required', 'Name the booking''s guest before recording their document.', 'P0001');
  end if;
  -- The number identifies the document; a property that keeps validity only never stores it.
  perform private.check_input(
    v_number is not null
      or (select p.id_document_retention from public.properties p where p.id = v_booking.property_id) = 'validity_only',
    'invalid_document_number', 'Document number must be 1 to 20 letters and digits.');
  perform public.check_in_booking(p_booking_id);
  insert into public.guest_identity_documents (organization_id, property_id, booking_id, guest_id, document_type,
    document_number, issuing_country, nationality, birth_date, expiry_date)
  values (v_booking.organization_id, v_booking.property_id, v_booking.id, v_booking.guest_id, p_document_type,
    v_number, v_issuing, v_nationality, p_birth_date, p_expiry_date)
  returning * into v_document;
  return v_document;
end;
$$;
comment on function public.check_in_with_identity_document(uuid, text, text, text, text, date, date) is
  'Checks a booking in and records its guest''s identity document in one transaction (staff and up of its property).';

-- ============================================================================================
-- Grants
-- ============================================================================================

revoke all on table public.guest_identity_documents from anon, authenticated;
grant select, insert, delete on table public.guest_identity_documents to authenticated;
revoke execute on function private.prepare_identity_document() from public, anon, authenticated;
revoke execute on function public.check_in_with_identity_document(uuid, text, text, text, text, date, date)
  from public, anon;
grant execute on function public.check_in_with_identity_document(uuid, text, text, text, text, date, date)
  to authenticated, service_role;
