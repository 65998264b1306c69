-- Vendor quote attachments in Storage instead of the row (issue 19; docs/decisions/043-vendor-quote-files.md).
--
-- - public.submit_vendor_quote (anon, through the vendor's link, called by the vendor-quote
--   function) no longer takes the file's bytes: it takes the file's name, type and size and hands
--   back a one-time object path in the documents bucket,
--   `<org>/<property>/work-orders/<order>/quotes/<quote>/<uuid>-<safe name>`, valid 15 minutes.
-- - private.vendor_upload_grants keeps that path. A storage policy lets `anon` insert exactly that
--   object, once, before it expires, with the announced type and at most the announced size
--   (PDF, PNG or JPEG, ≤ 10 MB; the documents bucket's own limits apply as well).
-- - A trigger on storage.objects marks the grant used and fills vendor_quotes.attachment_path.
-- - Only managers of the property reach files under a work order's quotes/ folder (a restrictive
--   policy: the documents bucket lets staff and viewers of the property read the rest).
-- - vendor_quotes.attachment (bytea) is no longer written. Rows from before keep it and the staff
--   download reads it when attachment_path is empty: a migration cannot put bytes into Storage.

-- ============================================================================================
-- vendor_quotes: where the file is
-- ============================================================================================

alter table public.vendor_quotes
  add column attachment_path text,
  add column attachment_size bigint,
  -- Whether there is a file to download (in Storage, or in the row for quotes from before).
  add column attachment_stored boolean generated always as (attachment_path is not null or attachment is not null) stored;

alter table public.vendor_quotes drop constraint vendor_quotes_attachment_complete;
alter table public.vendor_quotes
  add constraint vendor_quotes_attachment_complete check (
    (attachment_name is null) = (attachment_type is null)
    and (attachment is null or attachment_name is not null)
    and (attachment_path is null or attachment_name is not null)
    and (attachment_size is null or attachment_name is not null)
    and (attachment is null or attachment_path is null)),
  add constraint vendor_quotes_attachment_size_range check (attachment_size is null or attachment_size between 1 and 10485760),
  add constraint vendor_quotes_attachment_path_valid check (
    attachment_path is null or (
      char_length(attachment_path) <= 1024
      and starts_with(attachment_path, format('%s/%s/work-orders/%s/quotes/%s/', organization_id, property_id, work_order_id, id))
      and split_part(attachment_path, '/', 7) ~ '^[0-9a-f-]{36}-[A-Za-z0-9._-]{1,100}$'
      and split_part(attachment_path, '/', 8) = ''));
comment on column public.vendor_quotes.attachment is
  'Quotes from before migration 20261206200300 only: new attachments are in Storage (attachment_path).';
comment on column public.vendor_quotes.attachment_path is
  'The attachment''s object in the documents bucket, set when the vendor''s upload arrives.';

-- ============================================================================================
-- Upload grants
-- ============================================================================================

create table private.vendor_upload_grants (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  vendor_quote_id uuid not null references public.vendor_quotes (id) on delete cascade,
  bucket_id text not null default 'documents',
  object_name text not null,
  content_type text not null,
  max_bytes bigint not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now(),
  constraint vendor_upload_grants_object_key unique (bucket_id, object_name),
  constraint vendor_upload_grants_quote_key unique (vendor_quote_id),
  constraint vendor_upload_grants_type_valid check (content_type in ('application/pdf', 'image/png', 'image/jpeg')),
  constraint vendor_upload_grants_size_range check (max_bytes between 1 and 10485760)
);
comment on table private.vendor_upload_grants is
  'One-time object paths handed to a vendor for their quote''s attachment (anon may insert exactly that object, once).';
create index vendor_upload_grants_organization_idx on private.vendor_upload_grants (organization_id);
alter table private.vendor_upload_grants enable row level security;
revoke all on table private.vendor_upload_grants from public, anon, authenticated;

-- The storage policies of anon call a helper, so anon needs USAGE on its schema. Not on `private`:
-- that would make every private function anon can execute reachable, and the schema's safety would
-- rest on each function's grants alone. This schema holds only what anon's policies call; it is not
-- exposed by the Data API.
create schema anon_policies;
comment on schema anon_policies is 'Helpers that storage policies for anon call (decision 043); nothing else.';
revoke all on schema anon_policies from public;
grant usage on schema anon_policies to anon;

-- Whether an object may be inserted now through a grant: the granted path, unused, unexpired, and
-- (when Storage sends them with the row) the announced type and no more than the announced size.
create function anon_policies.vendor_upload_open(p_bucket text, p_name text, p_metadata jsonb)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from private.vendor_upload_grants g
    where g.bucket_id = p_bucket and g.object_name = p_name and g.used_at is null and g.expires_at > now()
      and (p_metadata ->> 'size' is null
        or (p_metadata ->> 'size' ~ '^[0-9]{1,12}$' and (p_metadata ->> 'size')::bigint between 1 and g.max_bytes))
      and (p_metadata ->> 'mimetype' is null or p_metadata ->> 'mimetype' = g.content_type)
  );
$$;

-- Whether an object is a file of a work order's quotes (documents/<org>/<property>/work-orders/<order>/quotes/…).
create function private.is_vendor_quote_file(p_bucket text, p_name text)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select p_bucket = 'documents' and split_part(p_name, '/', 3) = 'work-orders' and split_part(p_name, '/', 5) = 'quotes';
$$;

-- ============================================================================================
-- Storage policies and triggers
-- ============================================================================================

create policy "vendors can upload the file their quote was granted" on storage.objects
  for insert to anon
  with check (bucket_id = 'documents' and anon_policies.vendor_upload_open(bucket_id, name, metadata));
-- The upload's INSERT … RETURNING needs the new row to be visible to its writer.
create policy "vendors see the file their quote was granted while it is uploaded" on storage.objects
  for select to anon
  using (bucket_id = 'documents' and anon_policies.vendor_upload_open(bucket_id, name, metadata));
-- Quotes are for managers (vendor_quotes RLS); so are their files.
create policy "only managers reach vendor quote files" on storage.objects
  as restrictive for all to authenticated
  using (not private.is_vendor_quote_file(bucket_id, name) or private.can_use_property_path(name, 'manager'))
  with check (not private.is_vendor_quote_file(bucket_id, name) or private.can_use_property_path(name, 'manager'));

-- The granted upload arrived: the grant is spent and the quote points at the object.
create function private.take_vendor_upload()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_quote uuid;
begin
  update private.vendor_upload_grants g set used_at = now()
  where g.bucket_id = new.bucket_id and g.object_name = new.name and g.used_at is null
  returning g.vendor_quote_id into v_quote;
  if v_quote is not null then
    update public.vendor_quotes q
    set attachment_path = new.name,
      attachment_size = case when new.metadata ->> 'size' ~ '^[0-9]{1,12}$' and (new.metadata ->> 'size')::bigint > 0
        then least((new.metadata ->> 'size')::bigint, 10485760) else q.attachment_size end
    where q.id = v_quote;
  end if;
  return null;
end;
$$;

create trigger objects_take_vendor_upload after insert on storage.objects
  for each row when (new.bucket_id = 'documents' and split_part(new.name, '/', 5) = 'quotes')
  execute function private.take_vendor_upload();

-- A quote file deleted from Storage (by a manager, retention, offboarding) no longer downloads.
create function private.forget_vendor_upload()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.vendor_quotes q set attachment_path = null where q.attachment_path = old.name;
  return null;
end;
$$;

create trigger objects_forget_vendor_upload after delete on storage.objects
  for each row when (old.bucket_id = 'documents' and split_part(old.name, '/', 5) = 'quotes')
  execute function private.forget_vendor_upload();

create index vendor_quotes_attachment_path_idx on public.vendor_quotes (attachment_path) where attachment_path is not null;

-- ============================================================================================
-- The vendor's submission: no bytes, a one-time upload path instead
-- ============================================================================================

drop function public.submit_vendor_quote(text, bigint, date, text, text, text, bytea);

-- A vendor's quote through their link, once. Amount in minor units of the property's currency. With
-- an attachment announced (name, type, size), the path its upload may take for 15 minutes.
create function public.submit_vendor_quote(
  p_token text,
  p_amount_minor bigint,
  p_available_on date,
  p_notes text,
  p_attachment_name text default null,
  p_attachment_type text default null,
  p_attachment_size bigint default null
)
returns table (quote_id uuid, upload_bucket text, upload_path text, upload_expires_at timestamptz)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_request public.quote_requests;
  v_quote uuid := gen_random_uuid();
  v_path text;
  v_expires timestamptz := now() + interval '15 minutes';
begin
  perform private.check_input(p_amount_minor is not null and p_amount_minor between 1 and 100000000000,
    'invalid_amount', 'The amount is 0.01 to 1,000,000,000.');
  perform private.check_input(p_available_on is null or p_available_on between current_date - 1 and current_date + 730,
    'invalid_available_on', 'The date is today or within two years.');
  perform private.check_input(p_notes is null or (char_length(p_notes) <= 2000 and p_notes !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]'),
    'invalid_notes', 'Notes are at most 2,000 characters of text.');
  perform private.check_input((p_attachment_name is null) = (p_attachment_type is null)
      and (p_attachment_name is null) = (p_attachment_size is null),
    'invalid_attachment', 'An attachment has a name, a type and a size.');
  perform private.check_input(p_attachment_size is null or p_attachment_size between 1 and 10485760,
    'attachment_too_large', 'The attachment is at most 10 MB.');
  perform private.check_input(p_attachment_type is null or p_attachment_type in ('application/pdf', 'image/png', 'image/jpeg'),
    'invalid_attachment_type', 'Attach a PDF, PNG or JPEG file.');
  perform private.check_input(p_attachment_name is null
      or (char_length(p_attachment_name) between 1 and 200 and p_attachment_name !~ '[/\\[:cntrl:]]'),
    'invalid_attachment_name', 'The file name is 1 to 200 characters, without slashes.');
  v_request := private.quote_request_for_token(p_token, true);
  insert into public.vendor_quotes (id, organization_id, property_id, work_order_id, quote_request_id, vendor_id,
    amount_minor, currency, available_on, notes, attachment_name, attachment_type, attachment_size)
  select v_quote, v_request.organization_id, v_request.property_id, v_request.work_order_id, v_request.id,
    v_request.vendor_id, p_amount_minor, p.currency, p_available_on, nullif(btrim(p_notes), ''),
    p_attachment_name, p_attachment_type, p_attachment_size
  from public.properties p where p.id = v_request.property_id;
  update public.quote_requests r set status = 'submitted', submitted_at = now() where r.id = v_request.id;
  if p_attachment_name is not null then
    -- A fresh uuid makes the path unguessable; the name keeps only characters safe in any URL.
    v_path := format('%s/%s/work-orders/%s/quotes/%s/%s-%s', v_request.organization_id, v_request.property_id,
      v_request.work_order_id, v_quote, gen_random_uuid(),
      left(regexp_replace(p_attachment_name, '[^A-Za-z0-9._-]+', '_', 'g'), 100));
    insert into private.vendor_upload_grants (organization_id, vendor_quote_id, object_name, content_type, max_bytes, expires_at)
    values (v_request.organization_id, v_quote, v_path, p_attachment_type, p_attachment_size, v_expires);
  end if;
  return query select v_quote, case when v_path is null then null else 'documents' end, v_path,
    case when v_path is null then null else v_expires end;
end;
$$;

-- ============================================================================================
-- Grants
-- ============================================================================================

revoke execute on function
  anon_policies.vendor_upload_open(text, text, jsonb),
  private.is_vendor_quote_file(text, text),
  private.take_vendor_upload(),
  private.forget_vendor_upload(),
  public.submit_vendor_quote(text, bigint, date, text, text, text, bigint)
from public, anon, authenticated;
-- Called by the storage policies of the role that uploads.
grant execute on function anon_policies.vendor_upload_open(text, text, jsonb) to anon;
grant execute on function private.is_vendor_quote_file(text, text) to authenticated, service_role;
-- The vendor's link: no account, only the request its token names.
grant execute on function public.submit_vendor_quote(text, bigint, date, text, text, text, bigint) to anon;
