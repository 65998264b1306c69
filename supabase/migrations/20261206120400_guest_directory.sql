-- The guest directory of the admin portal: search, a strict create and an edit by id, consent
-- history, loyalty adjustments and one visit history of stays and orders.
--
-- - search_guests: name, email or phone, case-insensitive anywhere in the text (pg_trgm indexes
--   serve the `ilike '%…%'`), sorted by name or last stay, with the exact total of matches in
--   every row. It runs with the caller's rights, so the guests' and bookings' RLS apply (a
--   member restricted to some properties sees last stays at those only).
-- - create_guest / update_guest: staff and up. Unlike upsert_guest (which finds a guest by email
--   or phone and merges into it, as widgets need) they never merge: an email or phone of another
--   guest is refused by the unique indexes (23505 naming guests_organization_email_key or
--   guests_organization_phone_key), and update_guest sets exactly what it is given (null clears).
-- - guest_consent_history: when marketing consent was given or withdrawn and by whom, read from
--   the audit log (which records every change of a guest) for staff and up.
-- - adjust_loyalty_points: managers and up add or remove points with a reason; the ledger's
--   trigger and the balance's check constraint do the rest (no overdraft).
-- - guest_history: stays (bookings but holds) and orders (of the guest's bookings, or on a tab
--   or folio opened for the guest) of each guest, under the callers' RLS.

create extension if not exists pg_trgm with schema extensions;

-- ============================================================================================
-- Indexes
-- ============================================================================================

create index guests_full_name_trgm_idx on public.guests using gin (full_name extensions.gin_trgm_ops);
create index guests_email_trgm_idx on public.guests using gin ((email::text) extensions.gin_trgm_ops);
create index guests_phone_trgm_idx on public.guests using gin (phone extensions.gin_trgm_ops);
-- The consent history reads a guest's rows of the audit log.
create index audit_log_guest_rows_idx on public.audit_log (organization_id, row_id) where table_name = 'guests';

-- ============================================================================================
-- Helper functions
-- ============================================================================================

-- The checks of a guest's fields shared by create_guest and update_guest (already trimmed and
-- normalized by the caller); the table's constraints repeat them.
create function private.check_guest_fields(p_name text, p_email text, p_phone text, p_language text, p_notes text)
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform private.check_input(char_length(p_name) between 1 and 200, 'invalid_full_name', 'Full name must be 1 to 200 characters.');
  perform private.check_input(p_email is null or private.is_email(p_email), 'invalid_email',
    'Email must be a valid address of at most 254 characters.');
  perform private.check_input(p_phone is null or p_phone ~ '^\+[1-9][0-9]{6,14}$', 'invalid_phone',
    'Phone must be an international number such as +351 912 345 678.');
  perform private.check_input(p_language is null or p_language ~ '^[a-z]{2,3}(-[A-Z]{2})?$', 'invalid_language',
    'Language must look like en or pt-PT.');
  perform private.check_input(p_notes is null or char_length(p_notes) <= 4000, 'invalid_notes', 'Notes must be at most 4000 characters.');
end;
$$;

-- The guest locked for a change by a member with at least p_min_role; guest_not_found when the
-- caller cannot see it (another organization's guest is not confirmed).
create function private.lock_guest(p_guest_id uuid, p_min_role public.org_role)
returns public.guests
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_guest public.guests;
begin
  perform private.check_input(p_guest_id is not null, 'invalid_guest_id', 'Guest id is required.');
  perform private.require_user();
  select * into v_guest from public.guests g where g.id = p_guest_id for update;
  if v_guest.id is null or not private.has_org_role(v_guest.organization_id, 'viewer') then
    perform private.raise_error('guest_not_found', 'No such guest.', 'P0002');
  end if;
  perform private.require_org_role(v_guest.organization_id, p_min_role);
  return v_guest;
end;
$$;

-- ============================================================================================
-- Views
-- ============================================================================================

-- Stays and orders of each guest, newest first by `starts_at`. Runs with the caller's rights
-- (security_invoker), so the bookings', orders' and folios' RLS apply.
create view public.guest_history with (security_invoker = true) as
select b.organization_id, b.guest_id, b.property_id, 'stay'::text as kind, b.id, b.reference,
  b.status::text as status, lower(b.period) as starts_at, upper(b.period) as ends_at,
  b.arrival_date, b.departure_date, b.party_size, b.currency, b.total_minor
from public.bookings b
where b.guest_id is not null and b.status <> 'held'
union all
select o.organization_id, b.guest_id, o.property_id, 'order', o.id, upper(left(o.id::text, 8)),
  o.status::text, coalesce(o.submitted_at, o.created_at), o.closed_at,
  null, null, null, o.currency, o.total_minor
from public.orders o
join public.bookings b on b.organization_id = o.organization_id and b.id = o.booking_id
where b.guest_id is not null and o.status <> 'draft'
union all
select o.organization_id, f.guest_id, o.property_id, 'order', o.id, upper(left(o.id::text, 8)),
  o.status::text, coalesce(o.submitted_at, o.created_at), o.closed_at,
  null, null, null, o.currency, o.total_minor
from public.orders o
join public.folios f on f.organization_id = o.organization_id and f.id = o.folio_id
where f.guest_id is not null and o.booking_id is null and o.status <> 'draft';
comment on view public.guest_history is 'Stays and orders of each guest, under the bookings'' and orders'' RLS.';

-- ============================================================================================
-- Public RPCs
-- ============================================================================================

-- A page of the organization's guests matching p_query (null or blank: all), sorted by name or
-- by last stay (latest first, guests never stayed last), each row with the total of matches.
-- Security invoker: RLS decides which guests and stays are seen, so the checks raise directly
-- (the private helpers that raise are not the caller's to execute).
create function public.search_guests(
  p_organization_id uuid,
  p_query text default null,
  p_sort text default 'name',
  p_limit integer default 25,
  p_offset integer default 0
)
returns table (
  id uuid,
  full_name text,
  email text,
  phone text,
  language text,
  loyalty_points integer,
  marketing_consent boolean,
  last_stay date,
  stays integer,
  total_count bigint
)
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_query text := nullif(btrim(p_query), '');
  v_pattern text;
  v_digits text;
begin
  if p_organization_id is null then
    raise exception using errcode = '22023', message = 'invalid_organization_id', detail = 'Organization id is required.';
  end if;
  if v_query is not null and char_length(v_query) > 200 then
    raise exception using errcode = '22023', message = 'invalid_query', detail = 'Search for at most 200 characters.';
  end if;
  if p_sort is null or p_sort not in ('name', 'last_stay') then
    raise exception using errcode = '22023', message = 'invalid_sort', detail = 'Sort by name or last_stay.';
  end if;
  if p_limit is null or p_limit not between 1 and 100 then
    raise exception using errcode = '22023', message = 'invalid_limit', detail = 'Limit must be between 1 and 100.';
  end if;
  if p_offset is null or p_offset not between 0 and 1000000 then
    raise exception using errcode = '22023', message = 'invalid_offset', detail = 'Offset must be between 0 and 1,000,000.';
  end if;
  if auth.uid() is null or not private.has_org_role(p_organization_id, 'viewer') then
    raise exception using errcode = 'PT404', message = 'organization_not_found',
      detail = 'No such organization, or you are not a member.';
  end if;
  -- The query is matched literally: LIKE's own wildcards and escape are escaped.
  v_pattern := '%' || replace(replace(replace(v_query, '\', '\\'), '%', '\%'), '_', '\_') || '%';
  -- A query that reads as a phone number (digits and separators) matches stored phones by digits.
  if v_query ~ '^\+?[0-9 ().-]+$' then
    v_digits := nullif(regexp_replace(v_query, '[^0-9]', '', 'g'), '');
  end if;
  return query
  with matched as (
    select g.id, g.full_name, g.email::text as email, g.phone, g.language, g.loyalty_points, g.marketing_consent
    from public.guests g
    where g.organization_id = p_organization_id
      and (v_query is null
        or g.full_name ilike v_pattern
        or g.email::text ilike v_pattern
        or (char_length(v_digits) >= 3 and g.phone like '%' || v_digits || '%'))
  ),
  stays as (
    select b.guest_id, max(b.arrival_date) as last_stay, count(*)::integer as n
    from public.bookings b
    where b.organization_id = p_organization_id
      and b.guest_id in (select m.id from matched m)
      and b.status in ('checked_in', 'checked_out')
    group by b.guest_id
  )
  select m.id, m.full_name, m.email, m.phone, m.language, m.loyalty_points, m.marketing_consent,
    s.last_stay, coalesce(s.n, 0), count(*) over ()
  from matched m left join stays s on s.guest_id = m.id
  order by
    case when p_sort = 'last_stay' then s.last_stay end desc nulls last,
    lower(m.full_name), m.id
  limit p_limit offset p_offset;
end;
$$;

-- A new guest (staff and up), never merged into another: an email or phone already used by a
-- guest of the organization is refused by its unique index.
create function public.create_guest(
  p_organization_id uuid,
  p_full_name text,
  p_email text,
  p_phone text,
  p_language text,
  p_notes text,
  p_marketing_consent boolean
)
returns public.guests
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_name text := btrim(p_full_name);
  v_email text := nullif(lower(btrim(p_email)), '');
  v_phone text := private.normalize_phone(p_phone);
  v_language text := nullif(btrim(p_language), '');
  v_notes text := nullif(btrim(p_notes), '');
  v_guest public.guests;
begin
  perform private.check_input(p_organization_id is not null, 'invalid_organization_id', 'Organization id is required.');
  perform private.check_input(p_full_name is not null, 'invalid_full_name', 'Full name must be 1 to 200 characters.');
  perform private.check_input(p_marketing_consent is not null, 'invalid_marketing_consent',
    'Say whether the guest consents to marketing.');
  perform private.check_guest_fields(v_name, v_email, v_phone, v_language, v_notes);
  perform private.require_org_role(p_organization_id, 'staff');
  insert into public.guests (organization_id, full_name, email, phone, language, notes, marketing_consent, marketing_consent_at)
  values (p_organization_id, v_name, v_email, v_phone, v_language, v_notes, p_marketing_consent,
    case when p_marketing_consent then now() end)
  returning * into v_guest;
  return v_guest;
end;
$$;

-- Sets a guest's contact fields, language, notes and marketing consent to exactly the values
-- given (null or blank clears an optional field); consent keeps the time it was first given.
create function public.update_guest(
  p_guest_id uuid,
  p_full_name text,
  p_email text,
  p_phone text,
  p_language text,
  p_notes text,
  p_marketing_consent boolean
)
returns public.guests
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_name text := btrim(p_full_name);
  v_email text := nullif(lower(btrim(p_email)), '');
  v_phone text := private.normalize_phone(p_phone);
  v_language text := nullif(btrim(p_language), '');
  v_notes text := nullif(btrim(p_notes), '');
  v_guest public.guests;
begin
  perform private.check_input(p_guest_id is not null, 'invalid_guest_id', 'Guest id is required.');
  perform private.check_input(p_full_name is not null, 'invalid_full_name', 'Full name must be 1 to 200 characters.');
  perform private.check_input(p_marketing_consent is not null, 'invalid_marketing_consent',
    'Say whether the guest consents to marketing.');
  perform private.check_guest_fields(v_name, v_email, v_phone, v_language, v_notes);
  v_guest := private.lock_guest(p_guest_id, 'staff');
  update public.guests g set
    full_name = v_name,
    email = v_email::extensions.citext,
    phone = v_phone,
    language = v_language,
    notes = v_notes,
    marketing_consent = p_marketing_consent,
    marketing_consent_at = case when p_marketing_consent then coalesce(g.marketing_consent_at, now()) end
  where g.id = v_guest.id
  returning * into v_guest;
  return v_guest;
end;
$$;

-- When the guest's marketing consent was given or withdrawn, newest first (staff and up), from
-- the audit log's rows of the guest; `changed_by` is null for changes without a signed-in user.
create function public.guest_consent_history(p_guest_id uuid)
returns table (changed_at timestamptz, granted boolean, changed_by uuid)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_guest public.guests;
begin
  perform private.check_input(p_guest_id is not null, 'invalid_guest_id', 'Guest id is required.');
  perform private.require_user();
  select * into v_guest from public.guests g where g.id = p_guest_id;
  if v_guest.id is null or not private.has_org_role(v_guest.organization_id, 'viewer') then
    perform private.raise_error('guest_not_found', 'No such guest.', 'P0002');
  end if;
  perform private.require_org_role(v_guest.organization_id, 'staff');
  return query
  select a.created_at, coalesce((a.new_data ->> 'marketing_consent')::boolean, false), a.actor_id
  from public.audit_log a
  where a.organization_id = v_guest.organization_id and a.table_name = 'guests' and a.row_id = v_guest.id::text
    and a.table_schema = 'public' and a.action in ('insert', 'update')
    and case a.action
      when 'insert' then (a.new_data ->> 'marketing_consent')::boolean
      else (a.new_data ->> 'marketing_consent') is distinct from (a.old_data ->> 'marketing_consent')
    end
  order by a.created_at desc, a.id desc
  limit 100;
end;
$$;

-- Adds (positive) or removes (negative) loyalty points with a reason: managers and up.
create function public.adjust_loyalty_points(p_guest_id uuid, p_points integer, p_reason text)
returns public.guests
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_guest public.guests;
begin
  perform private.check_input(p_guest_id is not null, 'invalid_guest_id', 'Guest id is required.');
  perform private.check_input(p_points <> 0 and abs(p_points) <= 10000000, 'invalid_points',
    'Points must be a non-zero number between -10,000,000 and 10,000,000.');
  perform private.check_input(char_length(btrim(p_reason)) between 1 and 200, 'invalid_reason', 'Reason must be 1 to 200 characters.');
  v_guest := private.lock_guest(p_guest_id, 'manager');
  begin
    insert into public.loyalty_ledger (organization_id, guest_id, points, reason, created_by)
    values (v_guest.organization_id, v_guest.id, p_points, btrim(p_reason), auth.uid());
  exception when check_violation then
    perform private.raise_error('insufficient_points', 'The guest does not have that many points.', 'P0001');
  end;
  select * into v_guest from public.guests g where g.id = p_guest_id;
  return v_guest;
end;
$$;

-- ============================================================================================
-- Grants
-- ============================================================================================

revoke all on table public.guest_history from anon, authenticated;
grant select on table public.guest_history to authenticated;

revoke execute on function
  private.check_guest_fields(text, text, text, text, text),
  private.lock_guest(uuid, public.org_role)
from public, anon, authenticated;

revoke execute on function
  public.search_guests(uuid, text, text, integer, integer),
  public.create_guest(uuid, text, text, text, text, text, boolean),
  public.update_guest(uuid, text, text, text, text, text, boolean),
  public.guest_consent_history(uuid),
  public.adjust_loyalty_points(uuid, integer, text)
from public, anon;
grant execute on function
  public.search_guests(uuid, text, text, integer, integer),
  public.create_guest(uuid, text, text, text, text, text, boolean),
  public.update_guest(uuid, text, text, text, text, text, boolean),
  public.guest_consent_history(uuid),
  public.adjust_loyalty_points(uuid, integer, text)
to authenticated, service_role;
