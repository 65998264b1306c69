-- A guest refund that Stripe would not take after its last attempt (private.guest_refunds ends
-- `failed`, decision 036) waits for a person: the property's managers are told, in the app (and
-- by email where they asked for it), with a link to the booking where they may try again. Until
-- now they learnt of it only by opening the booking.

-- Usable from the next transaction on (PostgreSQL does not let a new enum value be used in the
-- transaction that added it): the trigger below only names it in its body, read when it runs.
alter type public.notification_event add value if not exists 'refund_failed';

-- Members with at least this role who work in the property; private.property_staff (20261206160410)
-- is now this at 'staff'.
create function private.property_members(p_property_id uuid, p_at_least public.org_role)
returns uuid[]
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(array_agg(m.user_id), '{}')
  from public.properties p
  join public.memberships m on m.organization_id = p.organization_id
  where p.id = p_property_id and m.role >= p_at_least
    and (m.all_properties or m.role >= 'admin' or exists (
      select 1 from public.member_property_access a where a.user_id = m.user_id and a.property_id = p.id));
$$;

create or replace function private.property_staff(p_property_id uuid)
returns uuid[]
language sql
stable
security definer
set search_path = ''
as $$ select private.property_members(p_property_id, 'staff') $$;

create function private.guest_refunds_notify_failed()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_slug text;
  v_reference text;
begin
  if new.status = 'failed' and old.status is distinct from 'failed' then
    select o.slug into v_slug from public.organizations o where o.id = new.organization_id;
    select b.reference into v_reference from public.bookings b where b.id = new.booking_id;
    perform private.notify_users(private.property_members(new.property_id, 'manager'), new.property_id,
      'refund_failed'::public.notification_event,
      'Refund failed: booking ' || coalesce(v_reference, 'without a reference'),
      to_char(new.amount_minor / 100.0, 'FM999999990.00') || ' ' || new.currency || ' not refunded after '
        || new.attempts || ' attempts: ' || coalesce(new.last_error, 'Stripe did not answer.')
        || ' Check it in Stripe, then try again from the booking.',
      format('/o/%s/p/%s/bookings/%s', v_slug, new.property_id, new.booking_id));
  end if;
  return null;
end;
$$;

create trigger guest_refunds_notify_failed after update of status on private.guest_refunds
  for each row execute function private.guest_refunds_notify_failed();

revoke execute on function private.property_members(uuid, public.org_role) from public, anon, authenticated;
revoke execute on function private.guest_refunds_notify_failed() from public, anon, authenticated;
