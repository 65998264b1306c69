// The demo hotel's housekeeping board for today (issue 19): room types' credits, rooms whose guests
// left this morning dirty, today's tasks generated for the two demo attendants (Hana and Ivo,
// housekeeping@ and housekeeping2@demo.roost.test, staff of the hotel only, in supabase/seed.sql)
// as Maria Manager would, one room in progress and one finished. Runs inside the seed's
// transaction after the history (which lays out today's departures and stay-overs); only for
// today's demo, never for a benchmark's anchored day.
import type { TransactionSql } from 'postgres';

const ORGANIZATION = 'b0000000-0000-4000-8000-000000000001';
const HOTEL = 'c0000000-0000-4000-8000-000000000001';
const MANAGER = 'a0000000-0000-4000-8000-000000000003';
export const DEMO_ATTENDANTS = ['a0000000-0000-4000-8000-000000000007', 'a0000000-0000-4000-8000-000000000008'];

export async function loadDemoHousekeeping(tx: TransactionSql): Promise<{ tasks: number }> {
  await tx`
    insert into public.housekeeping_room_types (organization_id, property_id, resource_type_id, credits, checklist)
    select ${ORGANIZATION}, ${HOTEL}, t.id, c.credits, c.checklist
    from public.resource_types t
    join (values ('Standard', 1.0, array['Bed made', 'Bathroom clean', 'Floor vacuumed', 'Towels replaced']),
                 ('Superior', 1.5, array['Bed made', 'Bathroom clean', 'Floor vacuumed', 'Towels replaced', 'Minibar checked']),
                 ('Deluxe', 2.0, array['Bed made', 'Bathroom clean', 'Balcony swept', 'Towels replaced', 'Minibar checked']),
                 ('Suite', 3.0, array['Beds made', 'Bathrooms clean', 'Terrace swept', 'Towels replaced', 'Minibar checked', 'Flowers fresh']))
      as c (name, credits, checklist) on c.name = t.name
    where t.property_id = ${HOTEL}`;
  // The history inserts stays as they are today; the check-outs of this morning leave rooms dirty.
  await tx`
    update public.room_statuses s set status = 'dirty', reason = 'checkout'
    from public.bookings b
    where b.resource_id = s.resource_id and b.property_id = ${HOTEL} and b.status = 'checked_out'
      and b.departure_date = (now() at time zone 'Europe/Lisbon')::date`;
  await tx`select set_config('request.jwt.claims', ${JSON.stringify({ sub: MANAGER, role: 'authenticated' })}, true)`;
  const tasks = await tx<{ id: string; assignee_id: string }[]>`
    select id, assignee_id from public.generate_housekeeping_tasks(
      ${HOTEL}, (now() at time zone 'Europe/Lisbon')::date, ${DEMO_ATTENDANTS}::uuid[])
    order by assignee_id, position`;
  // Hana is on her second room: the first finished 25 minutes after she started it.
  const hana = tasks.filter((task) => task.assignee_id === DEMO_ATTENDANTS[0]);
  await tx`select set_config('request.jwt.claims', ${JSON.stringify({ sub: DEMO_ATTENDANTS[0], role: 'authenticated' })}, true)`;
  if (hana[0]) {
    await tx`select public.finish_housekeeping_task(${hana[0].id}, 'All good')`;
    await tx`update public.housekeeping_tasks set started_at = now() - interval '40 minutes', finished_at = now() - interval '15 minutes'
      where id = ${hana[0].id}`;
  }
  if (hana[1]) await tx`select public.start_housekeeping_task(${hana[1].id})`;
  await tx`select set_config('request.jwt.claims', '', true)`;
  return { tasks: tasks.length };
}
