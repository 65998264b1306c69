-- What the front desk's booking drawer needs beyond the booking RPCs:
--
-- - public.cancellation_fee(booking): the fee cancel_booking would record if the booking were
--   cancelled now, so the screen can show it BEFORE the desk confirms. Same policy, same rule
--   (R6 of the bookings migration): free for a hold or until free_cancellation_hours before the
--   start, then a percentage of the total (half up) or the first night, never more than the total.
--   Security invoker: the bookings' and property settings' RLS decide what the caller sees
--   (booking_not_found for a booking they cannot read). The settings' defaults repeat private.property_settings_of.
-- - public.set_booking_guest(booking, guest): the desk holds a room first and finds or creates
--   the guest while the hold runs; no other RPC names the guest after create_booking. Staff and
--   up of the booking's property; only for an unexpired hold or a confirmed booking; the guest
--   must belong to the booking's organization. An open folio of the booking follows.

create function public.cancellation_fee(p_booking_id uuid)
returns bigint
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_fee bigint;
begin
  -- Security invoker: the checks raise directly (the private helpers are not the caller's).
  if p_booking_id is null then
    raise exception using errcode = '22023', message = 'invalid_booking_id', detail = 'Booking id is required.';
  end if;
  select case
    when b.status <> 'confirmed' then 0::bigint
    when now() < lower(b.period) - make_interval(hours => coalesce(s.free_cancellation_hours, 48)) then 0::bigint
    when coalesce(s.cancellation_fee_kind, 'first_night') = 'percentage'
      then round(b.total_minor::numeric * coalesce(s.cancellation_fee_bps, 10000) / 10000)::bigint
    else least(coalesce((b.price_breakdown -> 'lines' -> 0 ->> 'amount_minor')::bigint, 0), b.total_minor)
  end into v_fee
  from public.bookings b
  left join public.property_settings s on s.property_id = b.property_id
  where b.id = p_booking_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'booking_not_found', detail = 'No such booking.';
  end if;
  return v_fee;
end;
$$;
comment on function public.cancellation_fee(uuid) is
  'The fee cancel_booking would record if this booking were cancelled now (0 for holds and free cancellations).';

create function public.set_booking_guest(p_booking_id uuid, p_guest_id uuid)
returns public.bookings
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_booking public.bookings := private.lock_booking_and_resource(p_booking_id, 'staff');
begin
  perform private.check_input(p_guest_id is not null, 'invalid_guest_id', 'Guest id is required.');
  if not exists (
    select 1 from public.guests g where g.id = p_guest_id and g.organization_id = v_booking.organization_id
  ) then
    perform private.raise_error('guest_not_found', 'No such guest in this organization.', 'P0002');
  end if;
  if v_booking.status not in ('held', 'confirmed') or (v_booking.status = 'held' and v_booking.hold_expires_at <= now()) then
    perform private.raise_error('not_modifiable', 'Only unexpired holds and confirmed bookings can be changed.', 'P0001');
  end if;
  update public.bookings b set guest_id = p_guest_id where b.id = v_booking.id returning * into v_booking;
  update public.folios f set guest_id = p_guest_id where f.booking_id = v_booking.id and f.status = 'open';
  return v_booking;
end;
$$;
comment on function public.set_booking_guest(uuid, uuid) is
  'Names the guest of an unexpired hold or a confirmed booking (staff and up of its property).';

revoke execute on function public.cancellation_fee(uuid), public.set_booking_guest(uuid, uuid) from public, anon;
grant execute on function public.cancellation_fee(uuid), public.set_booking_guest(uuid, uuid) to authenticated, service_role;
