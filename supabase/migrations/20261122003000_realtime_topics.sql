-- Who may use Roost's private realtime topics (Supabase Realtime Authorization: RLS on
-- realtime.messages, the topic being realtime.topic()), and which tables stream their changes.
-- - `org:<organization_id>`: every member reads; staff and above send.
-- - `property:<property_id>`: members who work at that property read; staff and above there send.
-- A topic of any other shape, or naming an id the caller has no access to, matches nothing.
-- postgres_changes of bookings, orders and order_items (opted into supabase_realtime by their own
-- migrations) carry the whole old row (replica identity full), so a deleted row can be
-- authorised by RLS and filtered like the others.

-- ============================================================================================
-- Tables
-- ============================================================================================

alter table public.bookings replica identity full;
alter table public.orders replica identity full;
alter table public.order_items replica identity full;

-- ============================================================================================
-- Helper functions
-- ============================================================================================

-- Whether the caller holds at least p_min_role for the organization or property a topic names.
create function private.can_use_realtime_topic(p_topic text, p_min_role public.org_role)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_kind text := split_part(p_topic, ':', 1);
  v_id text := substr(p_topic, length(split_part(p_topic, ':', 1)) + 2);
begin
  if p_topic is null
    or v_id !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return false;
  end if;
  if v_kind = 'org' then
    return private.has_org_role(v_id::uuid, p_min_role);
  elsif v_kind = 'property' then
    return private.can_access_property(v_id::uuid, p_min_role);
  end if;
  return false;
end;
$$;

-- ============================================================================================
-- Policies
-- ============================================================================================

create policy "members can listen to their organization and property topics" on realtime.messages
  for select to authenticated
  using (private.can_use_realtime_topic((select realtime.topic()), 'viewer'));

create policy "staff can send to their organization and property topics" on realtime.messages
  for insert to authenticated
  with check (private.can_use_realtime_topic(topic, 'staff'));

-- ============================================================================================
-- Grants
-- ============================================================================================

revoke execute on function private.can_use_realtime_topic(text, public.org_role) from public, anon;
grant execute on function private.can_use_realtime_topic(text, public.org_role) to authenticated, service_role;
