// postgres_changes under RLS with the official client: events, record/old_record/columns,
// column filters, tenant isolation (even with a filter naming another tenant's ids), property
// restrictions, membership removal, and rolled-back transactions.
import type { RealtimePostgresChangesPayload } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, type Tenant } from '../../tests/support/tenants.ts';
import { collect, joined, realtimeClient, useRealtimeStack, waitFor } from './test-support.ts';

type Change = RealtimePostgresChangesPayload<Record<string, unknown>>;
const stack = useRealtimeStack();
let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  a = await createTenant(stack.admin, 'rt-a');
  b = await createTenant(stack.admin, 'rt-b');
});

async function insertOrder(tenant: Tenant, property: 0 | 1, guest: string, extra: { service_charge_bp?: number } = {}) {
  const [row] = await stack.admin`
    insert into public.orders (organization_id, property_id, kind, currency, guest_name, service_charge_bp)
    values (${tenant.organizationId}, ${tenant.propertyIds[property]}, 'takeaway', 'EUR', ${guest}, ${extra.service_charge_bp ?? 0})
    returning id`;
  return row?.id as string;
}

/** A channel on `orders` with one binding per filter, collecting what each receives. */
async function watchOrders(
  client: Awaited<ReturnType<typeof realtimeClient>>,
  name: string,
  filters: (string | undefined)[],
) {
  const bins = filters.map(() => collect<Change>());
  let channel = client.channel(name);
  filters.forEach((filter, index) => {
    channel = channel.on('postgres_changes', { event: '*', schema: 'public', table: 'orders', filter }, (p: Change) =>
      bins[index]?.push(p),
    );
  });
  await joined(channel);
  return bins;
}

const guests = (items: Change[]) => items.map((p) => (p.new as { guest_name?: string }).guest_name);

describe('postgres_changes', () => {
  it('delivers inserts, updates and deletes with typed records, old records and columns', async () => {
    const client = await realtimeClient(stack, a.members.viewer);
    const [all] = await watchOrders(client, 'orders-all', [undefined]);
    const id = await insertOrder(a, 0, 'Ada');
    await stack.admin`update public.orders set guest_name = 'Ada L.' where id = ${id}`;
    await stack.admin`delete from public.orders where id = ${id}`;
    const ofOrder = () =>
      (all?.items ?? []).filter((p) => (p.new as { id?: string }).id === id || (p.old as { id?: string }).id === id);
    const items = await waitFor('insert, update and delete', () => (ofOrder().length === 3 ? ofOrder() : undefined));
    const [insert, update, remove] = items as [Change, Change, Change];
    expect(insert, 'an INSERT with the new row').toMatchObject({
      eventType: 'INSERT',
      schema: 'public',
      table: 'orders',
      new: { id, guest_name: 'Ada', service_charge_bp: 0, prices_include_tax: false, subtotal_minor: 0 },
    });
    expect(typeof insert.commit_timestamp, 'commit_timestamp is a string').toBe('string');
    expect(Number.isNaN(Date.parse(insert.commit_timestamp)), 'commit_timestamp parses').toBe(false);
    expect(update, 'an UPDATE with old and new rows (replica identity full)').toMatchObject({
      eventType: 'UPDATE',
      new: { id, guest_name: 'Ada L.' },
      old: { id, guest_name: 'Ada' },
    });
    expect(remove, 'a DELETE with the old row').toMatchObject({
      eventType: 'DELETE',
      old: { id, guest_name: 'Ada L.' },
    });
  });

  it('filters on columns with eq, neq, in, gt, gte, lt and lte', async () => {
    const client = await realtimeClient(stack, a.members.manager);
    const bins = await watchOrders(client, 'orders-filtered', [
      'guest_name=eq.Bo',
      'guest_name=neq.Bo',
      'guest_name=in.(Cy,Di)',
      'service_charge_bp=gt.500',
      'service_charge_bp=gte.500',
      'service_charge_bp=lt.500',
      'service_charge_bp=lte.500',
    ]);
    await insertOrder(a, 0, 'Bo', { service_charge_bp: 500 });
    await insertOrder(a, 0, 'Cy', { service_charge_bp: 1000 });
    await insertOrder(a, 0, 'Di', { service_charge_bp: 100 });
    await waitFor('the neq binding to see both others', () => bins[1]?.items.length === 2);
    const seen = bins.map((bin) => guests(bin.items));
    expect(seen[0], 'eq').toEqual(['Bo']);
    expect(seen[1], 'neq').toEqual(['Cy', 'Di']);
    expect(seen[2], 'in').toEqual(['Cy', 'Di']);
    expect(seen[3], 'gt').toEqual(['Cy']);
    expect(seen[4], 'gte').toEqual(['Bo', 'Cy']);
    expect(seen[5], 'lt').toEqual(['Di']);
    expect(seen[6], 'lte').toEqual(['Bo', 'Di']);
  });

  it("gives a member of A nothing of B's changes, even with a filter naming B's ids", async () => {
    const client = await realtimeClient(stack, a.members.owner);
    const [ofB, byPropertyOfB, marker] = await watchOrders(client, 'orders-cross', [
      `organization_id=eq.${b.organizationId}`,
      `property_id=in.(${b.propertyIds[0]},${b.propertyIds[1]})`,
      'guest_name=eq.marker-a',
    ]);
    const idOfB = await insertOrder(b, 0, 'secret-b');
    await stack.admin`update public.orders set guest_name = 'secret-b2' where id = ${idOfB}`;
    await stack.admin`delete from public.orders where id = ${idOfB}`;
    await insertOrder(a, 0, 'marker-a');
    await waitFor("A's marker", () => marker?.items.length === 1);
    expect(ofB?.items, "nothing of B's organization").toEqual([]);
    expect(byPropertyOfB?.items, "nothing of B's properties").toEqual([]);
  });

  it('limits restricted staff to their properties', async () => {
    const client = await realtimeClient(stack, a.restrictedStaff);
    const [all] = await watchOrders(client, 'orders-restricted', [undefined]);
    await insertOrder(a, 1, 'other-property');
    await insertOrder(a, 0, 'own-property');
    await waitFor('the order at their property', () => all?.items.length === 1);
    expect(guests(all?.items ?? []), 'only the order of the listed property').toEqual(['own-property']);
  });

  it('stops at once when the membership is removed', async () => {
    const client = await realtimeClient(stack, a.members.staff);
    const [all] = await watchOrders(client, 'orders-removed', [undefined]);
    const markers = collect();
    await joined(client.channel('markers').on('broadcast', { event: '*' }, (m) => markers.push(m)));
    await insertOrder(a, 0, 'before');
    await waitFor('the order before removal', () => all?.items.length === 1);
    await stack.admin.begin(async (tx) => {
      await tx`delete from public.memberships where organization_id = ${a.organizationId} and user_id = ${a.members.staff.id}`;
      await tx`insert into public.memberships (organization_id, user_id, role) values (${a.organizationId}, ${a.members.staff.id}, 'staff')`;
      await tx`delete from public.memberships where organization_id = ${a.organizationId} and user_id = ${a.members.staff.id}`;
    });
    await insertOrder(a, 0, 'after');
    await stack.admin`select realtime.send('{}'::jsonb, 'marker', 'markers', false)`;
    await waitFor('the marker', () => markers.items.length === 1);
    expect(guests(all?.items ?? []), 'nothing after the removal').toEqual(['before']);
  });

  it('never delivers a change of a rolled-back transaction', async () => {
    const client = await realtimeClient(stack, a.members.admin);
    const [all] = await watchOrders(client, 'orders-rollback', [undefined]);
    await stack.admin
      .begin(async (tx) => {
        await tx`insert into public.orders (organization_id, property_id, kind, currency, guest_name)
          values (${a.organizationId}, ${a.propertyIds[0]}, 'takeaway', 'EUR', 'rolled-back')`;
        throw new Error('roll back');
      })
      .catch(() => {});
    await insertOrder(a, 0, 'committed');
    await waitFor('the committed order', () => all?.items.length === 1);
    expect(guests(all?.items ?? []), 'only the committed order').toEqual(['committed']);
  });

  it('keeps delivering to others when the policies fail for one subscriber', async () => {
    // A signed token whose `sub` is not a uuid: auth.uid() raises inside the orders policy.
    const broken = await realtimeClient(stack, { id: 'not-a-uuid', email: 'broken@example.test' });
    const [brokenBin] = await watchOrders(broken, 'orders-broken', [undefined]);
    const client = await realtimeClient(stack, a.members.manager);
    const [all] = await watchOrders(client, 'orders-healthy', ['guest_name=eq.after-broken']);
    await insertOrder(a, 0, 'after-broken');
    await waitFor('the order at the healthy subscriber', () => all?.items.length === 1);
    expect(brokenBin?.items, 'the failing subscriber gets nothing').toEqual([]);
  });

  it('gives anon nothing of tables it cannot read', async () => {
    const client = await realtimeClient(stack);
    const [all] = await watchOrders(client, 'orders-anon', [undefined]);
    const markers = collect();
    await joined(client.channel('markers-anon').on('broadcast', { event: '*' }, (m) => markers.push(m)));
    await insertOrder(a, 0, 'hidden');
    await stack.admin`select realtime.send('{}'::jsonb, 'marker', 'markers-anon', false)`;
    await waitFor('the marker', () => markers.items.length === 1);
    expect(all?.items, 'anon sees no orders').toEqual([]);
  });
});

describe('postgres_changes: limits of the RLS check', () => {
  it('delivers a transaction with more rows than one statement can carry as parameters', async () => {
    // 2,500 orders × 29 parameters each exceed PostgreSQL's 65,535 parameters per statement.
    const client = await realtimeClient(stack, a.members.viewer);
    const [, last] = await watchOrders(client, 'orders-bulk', [undefined, 'guest_name=eq.bulk-2500']);
    await stack.admin`
      insert into public.orders (organization_id, property_id, kind, currency, guest_name)
      select ${a.organizationId}, ${a.propertyIds[0] as string}, 'takeaway', 'EUR', 'bulk-' || n
      from generate_series(1, 2500) as n`;
    await waitFor('the last order of the bulk insert', () => last?.items.length === 1, 20_000);
    expect(guests(last?.items ?? [])).toEqual(['bulk-2500']);
  });

  it('gives nothing through a policy without USING (it grants no reading, as in PostgreSQL)', async () => {
    await stack.admin.unsafe(`
      create table public.rt_probe (id int primary key, note text);
      alter table public.rt_probe enable row level security;
      grant select, insert on public.rt_probe to authenticated;
      create policy "insert only" on public.rt_probe for all to authenticated with check (true);
      create policy "select without using" on public.rt_probe for select to authenticated;
      alter publication supabase_realtime add table public.rt_probe;
      insert into public.rt_probe values (0, 'visible to nobody');`);
    // Holds for PostgreSQL itself: the check below must agree with it.
    const [{ n }] = (await stack.admin.begin(async (tx) => {
      await tx`select set_config('role', 'authenticated', true)`;
      return tx`select count(*)::int as n from public.rt_probe`;
    })) as unknown as [{ n: number }];
    expect(n, 'PostgreSQL itself shows authenticated no rows').toBe(0);
    const client = await realtimeClient(stack, a.members.owner);
    const seen = collect();
    await joined(
      client
        .channel('probe')
        .on('postgres_changes', { event: '*', schema: 'public', table: 'rt_probe' }, (p) => seen.push(p)),
    );
    const markers = collect();
    await joined(client.channel('markers-probe').on('broadcast', { event: '*' }, (m) => markers.push(m)));
    await stack.admin`insert into public.rt_probe values (1, 'secret')`;
    await stack.admin`select realtime.send('{}'::jsonb, 'marker', 'markers-probe', false)`;
    await waitFor('the marker', () => markers.items.length === 1);
    expect(seen.items, 'no row through a policy that has no USING').toEqual([]);
  });
});
