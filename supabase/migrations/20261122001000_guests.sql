-- Guests: per-organization guest profiles shared by every property of the organization.
-- De-duplicated on email and on phone (each unique per organization where present); staff and
-- above create or update them through `upsert_guest`, which finds a guest by email or phone before
-- creating one; every member reads them. Visit history is derived from bookings (and orders) by
-- later migrations, never stored here.
--
-- Phone numbers are stored normalized: `+` and 7 to 15 digits (E.164 without formatting);
-- `upsert_guest` strips spaces, dots, hyphens and parentheses and reads a leading 00 as +.

-- ============================================================================================
-- Tables
-- ============================================================================================

create table public.guests (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  full_name text not null,
  email extensions.citext,
  phone text,
  language text,
  notes text,
  tags text[] not null default '{}',
  marketing_consent boolean not null default false,
  -- When consent was last given; null while there is none.
  marketing_consent_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint guests_organization_id_id_key unique (organization_id, id),
  constraint guests_full_name_length check (char_length(full_name) between 1 and 200 and full_name = btrim(full_name)),
  constraint guests_email_format check (email is null or private.is_email(email::text)),
  constraint guests_phone_format check (phone is null or phone ~ '^\+[1-9][0-9]{6,14}$'),
  constraint guests_language_format check (language is null or language ~ '^[a-z]{2,3}(-[A-Z]{2})?$'),
  constraint guests_notes_length check (notes is null or char_length(notes) <= 4000),
  constraint guests_tags_valid check (
    cardinality(tags) <= 50 and array_position(tags, null) is null
    and (cardinality(tags) = 0 or array_ndims(tags) = 1)
    and char_length(array_to_string(tags, '')) <= 50 * 40
  ),
  constraint guests_consent_time check (marketing_consent = (marketing_consent_at is not null))
);
comment on table public.guests is 'A guest profile of an organization, de-duplicated on email and phone.';

-- ============================================================================================
-- Indexes
-- ============================================================================================

create unique index guests_organization_email_key on public.guests (organization_id, email) where email is not null;
create unique index guests_organization_phone_key on public.guests (organization_id, phone) where phone is not null;
create index guests_organization_name_idx on public.guests (organization_id, full_name);

-- ============================================================================================
-- Triggers
-- ============================================================================================

create trigger guests_touch_updated_at before update on public.guests
  for each row execute function private.touch_updated_at();
create trigger guests_organization_immutable before update on public.guests
  for each row execute function private.forbid_organization_change();
create trigger guests_audit after insert or update or delete on public.guests
  for each row execute function private.record_audit('organization_id');

-- ============================================================================================
-- Helper functions
-- ============================================================================================

-- '+351 912-345-678', '00351 (912) 345 678' → '+351912345678'; anything else stays as typed
-- (without the separators) and fails the format check of the caller.
create function private.normalize_phone(p_phone text)
returns text
language sql
immutable
set search_path = ''
as $$
  select nullif(regexp_replace(regexp_replace(btrim(p_phone), '[\s.()-]', '', 'g'), '^00', '+'), '');
$$;

-- ============================================================================================
-- Policies
-- ============================================================================================

alter table public.guests enable row level security;

create policy "members can read their organization's guests" on public.guests
  for select to authenticated
  using (organization_id in (select private.orgs_with_role('viewer')));

-- ============================================================================================
-- Public RPCs
-- ============================================================================================

-- Finds the guest by email, else by phone, and updates it with every non-null argument; creates
-- one when neither matches. When the email names one guest and the phone another, refuses with
-- guest_conflict rather than merging two profiles. p_marketing_consent null keeps the consent as
-- it is; true records now() as the time of consent (kept when it was already given).
create function public.upsert_guest(
  p_organization_id uuid,
  p_full_name text,
  p_email text default null,
  p_phone text default null,
  p_language text default null,
  p_notes text default null,
  p_tags text[] default null,
  p_marketing_consent boolean default null
)
returns public.guests
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_role public.org_role := private.require_org_role(p_organization_id, 'staff');
  v_name text := btrim(p_full_name);
  v_email text := nullif(lower(btrim(p_email)), '');
  v_phone text := private.normalize_phone(p_phone);
  v_by_email public.guests;
  v_by_phone public.guests;
  v_guest public.guests;
  v_attempt int := 0;
begin
  perform private.check_input(char_length(v_name) between 1 and 200, 'invalid_full_name', 'Full name must be 1 to 200 characters.');
  perform private.check_input(v_email is null or private.is_email(v_email), 'invalid_email',
    'Email must be a valid address of at most 254 characters.');
  perform private.check_input(v_phone is null or v_phone ~ '^\+[1-9][0-9]{6,14}$', 'invalid_phone',
    'Phone must be an international number such as +351 912 345 678.');
  perform private.check_input(p_language is null or p_language ~ '^[a-z]{2,3}(-[A-Z]{2})?$', 'invalid_language',
    'Language must look like en or pt-PT.');
  perform private.check_input(p_notes is null or char_length(p_notes) <= 4000, 'invalid_notes', 'Notes must be at most 4000 characters.');
  perform private.check_input(
    p_tags is null or (
      cardinality(p_tags) <= 50 and (cardinality(p_tags) = 0 or array_ndims(p_tags) = 1)
      and array_position(p_tags, null) is null
      and not exists (select 1 from unnest(p_tags) t where char_length(btrim(t)) not between 1 and 40)
    ),
    'invalid_tags', 'Tags must be a flat list of at most 50 tags of 1 to 40 characters.');

  loop
    v_attempt := v_attempt + 1;
    v_by_email := null;
    v_by_phone := null;
    if v_email is not null then
      select * into v_by_email from public.guests g
      where g.organization_id = p_organization_id and g.email = v_email::extensions.citext for update;
    end if;
    if v_phone is not null then
      select * into v_by_phone from public.guests g
      where g.organization_id = p_organization_id and g.phone = v_phone for update;
    end if;
    if v_by_email.id is not null and v_by_phone.id is not null and v_by_email.id <> v_by_phone.id then
      perform private.raise_error('guest_conflict', 'The email and the phone belong to two different guests.', '23505');
    end if;
    -- Not coalesce(): a row variable a query found nothing for is a row of nulls, not null.
    v_guest := case when v_by_email.id is not null then v_by_email else v_by_phone end;
    begin
      if v_guest.id is null then
        insert into public.guests (organization_id, full_name, email, phone, language, notes, tags,
          marketing_consent, marketing_consent_at)
        values (p_organization_id, v_name, v_email, v_phone, p_language, p_notes,
          coalesce((select array_agg(distinct btrim(t) order by btrim(t)) from unnest(p_tags) t), '{}'),
          coalesce(p_marketing_consent, false), case when p_marketing_consent then now() end)
        returning * into v_guest;
      else
        update public.guests g set
          full_name = v_name,
          email = coalesce(v_email::extensions.citext, g.email),
          phone = coalesce(v_phone, g.phone),
          language = coalesce(p_language, g.language),
          notes = coalesce(p_notes, g.notes),
          tags = coalesce((select array_agg(distinct btrim(t) order by btrim(t)) from unnest(p_tags) t),
            case when p_tags is not null then '{}'::text[] end, g.tags),
          marketing_consent = coalesce(p_marketing_consent, g.marketing_consent),
          marketing_consent_at = case
            when p_marketing_consent is null then g.marketing_consent_at
            when p_marketing_consent then coalesce(g.marketing_consent_at, now())
          end
        where g.id = v_guest.id
        returning * into v_guest;
      end if;
      return v_guest;
    exception when unique_violation then
      -- A concurrent call created the same guest (or took this email or phone) first: look again.
      if v_attempt >= 3 then
        perform private.raise_error('guest_conflict', 'Another guest already uses this email or phone.', '23505');
      end if;
    end;
  end loop;
end;
$$;

-- ============================================================================================
-- Grants
-- ============================================================================================

revoke all on table public.guests from anon, authenticated;
grant select on table public.guests to authenticated;

revoke execute on function private.normalize_phone(text) from public, anon, authenticated;

revoke execute on function
  public.upsert_guest(uuid, text, text, text, text, text, text[], boolean)
from public, anon;
grant execute on function
  public.upsert_guest(uuid, text, text, text, text, text, text[], boolean)
to authenticated, service_role;
