// Presence on Roost's private `property:<id>` topic, as the staff screens use it (keyed by user
// id, "who has this booking open"): staff of the property see each other, a second tab of the
// same user is a second meta under one key, a viewer sees but may not track, members of another
// property or organization cannot join, a public channel of the same name shares nothing, and
// someone whose membership ends is dropped from everyone's state.
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, type Tenant } from '../../tests/support/tenants.ts';
import { join, joined, realtimeClient, useRealtimeStack, waitFor } from './test-support.ts';

const stack = useRealtimeStack();
let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  a = await createTenant(stack.admin, 'rtpp-a');
  b = await createTenant(stack.admin, 'rtpp-b');
});

const property = (tenant: Tenant, index: 0 | 1) => `property:${tenant.propertyIds[index]}`;
const keyedBy = (user: { id: string }) => ({ config: { private: true, presence: { key: user.id } } });
const sync = () => {};

describe('presence on private property topics', () => {
  it('shares who has what open among staff of the property, one key per user', async () => {
    const staff = a.members.staff;
    const manager = a.members.manager;
    const desk = await realtimeClient(stack, staff);
    const office = await realtimeClient(stack, manager);
    const deskChannel = await joined(
      desk.channel(property(a, 0), keyedBy(staff)).on('presence', { event: 'sync' }, sync),
    );
    expect(await deskChannel.track({ name: 'Sam Desk', screen: 'booking', id: 'b1' }), 'staff may track').toBe('ok');
    const officeChannel = await joined(
      office.channel(property(a, 0), keyedBy(manager)).on('presence', { event: 'sync' }, sync),
    );
    expect(await officeChannel.track({ name: 'Max Manager', screen: 'booking', id: 'b1' })).toBe('ok');
    await waitFor(
      'each sees the other',
      () => deskChannel.presenceState()[manager.id] && officeChannel.presenceState()[staff.id],
    );
    expect(officeChannel.presenceState()[staff.id]?.[0], 'the tracked entry').toMatchObject({
      name: 'Sam Desk',
      id: 'b1',
    });

    // The same user in a second tab: another meta under the same key.
    const secondTab = await realtimeClient(stack, staff);
    const tabChannel = await joined(
      secondTab.channel(property(a, 0), keyedBy(staff)).on('presence', { event: 'sync' }, sync),
    );
    expect(await tabChannel.track({ name: 'Sam Desk', screen: 'folio', id: 'f1' })).toBe('ok');
    await waitFor('two metas under one key', () => officeChannel.presenceState()[staff.id]?.length === 2);

    // Moving to another booking replaces the entry; leaving drops it for the others.
    await officeChannel.track({ name: 'Max Manager', screen: 'booking', id: 'b2' });
    await waitFor(
      'the new booking at the desk',
      () => (deskChannel.presenceState()[manager.id]?.[0] as { id?: string } | undefined)?.id === 'b2',
    );
    expect(deskChannel.presenceState()[manager.id], 'a re-track replaces the entry').toHaveLength(1);
    await office.removeChannel(officeChannel);
    await waitFor('the manager gone after leaving', () => deskChannel.presenceState()[manager.id] === undefined);
  });

  it('lets a viewer watch but not track, and keeps other properties and tenants out', async () => {
    const staff = a.members.staff;
    const desk = await realtimeClient(stack, staff);
    const deskChannel = await joined(
      desk.channel(property(a, 0), keyedBy(staff)).on('presence', { event: 'sync' }, sync),
    );
    await deskChannel.track({ name: 'Sam Desk', screen: 'booking', id: 'b1' });

    const viewer = await realtimeClient(stack, a.members.viewer);
    const viewerChannel = await joined(
      viewer.channel(property(a, 0), keyedBy(a.members.viewer)).on('presence', { event: 'sync' }, sync),
    );
    await waitFor('the viewer sees the staff member', () => viewerChannel.presenceState()[staff.id]);
    expect(await viewerChannel.track({ name: 'Vic Viewer', screen: 'booking', id: 'b1' }), 'no write right').toBe(
      'error',
    );

    // Staff limited to the hotel cannot join the restaurant's topic; another tenant joins neither.
    const restricted = await realtimeClient(stack, a.restrictedStaff);
    const refused = await join(
      restricted.channel(property(a, 1), keyedBy(a.restrictedStaff)).on('presence', { event: 'sync' }, sync),
    );
    expect(refused.status, 'restricted staff: not the other property').toBe('CHANNEL_ERROR');
    const outsider = await realtimeClient(stack, b.members.owner);
    const outside = await join(
      outsider.channel(property(a, 0), keyedBy(b.members.owner)).on('presence', { event: 'sync' }, sync),
    );
    expect(outside.status, "B's owner cannot join A's property topic").toBe('CHANNEL_ERROR');
    expect(outside.error?.message).toContain('Unauthorized');

    // A public channel of the same name is another room: it neither sees nor feeds the private one.
    const lurker = await realtimeClient(stack, b.members.owner);
    const lurkerChannel = await joined(
      lurker
        .channel(property(a, 0), { config: { presence: { key: b.members.owner.id } } })
        .on('presence', { event: 'sync' }, sync),
    );
    expect(await lurkerChannel.track({ name: 'Intruder', screen: 'booking', id: 'b1' })).toBe('ok');
    // Marker: a later track by staff reaches the viewer, so the intruder's would have too.
    await deskChannel.track({ name: 'Sam Desk', screen: 'booking', id: 'marker' });
    await waitFor(
      'the marker at the viewer',
      () => (viewerChannel.presenceState()[staff.id]?.[0] as { id?: string } | undefined)?.id === 'marker',
    );
    expect(viewerChannel.presenceState()[b.members.owner.id], 'no public presence in the private room').toBeUndefined();
    expect(lurkerChannel.presenceState()[staff.id], 'no private presence in the public room').toBeUndefined();
  });

  it('drops a member from everyone’s state when the membership ends', async () => {
    const tenant = await createTenant(stack.admin, 'rtpp-c');
    const { staff, manager } = tenant.members;
    const leaving = await realtimeClient(stack, staff);
    const staying = await realtimeClient(stack, manager);
    const leavingChannel = await joined(
      leaving.channel(property(tenant, 0), keyedBy(staff)).on('presence', { event: 'sync' }, sync),
    );
    await leavingChannel.track({ name: 'Sam Desk', screen: 'booking', id: 'b1' });
    const stayingChannel = await joined(
      staying.channel(property(tenant, 0), keyedBy(manager)).on('presence', { event: 'sync' }, sync),
    );
    await waitFor('the staff member present', () => stayingChannel.presenceState()[staff.id]);
    await stack.admin`delete from public.memberships where organization_id = ${tenant.organizationId} and user_id = ${staff.id}`;
    await waitFor('the staff member gone', () => stayingChannel.presenceState()[staff.id] === undefined);
  });
});
