-- Vendors, quotes and invoices for work orders (issue 19, item 4; docs/decisions/033-maintenance-work-orders.md).
--
-- - public.vendors: an organization's directory (trade, email, phone). Staff and up read it,
--   managers and up write it through the Data API.
-- - public.request_vendor_quote(work order, vendor, site url, valid for): a manager of the
--   property asks a vendor for a quote. A random token is made here, only its SHA-256 is kept,
--   and the email with the link `<site>/quote/<token>` is queued (private.enqueue_mail) in the
--   same transaction: the token exists nowhere but in that email. The site URL is the web app's
--   origin, passed by the caller (the database does not know where the app is served).
-- - The vendor has no account. The page at /quote/<token> reads public.vendor_quote_request(token)
--   and the public edge function `vendor-quote` calls public.submit_vendor_quote(token, …) as
--   `anon`: both are security definer, narrow, and reach only the one request the token names.
--   A link is usable until it expires and for one submission: a second submission is refused
--   (`quote_link_used`), as is an expired link (`quote_link_expired`), an unknown one
--   (`quote_request_not_found`) and one whose work order was closed or whose quote was already
--   awarded (`quote_request_closed`). The attachment (PDF or image, ≤ 2 MB) is kept in the row:
--   storing it in the documents bucket would need the service role.
-- - public.accept_vendor_quote(quote): a manager awards one quote; the other submitted quotes of
--   the work order are declined, every vendor involved is told by email, open requests close.
-- - public.work_order_invoices: a vendor's invoice uploaded by a manager to
--   `documents/<organization>/<property>/inbox/invoices/<work order>/<file>`, which the storage
--   trigger turns into an `ocr_receipt` job (migration 20261122004000_jobs.sql). The view
--   public.work_order_invoice_checks compares the total read by OCR with the accepted quote:
--   `reading`, `unreadable`, `no_accepted_quote`, `matched` or `differs` (with the difference).
-- - public.work_order_costs: per work order, the accepted quote and the latest invoice total read,
--   for the maintenance cost reports (views run with the caller's rights).

-- ============================================================================================
-- Tables
-- ============================================================================================

create table public.vendors (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  name text not null,
  email text not null,
  phone text,
  trade text,
  notes text,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint vendors_organization_id_id_key unique (organization_id, id),
  constraint vendors_organization_name_key unique (organization_id, name),
  constraint vendors_name_length check (char_length(name) between 1 and 120 and name = btrim(name)),
  constraint vendors_email_format check (private.is_email(email)),
  constraint vendors_phone_length check (phone is null or (char_length(phone) between 3 and 40 and phone !~ '[\r\n]')),
  constraint vendors_trade_length check (trade is null or (char_length(trade) between 1 and 80 and trade !~ '[\r\n]')),
  constraint vendors_notes_length check (notes is null or char_length(notes) <= 2000)
);
comment on table public.vendors is 'Contractors and suppliers an organization asks for quotes.';

create table public.quote_requests (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  work_order_id uuid not null,
  vendor_id uuid not null,
  email text not null,
  -- Only the SHA-256 of the link's token is kept.
  token_hash bytea not null,
  expires_at timestamptz not null,
  status text not null default 'sent',
  requested_by uuid references auth.users (id) on delete set null,
  submitted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint quote_requests_token_hash_key unique (token_hash),
  constraint quote_requests_token_hash_length check (octet_length(token_hash) = 32),
  constraint quote_requests_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  constraint quote_requests_work_order_fkey foreign key (property_id, work_order_id)
    references public.work_orders (property_id, id) on delete cascade,
  constraint quote_requests_vendor_fkey foreign key (organization_id, vendor_id)
    references public.vendors (organization_id, id) on delete cascade,
  constraint quote_requests_status_valid check (status in ('sent', 'submitted', 'closed')),
  constraint quote_requests_submitted_at check ((submitted_at is not null) = (status = 'submitted') or status = 'closed')
);
comment on table public.quote_requests is 'A quote asked of a vendor for a work order, answered once through an expiring emailed link.';

create table public.vendor_quotes (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  work_order_id uuid not null,
  quote_request_id uuid not null,
  vendor_id uuid not null,
  amount_minor bigint not null,
  currency text not null,
  available_on date,
  notes text,
  attachment_name text,
  attachment_type text,
  attachment bytea,
  status text not null default 'submitted',
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint vendor_quotes_request_key unique (quote_request_id),
  constraint vendor_quotes_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  constraint vendor_quotes_work_order_fkey foreign key (property_id, work_order_id)
    references public.work_orders (property_id, id) on delete cascade,
  constraint vendor_quotes_request_fkey foreign key (quote_request_id)
    references public.quote_requests (id) on delete cascade,
  constraint vendor_quotes_vendor_fkey foreign key (organization_id, vendor_id)
    references public.vendors (organization_id, id) on delete cascade,
  constraint vendor_quotes_amount_range check (amount_minor between 1 and 100000000000),
  constraint vendor_quotes_currency_format check (currency ~ '^[A-Z]{3}$'),
  constraint vendor_quotes_notes_length check (notes is null or char_length(notes) <= 2000),
  constraint vendor_quotes_attachment_complete check (
    (attachment is null) = (attachment_name is null) and (attachment is null) = (attachment_type is null)),
  constraint vendor_quotes_attachment_size check (attachment is null or octet_length(attachment) between 1 and 2097152),
  constraint vendor_quotes_attachment_type_valid check (
    attachment_type is null or attachment_type in ('application/pdf', 'image/png', 'image/jpeg', 'image/webp')),
  constraint vendor_quotes_attachment_name_valid check (
    attachment_name is null or (char_length(attachment_name) between 1 and 200 and attachment_name !~ '[/\\[:cntrl:]]')),
  constraint vendor_quotes_status_valid check (status in ('submitted', 'accepted', 'declined')),
  constraint vendor_quotes_decided_at check ((decided_at is not null) = (status <> 'submitted'))
);
comment on table public.vendor_quotes is 'A vendor''s answer to a quote request: amount in minor units of the property''s currency, date, notes, attachment.';
-- One awarded quote per work order.
create unique index vendor_quotes_one_accepted_key on public.vendor_quotes (work_order_id) where status = 'accepted';

create table public.work_order_invoices (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null,
  property_id uuid not null,
  work_order_id uuid not null,
  object_name text not null,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint work_order_invoices_object_name_key unique (object_name),
  constraint work_order_invoices_property_fkey foreign key (organization_id, property_id)
    references public.properties (organization_id, id) on delete cascade,
  constraint work_order_invoices_work_order_fkey foreign key (property_id, work_order_id)
    references public.work_orders (property_id, id) on delete cascade,
  -- documents/<organization>/<property>/inbox/invoices/<work order>/<file>: the upload is an OCR job.
  constraint work_order_invoices_object_name_valid check (
    char_length(object_name) <= 1024
    and starts_with(object_name, format('%s/%s/inbox/invoices/%s/', organization_id, property_id, work_order_id))
    and object_name !~ '(^|/)\.\.?(/|$)' and right(object_name, 1) <> '/'
    and split_part(object_name, '/', 7) = ''
  )
);
comment on table public.work_order_invoices is 'A vendor''s invoice for a work order, read by the OCR job of its upload.';

-- ============================================================================================
-- Indexes
-- ============================================================================================

create index vendors_organization_idx on public.vendors (organization_id, name);
create index quote_requests_organization_idx on public.quote_requests (organization_id, property_id);
create index quote_requests_work_order_idx on public.quote_requests (property_id, work_order_id);
create index quote_requests_vendor_idx on public.quote_requests (organization_id, vendor_id);
create index quote_requests_requested_by_idx on public.quote_requests (requested_by);
create index vendor_quotes_organization_idx on public.vendor_quotes (organization_id, property_id);
create index vendor_quotes_work_order_idx on public.vendor_quotes (property_id, work_order_id);
create index vendor_quotes_vendor_idx on public.vendor_quotes (organization_id, vendor_id);
create index work_order_invoices_organization_idx on public.work_order_invoices (organization_id, property_id);
create index work_order_invoices_work_order_idx on public.work_order_invoices (property_id, work_order_id);
create index work_order_invoices_created_by_idx on public.work_order_invoices (created_by);
-- The invoice check finds the OCR job of an upload by its object name.
create index jobs_input_name_idx on public.jobs ((input ->> 'name')) where kind = 'ocr_receipt';

-- ============================================================================================
-- Triggers
-- ============================================================================================

create trigger vendors_touch_updated_at before update on public.vendors
  for each row execute function private.touch_updated_at();
create trigger vendors_organization_immutable before update on public.vendors
  for each row execute function private.forbid_organization_change();
create trigger vendors_audit after insert or update or delete on public.vendors
  for each row execute function private.record_audit('organization_id');
create trigger quote_requests_touch_updated_at before update on public.quote_requests
  for each row execute function private.touch_updated_at();
create trigger quote_requests_organization_immutable before update on public.quote_requests
  for each row execute function private.forbid_organization_change();
create trigger quote_requests_audit after insert or update or delete on public.quote_requests
  for each row execute function private.record_audit('organization_id', 'token_hash');
create trigger vendor_quotes_touch_updated_at before update on public.vendor_quotes
  for each row execute function private.touch_updated_at();
create trigger vendor_quotes_organization_immutable before update on public.vendor_quotes
  for each row execute function private.forbid_organization_change();
create trigger vendor_quotes_audit after insert or update or delete on public.vendor_quotes
  for each row execute function private.record_audit('organization_id', 'attachment');
create trigger work_order_invoices_touch_updated_at before update on public.work_order_invoices
  for each row execute function private.touch_updated_at();
create trigger work_order_invoices_organization_immutable before update on public.work_order_invoices
  for each row execute function private.forbid_organization_change();
create trigger work_order_invoices_audit after insert or update or delete on public.work_order_invoices
  for each row execute function private.record_audit('organization_id');

create function private.prepare_work_order_invoice()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.created_by := auth.uid();
  new.created_at := now();
  return new;
end;
$$;

create trigger work_order_invoices_prepare before insert on public.work_order_invoices
  for each row execute function private.prepare_work_order_invoice();

-- ============================================================================================
-- Mail (plain HTML built here, in the transaction that makes the token; see the decision)
-- ============================================================================================

create function private.escape_html(p_text text)
returns text
language sql
immutable
set search_path = ''
as $$
  select replace(replace(replace(replace(replace(coalesce(p_text, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
    '"', '&quot;'), '''', '&#39;');
$$;

-- Queues one maintenance email: paragraphs of plain text, an optional button link.
create function private.enqueue_maintenance_mail(
  p_to text,
  p_subject text,
  p_paragraphs text[],
  p_link text,
  p_link_label text,
  p_template text,
  p_tags jsonb
)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_subject text := regexp_replace(p_subject, '[\r\n[:cntrl:]]+', ' ', 'g');
  v_html text;
  v_text text;
begin
  v_html := format('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>%s</title></head>'
    '<body style="font-family:system-ui,sans-serif;color:#1a1a1a;line-height:1.5">'
    '<div style="max-width:560px;margin:0 auto;padding:24px">%s%s<p style="color:#666;font-size:13px">Roost</p></div></body></html>',
    private.escape_html(v_subject),
    (select string_agg(format('<p>%s</p>', private.escape_html(p)), '') from unnest(p_paragraphs) p),
    case when p_link is not null then format(
      '<p><a href="%s" style="display:inline-block;padding:10px 18px;background:#1f4f7a;color:#fff;border-radius:6px;text-decoration:none">%s</a></p>',
      private.escape_html(p_link), private.escape_html(p_link_label)) else '' end);
  v_text := array_to_string(p_paragraphs, E'\n\n')
    || case when p_link is not null then format(E'\n\n%s: %s', p_link_label, p_link) else '' end || E'\n';
  return private.enqueue_mail(p_to, left(v_subject, 998), v_html, v_text, null, p_template, p_tags);
end;
$$;

-- ============================================================================================
-- RPCs
-- ============================================================================================

-- A manager of the work order's property asks a vendor of the organization for a quote; the
-- email with the single-use link is queued here. Returns the request and when its link expires.
create function public.request_vendor_quote(
  p_work_order_id uuid,
  p_vendor_id uuid,
  p_site_url text,
  p_valid_for interval default interval '14 days'
)
returns table (quote_request_id uuid, expires_at timestamptz)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_order public.work_orders;
  v_vendor public.vendors;
  v_property public.properties;
  v_token text := translate(encode(extensions.gen_random_bytes(32), 'base64'), '+/=', '-_');
  v_link text;
  v_request public.quote_requests;
begin
  perform private.check_input(p_work_order_id is not null, 'invalid_work_order_id', 'Work order id is required.');
  perform private.check_input(p_vendor_id is not null, 'invalid_vendor_id', 'Vendor id is required.');
  perform private.check_input(
    p_site_url is not null and char_length(p_site_url) <= 200 and p_site_url ~ '^https?://[A-Za-z0-9.\-]+(:[0-9]{1,5})?$',
    'invalid_site_url', 'The site URL is an http(s) origin, without a path.');
  perform private.check_input(p_valid_for is not null and p_valid_for between interval '1 hour' and interval '60 days',
    'invalid_valid_for', 'A quote link is valid for 1 hour to 60 days.');
  perform private.require_user();
  select * into v_order from public.work_orders w where w.id = p_work_order_id for update;
  perform private.require_property_role(v_order.property_id, 'manager', 'work_order_not_found',
    'No such work order, or you do not work at its property.');
  if v_order.status in ('done', 'cancelled') then
    perform private.raise_error('work_order_closed', format('This work order is %s.', v_order.status), 'P0001');
  end if;
  if exists (select 1 from public.vendor_quotes q where q.work_order_id = v_order.id and q.status = 'accepted') then
    perform private.raise_error('quote_already_accepted', 'A quote was already accepted for this work order.', 'P0001');
  end if;
  select * into v_vendor from public.vendors v where v.id = p_vendor_id and v.organization_id = v_order.organization_id;
  if v_vendor.id is null then
    perform private.raise_error('vendor_not_found', 'No such vendor in this organization.', 'P0002');
  end if;
  if not v_vendor.active then
    perform private.raise_error('vendor_inactive', 'This vendor is archived.', 'P0001');
  end if;
  select * into v_property from public.properties p where p.id = v_order.property_id;
  insert into public.quote_requests (organization_id, property_id, work_order_id, vendor_id, email, token_hash,
    expires_at, requested_by)
  values (v_order.organization_id, v_order.property_id, v_order.id, v_vendor.id, v_vendor.email,
    extensions.digest(v_token, 'sha256'), now() + p_valid_for, auth.uid())
  returning * into v_request;
  v_link := format('%s/quote/%s', p_site_url, v_token);
  perform private.enqueue_maintenance_mail(v_vendor.email,
    format('Quote request from %s: %s', v_property.name, v_order.title),
    array[
      format('Hello %s,', v_vendor.name),
      format('%s asks for your quote for work order #%s: %s.', v_property.name, v_order.number, v_order.title),
      coalesce(v_order.description, ''),
      format('The link is valid until %s (UTC) and accepts one submission.',
        to_char(v_request.expires_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI'))
    ],
    v_link, 'Submit your quote', 'vendor_quote_request',
    jsonb_build_object('organization', v_order.organization_id, 'quote_request', v_request.id));
  return query select v_request.id, v_request.expires_at;
end;
$$;

-- The request a link's token names, locked, or the refusal a vendor sees.
create function private.quote_request_for_token(p_token text, p_lock boolean)
returns public.quote_requests
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_request public.quote_requests;
begin
  perform private.check_input(p_token is not null and char_length(p_token) between 16 and 128 and p_token ~ '^[A-Za-z0-9_-]+$',
    'invalid_token', 'The link is not a quote link.');
  if p_lock then
    select * into v_request from public.quote_requests r
    where r.token_hash = extensions.digest(p_token, 'sha256') for update;
  else
    select * into v_request from public.quote_requests r where r.token_hash = extensions.digest(p_token, 'sha256');
  end if;
  if v_request.id is null then
    perform private.raise_error('quote_request_not_found', 'No quote request matches this link.', 'P0002');
  end if;
  if v_request.status = 'submitted' then
    perform private.raise_error('quote_link_used', 'A quote was already submitted through this link.', 'P0001');
  end if;
  if v_request.status = 'closed' or exists (
    select 1 from public.work_orders w where w.id = v_request.work_order_id and w.status in ('done', 'cancelled')
  ) then
    perform private.raise_error('quote_request_closed', 'This quote request is closed.', 'P0001');
  end if;
  if v_request.expires_at <= now() then
    perform private.raise_error('quote_link_expired', 'This quote link has expired.', 'P0001');
  end if;
  return v_request;
end;
$$;

-- What a vendor's link shows: the one request it names, nothing else.
create function public.vendor_quote_request(p_token text)
returns table (
  vendor_name text,
  property_name text,
  work_order_number bigint,
  title text,
  description text,
  location text,
  currency text,
  expires_at timestamptz
)
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_request public.quote_requests := private.quote_request_for_token(p_token, false);
begin
  return query
    select v.name, p.name, w.number, w.title, w.description,
      nullif(concat_ws(' · ', r.name, w.area), ''), p.currency, v_request.expires_at
    from public.work_orders w
    join public.properties p on p.id = w.property_id
    join public.vendors v on v.id = v_request.vendor_id
    left join public.resources r on r.id = w.resource_id
    where w.id = v_request.work_order_id;
end;
$$;

-- A vendor's quote through their link, once. Amount in minor units of the property's currency.
create function public.submit_vendor_quote(
  p_token text,
  p_amount_minor bigint,
  p_available_on date,
  p_notes text,
  p_attachment_name text default null,
  p_attachment_type text default null,
  p_attachment bytea default null
)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_request public.quote_requests;
  v_quote_id uuid;
begin
  perform private.check_input(p_amount_minor is not null and p_amount_minor between 1 and 100000000000,
    'invalid_amount', 'The amount is 0.01 to 1,000,000,000.');
  perform private.check_input(p_available_on is null or p_available_on between current_date - 1 and current_date + 730,
    'invalid_available_on', 'The date is today or within two years.');
  perform private.check_input(p_notes is null or (char_length(p_notes) <= 2000 and p_notes !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]'),
    'invalid_notes', 'Notes are at most 2,000 characters of text.');
  perform private.check_input((p_attachment is null) = (p_attachment_name is null) and (p_attachment is null) = (p_attachment_type is null),
    'invalid_attachment', 'An attachment has a name, a type and content.');
  perform private.check_input(p_attachment is null or octet_length(p_attachment) between 1 and 2097152,
    'attachment_too_large', 'The attachment is at most 2 MB.');
  perform private.check_input(p_attachment_type is null or p_attachment_type in ('application/pdf', 'image/png', 'image/jpeg', 'image/webp'),
    'invalid_attachment_type', 'Attach a PDF, PNG, JPEG or WebP file.');
  perform private.check_input(p_attachment_name is null
      or (char_length(p_attachment_name) between 1 and 200 and p_attachment_name !~ '[/\\[:cntrl:]]'),
    'invalid_attachment_name', 'The file name is 1 to 200 characters, without slashes.');
  v_request := private.quote_request_for_token(p_token, true);
  insert into public.vendor_quotes (organization_id, property_id, work_order_id, quote_request_id, vendor_id,
    amount_minor, currency, available_on, notes, attachment_name, attachment_type, attachment)
  select v_request.organization_id, v_request.property_id, v_request.work_order_id, v_request.id, v_request.vendor_id,
    p_amount_minor, p.currency, p_available_on, nullif(btrim(p_notes), ''), p_attachment_name, p_attachment_type, p_attachment
  from public.properties p where p.id = v_request.property_id
  returning id into v_quote_id;
  update public.quote_requests r set status = 'submitted', submitted_at = now() where r.id = v_request.id;
  return v_quote_id;
end;
$$;

-- A manager awards a quote: it is accepted, the work order's other submitted quotes declined and
-- its open requests closed; every vendor with a quote is told by email.
create function public.accept_vendor_quote(p_quote_id uuid)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_quote public.vendor_quotes;
  v_order public.work_orders;
  v_property public.properties;
  v_other record;
begin
  perform private.check_input(p_quote_id is not null, 'invalid_quote_id', 'Quote id is required.');
  perform private.require_user();
  select * into v_quote from public.vendor_quotes q where q.id = p_quote_id;
  perform private.require_property_role(v_quote.property_id, 'manager', 'quote_not_found',
    'No such quote, or you do not work at its property.');
  select * into v_order from public.work_orders w where w.id = v_quote.work_order_id for update;
  if v_order.status in ('done', 'cancelled') then
    perform private.raise_error('work_order_closed', format('This work order is %s.', v_order.status), 'P0001');
  end if;
  if v_quote.status <> 'submitted' or exists (
    select 1 from public.vendor_quotes q where q.work_order_id = v_order.id and q.status = 'accepted'
  ) then
    perform private.raise_error('quote_already_decided', 'A quote of this work order was already accepted.', 'P0001');
  end if;
  select * into v_property from public.properties p where p.id = v_order.property_id;
  update public.vendor_quotes q set status = 'accepted', decided_at = now() where q.id = v_quote.id;
  update public.vendor_quotes q set status = 'declined', decided_at = now()
  where q.work_order_id = v_order.id and q.status = 'submitted';
  update public.quote_requests r set status = 'closed' where r.work_order_id = v_order.id and r.status = 'sent';
  for v_other in
    select q.id, q.status, q.amount_minor, q.currency, v.name, v.email
    from public.vendor_quotes q join public.vendors v on v.id = q.vendor_id
    where q.work_order_id = v_order.id
  loop
    perform private.enqueue_maintenance_mail(v_other.email,
      case when v_other.status = 'accepted'
        then format('Your quote was accepted: %s', v_order.title)
        else format('Your quote was not selected: %s', v_order.title) end,
      array[
        format('Hello %s,', v_other.name),
        case when v_other.status = 'accepted'
          then format('%s accepted your quote of %s %s for work order #%s: %s. They will contact you to schedule the work.',
            v_property.name, to_char(v_other.amount_minor / 100.0, 'FM999999999990.00'), v_other.currency,
            v_order.number, v_order.title)
          else format('%s chose another quote for work order #%s: %s. Thank you for quoting.',
            v_property.name, v_order.number, v_order.title) end
      ],
      null, null, case when v_other.status = 'accepted' then 'vendor_quote_accepted' else 'vendor_quote_declined' end,
      jsonb_build_object('organization', v_order.organization_id, 'vendor_quote', v_other.id));
  end loop;
end;
$$;

-- ============================================================================================
-- Views (caller's rights: the tables' RLS applies)
-- ============================================================================================

create view public.work_order_invoice_checks with (security_invoker = true) as
select i.id, i.organization_id, i.property_id, i.work_order_id, i.object_name, i.created_at,
  j.id as job_id, j.status as job_status,
  (j.result -> 'receipt' ->> 'totalMinor')::bigint as read_total_minor,
  j.result -> 'receipt' ->> 'currency' as read_currency,
  j.result -> 'receipt' ->> 'supplier' as read_supplier,
  q.amount_minor as quoted_minor,
  (j.result -> 'receipt' ->> 'totalMinor')::bigint - q.amount_minor as difference_minor,
  case
    when j.id is null or j.status in ('queued', 'running') then 'reading'
    when j.status <> 'succeeded' or j.result -> 'receipt' ->> 'totalMinor' is null then 'unreadable'
    when q.id is null then 'no_accepted_quote'
    when (j.result -> 'receipt' ->> 'totalMinor')::bigint = q.amount_minor then 'matched'
    else 'differs'
  end as match_state
from public.work_order_invoices i
left join lateral (
  select jb.* from public.jobs jb
  where jb.kind = 'ocr_receipt' and jb.input ->> 'name' = i.object_name and jb.property_id = i.property_id
  order by jb.created_at desc limit 1
) j on true
left join public.vendor_quotes q on q.work_order_id = i.work_order_id and q.status = 'accepted';
comment on view public.work_order_invoice_checks is 'Each invoice''s OCR total against the accepted quote (match_state, difference_minor).';

create view public.work_order_costs with (security_invoker = true) as
select w.id as work_order_id, w.organization_id, w.property_id, w.resource_id, w.status, w.created_at, w.closed_at,
  p.currency, q.amount_minor as quoted_minor, inv.read_total_minor as invoiced_minor,
  coalesce(inv.read_total_minor, q.amount_minor) as cost_minor
from public.work_orders w
join public.properties p on p.id = w.property_id
left join public.vendor_quotes q on q.work_order_id = w.id and q.status = 'accepted'
left join lateral (
  select c.read_total_minor from public.work_order_invoice_checks c
  where c.work_order_id = w.id and c.read_total_minor is not null
  order by c.created_at desc limit 1
) inv on true;
comment on view public.work_order_costs is 'Cost of each work order: the latest invoice total read, else the accepted quote.';

-- ============================================================================================
-- Policies
-- ============================================================================================

alter table public.vendors enable row level security;
alter table public.quote_requests enable row level security;
alter table public.vendor_quotes enable row level security;
alter table public.work_order_invoices enable row level security;

create policy "staff can read their organization's vendors" on public.vendors
  for select to authenticated using (organization_id in (select private.orgs_with_role('staff')));
create policy "managers can add vendors" on public.vendors
  for insert to authenticated with check (organization_id in (select private.orgs_with_role('manager')));
create policy "managers can change vendors" on public.vendors
  for update to authenticated
  using (organization_id in (select private.orgs_with_role('manager')))
  with check (organization_id in (select private.orgs_with_role('manager')));
create policy "managers can remove vendors" on public.vendors
  for delete to authenticated using (organization_id in (select private.orgs_with_role('manager')));

create policy "managers can read quote requests of properties they work in" on public.quote_requests
  for select to authenticated
  using (organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or property_id in (select private.listed_properties('manager')));
create policy "managers can read quotes of properties they work in" on public.vendor_quotes
  for select to authenticated
  using (organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or property_id in (select private.listed_properties('manager')));

create policy "members can read invoices of properties they work in" on public.work_order_invoices
  for select to authenticated
  using (organization_id in (select private.orgs_with_role_over_all_properties('viewer'))
    or property_id in (select private.listed_properties('viewer')));
create policy "managers can add invoices" on public.work_order_invoices
  for insert to authenticated
  with check (organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or property_id in (select private.listed_properties('manager')));
create policy "managers can remove invoices" on public.work_order_invoices
  for delete to authenticated
  using (organization_id in (select private.orgs_with_role_over_all_properties('manager'))
    or property_id in (select private.listed_properties('manager')));

-- ============================================================================================
-- Grants
-- ============================================================================================

revoke all on table public.vendors, public.quote_requests, public.vendor_quotes, public.work_order_invoices,
  public.work_order_invoice_checks, public.work_order_costs from anon, authenticated;
grant select, insert, update, delete on table public.vendors to authenticated;
-- Never the token hash.
grant select (id, organization_id, property_id, work_order_id, vendor_id, email, expires_at, status, requested_by,
  submitted_at, created_at, updated_at) on table public.quote_requests to authenticated;
grant select on table public.vendor_quotes to authenticated;
grant select, insert, delete on table public.work_order_invoices to authenticated;
grant select on table public.work_order_invoice_checks, public.work_order_costs to authenticated;

revoke execute on function
  private.prepare_work_order_invoice(),
  private.escape_html(text),
  private.enqueue_maintenance_mail(text, text, text[], text, text, text, jsonb),
  private.quote_request_for_token(text, boolean),
  public.request_vendor_quote(uuid, uuid, text, interval),
  public.vendor_quote_request(text),
  public.submit_vendor_quote(text, bigint, date, text, text, text, bytea),
  public.accept_vendor_quote(uuid)
from public, anon, authenticated;
grant execute on function public.request_vendor_quote(uuid, uuid, text, interval), public.accept_vendor_quote(uuid)
  to authenticated;
-- The vendor's link: no account, only the request its token names.
grant execute on function public.vendor_quote_request(text), public.submit_vendor_quote(text, bigint, date, text, text, text, bytea)
  to anon;
