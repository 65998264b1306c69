// Private channels (Realtime Authorization through RLS on realtime.messages) and broadcast from
// the database: Roost's org:/property: topics, realtime.send and realtime.broadcast_changes,
// transactional delivery, sending rights, and access ending with the membership.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, type Tenant } from '../../tests/support/tenants.ts';
import { signJwt } from '../gateway/jwt.ts';
import { userClaims } from '../rls-request.ts';
import { collect, join, joined, realtimeClient, useRealtimeStack, waitFor } from './test-support.ts';

const stack = useRealtimeStack();
let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  a = await createTenant(stack.admin, 'rtp-a');
  b = await createTenant(stack.admin, 'rtp-b');
});

const property = (tenant: Tenant, index: 0 | 1) => `property:${tenant.propertyIds[index]}`;
const privately = { config: { private: true } };

describe('private channels', () => {
  it("lets members join their organization's and properties' topics and nobody else", async () => {
    const viewer = await realtimeClient(stack, a.members.viewer);
    await joined(viewer.channel(`org:${a.organizationId}`, privately));
    await joined(viewer.channel(property(a, 1), privately));

    const outsider = await realtimeClient(stack, b.members.owner);
    const refused = await join(outsider.channel(property(a, 0), privately));
    expect(refused.status, "B's owner cannot join A's property topic").toBe('CHANNEL_ERROR');
    expect(refused.error?.message, 'the reason names the topic').toContain('Unauthorized');
    expect((await join(outsider.channel(`org:${a.organizationId}`, privately))).status, "nor A's org topic").toBe(
      'CHANNEL_ERROR',
    );

    const restricted = await realtimeClient(stack, a.restrictedStaff);
    await joined(restricted.channel(property(a, 0), privately));
    expect(
      (await join(restricted.channel(property(a, 1), privately))).status,
      'restricted staff: not other properties',
    ).toBe('CHANNEL_ERROR');
    const anon = await realtimeClient(stack);
    expect((await join(anon.channel(property(a, 0), privately))).status, 'anon cannot join').toBe('CHANNEL_ERROR');
    expect(
      (await join(viewer.channel('property:not-a-uuid', privately))).status,
      'malformed topics match nothing',
    ).toBe('CHANNEL_ERROR');
  });

  it('delivers realtime.send and broadcast_changes to the private topic, only once committed', async () => {
    const viewer = await realtimeClient(stack, a.members.viewer);
    const heard = collect();
    await joined(viewer.channel(property(a, 0), privately).on('broadcast', { event: '*' }, (m) => heard.push(m)));
    const publicListener = collect();
    const other = await realtimeClient(stack, a.members.viewer);
    await joined(other.channel(property(a, 0)).on('broadcast', { event: '*' }, (m) => publicListener.push(m)));

    await stack.admin
      .begin(async (tx) => {
        await tx`select realtime.send('{"n": 0}'::jsonb, 'rolled_back', ${property(a, 0)}, true)`;
        throw new Error('roll back');
      })
      .catch(() => {});
    await stack.admin`select realtime.send('{"n": 1}'::jsonb, 'order_ready', ${property(a, 0)}, true)`;
    await stack.admin.unsafe(`
      create function public.test_broadcast_orders() returns trigger language plpgsql as $$
      begin
        perform realtime.broadcast_changes('property:' || coalesce(new.property_id, old.property_id)::text,
          tg_op, tg_op, tg_table_name, tg_table_schema, new, old);
        return null;
      end $$`);
    await stack.admin.unsafe(`
      create trigger test_broadcast_orders after insert or update on public.orders
        for each row execute function public.test_broadcast_orders();`);
    const [order] = await stack.admin`
      insert into public.orders (organization_id, property_id, kind, currency, guest_name)
      values (${a.organizationId}, ${a.propertyIds[0]}, 'takeaway', 'EUR', 'Grace') returning id`;
    await waitFor('the send and the trigger broadcast', () => heard.items.length === 2);
    expect(heard.items[0], 'realtime.send arrives as a broadcast').toMatchObject({
      event: 'order_ready',
      payload: { n: 1 },
    });
    expect(heard.items[1], 'broadcast_changes carries the row').toMatchObject({
      event: 'INSERT',
      payload: {
        operation: 'INSERT',
        table: 'orders',
        schema: 'public',
        record: { id: order?.id, guest_name: 'Grace' },
      },
    });
    await stack.admin`select realtime.send('{}'::jsonb, 'public_marker', ${property(a, 0)}, false)`;
    await waitFor('the public marker', () => publicListener.items.length === 1);
    expect(
      publicListener.items.map((m) => m.event),
      'a public channel of the same name gets only public messages',
    ).toEqual(['public_marker']);
  });

  it('lets staff send on a private topic and refuses viewers', async () => {
    const listener = await realtimeClient(stack, a.members.manager);
    const heard = collect();
    await joined(listener.channel(property(a, 0), privately).on('broadcast', { event: '*' }, (m) => heard.push(m)));
    const config = { config: { private: true, broadcast: { ack: true } } };
    const viewer = await joined((await realtimeClient(stack, a.members.viewer)).channel(property(a, 0), config));
    expect(await viewer.send({ type: 'broadcast', event: 'x', payload: {} }), 'a viewer may not send').toBe('error');
    const staff = await joined((await realtimeClient(stack, a.members.staff)).channel(property(a, 0), config));
    expect(await staff.send({ type: 'broadcast', event: 'y', payload: {} }), 'staff may send').toBe('ok');
    await waitFor("staff's message", () => heard.items.length === 1);
    expect(
      heard.items.map((m) => m.event),
      "only staff's message arrives",
    ).toEqual(['y']);
  });

  it('delivers REST broadcasts to a private topic only from those who may write to it', async () => {
    const listener = await realtimeClient(stack, a.members.viewer);
    const heard = collect();
    await joined(listener.channel(property(a, 0), privately).on('broadcast', { event: '*' }, (m) => heard.push(m)));
    const post = async (user: { id: string; email: string }, event: string) => {
      const token = await signJwt(stack.keys, userClaims(user));
      const response = await fetch(`${stack.url}/realtime/v1/api/broadcast`, {
        method: 'POST',
        headers: {
          apikey: stack.keys.publishable_key,
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ messages: [{ topic: property(a, 0), event, payload: {}, private: true }] }),
      });
      expect(response.status, `the REST broadcast of ${event} is answered 202`).toBe(202);
    };
    await post(a.members.viewer, 'from_viewer');
    await post(b.members.owner, 'from_other_tenant');
    await post(a.members.staff, 'from_staff');
    await waitFor("staff's message", () => heard.items.length >= 1);
    expect(
      heard.items.map((m) => m.event),
      'only the message of someone who may write arrives',
    ).toEqual(['from_staff']);
  });

  it('delivers httpSend on a private channel to the private topic only, from those who may write', async () => {
    const listener = await realtimeClient(stack, a.members.viewer);
    const heard = collect();
    await joined(listener.channel(property(a, 1), privately).on('broadcast', { event: '*' }, (m) => heard.push(m)));
    const publicHeard = collect();
    const publicListener = await realtimeClient(stack, a.members.viewer);
    await joined(publicListener.channel(property(a, 1)).on('broadcast', { event: '*' }, (m) => publicHeard.push(m)));
    // httpSend posts to /api/broadcast/<topic>/events/<event>?private=true as the channel's user.
    const send = async (user: { id: string; email: string }, event: string) => {
      const client = await realtimeClient(stack, user);
      await client.realtime.setAuth();
      return client.channel(property(a, 1), privately).httpSend(event, { from: event });
    };
    expect(await send(a.members.viewer, 'from_viewer'), 'a dropped message is still accepted').toMatchObject({
      success: true,
    });
    await send(b.members.owner, 'from_other_tenant');
    await send(a.members.staff, 'from_staff');
    await waitFor("staff's message", () => heard.items.length >= 1);
    // A public marker after the private sends: the public listener would have heard them by now.
    const publicSender = await realtimeClient(stack);
    await publicSender.channel(property(a, 1)).httpSend('public_marker', {});
    await waitFor('the public marker', () => publicHeard.items.length >= 1);
    expect(
      heard.items.map((m) => m.event),
      'only the message of someone who passes the insert policies arrives',
    ).toEqual(['from_staff']);
    expect(
      publicHeard.items.map((m) => m.event),
      'the public channel of the same name hears none of the private messages',
    ).toEqual(['public_marker']);
  });

  it("decides a join without running the topic's policy on every message it kept", async () => {
    // A second select policy that counts its calls (a sequence survives the check's rollback).
    await stack.admin.unsafe(`
      create sequence public.test_policy_calls;
      create function public.test_counted_topic() returns boolean language sql volatile security definer
        set search_path = '' as $$ select nextval('public.test_policy_calls') > 0 and realtime.topic() like 'counted:%' $$;
      create policy "test counted topics" on realtime.messages for select to authenticated
        using (public.test_counted_topic());`);
    try {
      await stack.admin`
        insert into realtime.messages (topic, extension, event, private)
        select 'counted:1', 'broadcast', 'old', true from generate_series(1, 200)`;
      const viewer = await realtimeClient(stack, a.members.viewer);
      await joined(viewer.channel('counted:1', privately));
      const [row] = await stack.admin<
        { calls: string }[]
      >`select last_value::text as calls from public.test_policy_calls`;
      expect(Number(row?.calls), 'the policy ran for a row or so, not for each of the 200 kept').toBeLessThan(10);
    } finally {
      await stack.admin.unsafe(`
        drop policy "test counted topics" on realtime.messages;
        drop function public.test_counted_topic();
        drop sequence public.test_policy_calls;
        delete from realtime.messages where topic = 'counted:1';`);
    }
  });

  it('closes the channel as soon as the membership ends', async () => {
    const tenant = await createTenant(stack.admin, 'rtp-c');
    const client = await realtimeClient(stack, tenant.members.viewer);
    const heard = collect();
    const system = collect();
    const statuses: string[] = [];
    client
      .channel(property(tenant, 0), privately)
      .on('broadcast', { event: '*' }, (m) => heard.push(m))
      .on('system', {}, (m) => system.push(m))
      .subscribe((status) => statuses.push(status));
    await waitFor('the join', () => statuses.includes('SUBSCRIBED'));
    await stack.admin`delete from public.memberships where organization_id = ${tenant.organizationId} and user_id = ${tenant.members.viewer.id}`;
    await stack.admin`select realtime.send('{}'::jsonb, 'after_removal', ${property(tenant, 0)}, true)`;
    await waitFor('the channel to close', () => statuses.includes('CLOSED'));
    expect(system.items.at(-1), 'a system message says why').toMatchObject({ status: 'error' });
    expect(heard.items, 'nothing after the removal').toEqual([]);
  });
});
