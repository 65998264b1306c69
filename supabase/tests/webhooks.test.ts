// Outgoing webhooks in the database (decision 030): events born in the transaction of the change
// (and never on rollback), one delivery per subscribed enabled endpoint and event, only admins
// and owners of the organization reach endpoints and logs, secrets unreadable by authenticated,
// bad URLs refused with stable codes, rotation keeping the old secret for a grace period, and an
// endpoint disabled (admins emailed) after a run of failed deliveries.
import { beforeAll, describe, expect, it } from 'vitest';
import { asUser, pgError, type TestUser, type Tx, useTestDatabase } from './support/db.ts';
import type { BookingsFixtureIds } from './support/fixtures/bookings.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
let a: Tenant;
let b: Tenant;

const ALL_EVENTS = [
  'booking.created',
  'booking.updated',
  'booking.cancelled',
  'booking.checked_in',
  'booking.checked_out',
  'booking.no_show',
  'order.created',
  'order.status_changed',
  'payment.succeeded',
  'payment.refunded',
  'guest.created',
];

beforeAll(async () => {
  a = await createTenant(db.admin, 'hooks-a');
  b = await createTenant(db.admin, 'hooks-b');
});

const asOwner = <T>(fn: (tx: Tx) => Promise<T>, tenant = a) => asUser(db.admin, tenant.members.owner, fn);

async function createEndpoint(
  tenant: Tenant,
  events: string[],
  url = 'https://hooks.example.com/roost',
): Promise<{ endpoint_id: string; secret: string }> {
  const [row] = await asOwner(
    (tx) =>
      tx<{ endpoint_id: string; secret: string }[]>`
        select * from public.create_webhook_endpoint(${tenant.organizationId}, ${url}, 'Test receiver', ${events})`,
    tenant,
  );
  if (!row) throw new Error('no endpoint');
  return row;
}

/** Event types delivered to an endpoint, oldest first. */
async function deliveredTypes(endpointId: string): Promise<string[]> {
  const rows = await db.admin<{ type: string }[]>`
    select e.type from private.webhook_deliveries d join private.webhook_events e on e.id = d.event_id
    where d.endpoint_id = ${endpointId} order by d.created_at, e.created_at`;
  return rows.map((row) => row.type);
}

async function clearDeliveries(): Promise<void> {
  await db.admin`delete from private.webhook_events`;
}

describe('webhook events', () => {
  it('are born in the transaction of every change they describe, with a stable payload', async () => {
    const { endpoint_id } = await createEndpoint(a, ALL_EVENTS);
    await clearDeliveries();
    const ids = a.extra.bookings as unknown as BookingsFixtureIds;
    const cat = a.extra.catalogue as { submittedOrderId: string; propertyId: string };
    const folios = a.extra.folios as { tabId: string };

    await asOwner(async (tx) => {
      await tx`select public.confirm_booking(${ids.heldBookingId})`;
      await tx`select public.cancel_booking(${ids.confirmedBookingId}, 'Plans changed')`;
      await tx`select public.check_in_booking(${ids.arrivingBookingId})`;
      await tx`select public.create_guest(${a.organizationId}, 'Webhook Guest', null, null, null, null, false)`;
      await tx`select public.advance_order_status(${cat.submittedOrderId}, 'preparing')`;
      await tx`select public.record_payment(${folios.tabId}, 1500, 'card', 'ch_1')`;
      await tx`select public.record_refund(${folios.tabId}, 500, 'card', 're_1')`;
      await tx`select public.create_order(${cat.propertyId}, 'takeaway', null, null, 'Ana Sousa')`;
    });
    expect(await deliveredTypes(endpoint_id)).toEqual([
      'booking.created',
      'booking.cancelled',
      'booking.checked_in',
      'guest.created',
      'order.status_changed',
      'payment.succeeded',
      'payment.refunded',
      'order.created',
    ]);

    const [event] = await db.admin<{ id: string; payload: Record<string, unknown> }[]>`
      select id, payload from private.webhook_events where type = 'booking.cancelled'`;
    expect(event?.payload).toMatchObject({
      id: event?.id,
      type: 'booking.cancelled',
      data: {
        id: ids.confirmedBookingId,
        status: 'cancelled',
        previous_status: 'confirmed',
        cancellation_reason: 'Plans changed',
      },
    });
    expect(String(event?.payload.timestamp)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const [payment] = await db.admin<{ payload: { data: Record<string, unknown> } }[]>`
      select payload from private.webhook_events where type = 'payment.refunded'`;
    expect(payment?.payload.data, 'amounts are positive minor units').toMatchObject({
      amount_minor: 500,
      currency: 'EUR',
    });
  });

  it('names a no-show, a check-out and a change of a live booking', async () => {
    const { endpoint_id } = await createEndpoint(b, ALL_EVENTS);
    await clearDeliveries();
    const ids = b.extra.bookings as unknown as BookingsFixtureIds;
    await asOwner(async (tx) => {
      await tx`select public.modify_booking(${ids.confirmedBookingId}, p_party_size => 3)`;
      await tx`select public.mark_no_show(${ids.arrivingBookingId})`;
      await tx`select public.check_out_booking(${ids.checkedInBookingId}, 'Paid at the bar')`;
    }, b);
    expect(await deliveredTypes(endpoint_id)).toEqual(['booking.updated', 'booking.no_show', 'booking.checked_out']);
    const [updated] = await db.admin<{ payload: { data: Record<string, unknown> } }[]>`
      select payload from private.webhook_events where type = 'booking.updated'`;
    expect(updated?.payload.data).toMatchObject({ id: ids.confirmedBookingId, party_size: 3, status: 'confirmed' });
    await asOwner((tx) => tx`select public.delete_webhook_endpoint(${endpoint_id})`, b);
  });

  it('writes nothing when the change rolls back', async () => {
    await clearDeliveries();
    await expect(
      asOwner(async (tx) => {
        await tx`select public.create_guest(${a.organizationId}, 'Rolled Back', null, null, null, null, false)`;
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const [row] = await db.admin<{ n: number }[]>`select count(*)::int as n from private.webhook_deliveries`;
    expect(row?.n, 'no delivery for a rolled-back change').toBe(0);
    const [events] = await db.admin<{ n: number }[]>`select count(*)::int as n from private.webhook_events`;
    expect(events?.n, 'no event either').toBe(0);
  });

  it('makes one delivery per subscribed, enabled endpoint and event, and none for other organizations', async () => {
    const guests = await createEndpoint(a, ['guest.created'], 'https://one.example.com/h');
    const bookings = await createEndpoint(a, ['booking.created'], 'https://two.example.com/h');
    const off = await createEndpoint(a, ['guest.created'], 'https://three.example.com/h');
    const other = await createEndpoint(b, ['guest.created'], 'https://other.example.com/h');
    await asOwner((tx) => tx`select public.set_webhook_endpoint_enabled(${off.endpoint_id}, false)`);
    await clearDeliveries();
    await asOwner(
      (tx) => tx`select public.create_guest(${a.organizationId}, 'Once Only', null, null, null, null, false)`,
    );
    expect(await deliveredTypes(guests.endpoint_id)).toEqual(['guest.created']);
    expect(await deliveredTypes(bookings.endpoint_id), 'not subscribed').toEqual([]);
    expect(await deliveredTypes(off.endpoint_id), 'disabled').toEqual([]);
    expect(await deliveredTypes(other.endpoint_id), 'another organization').toEqual([]);
    const duplicate = await pgError(db.admin`
      insert into private.webhook_deliveries (organization_id, endpoint_id, event_id)
      select organization_id, endpoint_id, event_id from private.webhook_deliveries where endpoint_id = ${guests.endpoint_id}`);
    expect(duplicate.code, 'a second delivery of one event to one endpoint is impossible').toBe('23505');
    for (const endpoint of [guests, bookings, off, other]) {
      await asOwner(
        (tx) => tx`select public.delete_webhook_endpoint(${endpoint.endpoint_id})`,
        endpoint === other ? b : a,
      );
    }
  });
});

describe('webhook endpoints', () => {
  it('are reachable by admins and owners of their organization only; secrets never by authenticated', async () => {
    const { endpoint_id, secret } = await createEndpoint(a, ['guest.created']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const listAs = (user: TestUser, org = a.organizationId) =>
      asUser(db.admin, user, (tx) => tx`select * from public.list_webhook_endpoints(${org})`);
    const listed = await listAs(a.members.admin);
    expect(listed.map((row) => row.id)).toContain(endpoint_id);
    expect(Object.keys(listed[0] ?? {}), 'no secret in the list').not.toContain('secret');

    for (const role of ['manager', 'staff', 'viewer'] as const) {
      const error = await pgError(listAs(a.members[role]));
      expect({ code: error.code, message: error.message }, role).toEqual({
        code: '42501',
        message: 'insufficient_role',
      });
      const log = await pgError(
        asUser(
          db.admin,
          a.members[role],
          (tx) => tx`select * from public.list_webhook_deliveries(${endpoint_id}, 10, 0)`,
        ),
      );
      expect(log.message, `${role} sees no log`).toBe('webhook_endpoint_not_found');
    }
    const foreign = await pgError(listAs(b.members.owner));
    expect(foreign.message, 'another organization').toBe('organization_not_found');
    for (const call of [
      (tx: Tx) => tx`select * from public.list_webhook_deliveries(${endpoint_id}, 10, 0)`,
      (tx: Tx) => tx`select public.rotate_webhook_secret(${endpoint_id})`,
      (tx: Tx) => tx`select public.send_test_webhook(${endpoint_id})`,
      (tx: Tx) => tx`select public.delete_webhook_endpoint(${endpoint_id})`,
    ]) {
      const error = await pgError(asUser(db.admin, b.members.owner, call));
      expect({ code: error.code, message: error.message }).toEqual({
        code: 'PT404',
        message: 'webhook_endpoint_not_found',
      });
    }
    for (const table of ['webhook_secrets', 'webhook_endpoints', 'webhook_deliveries', 'webhook_events']) {
      const error = await pgError(
        asUser(db.admin, a.members.owner, (tx) => tx.unsafe(`select * from private.${table}`)),
      );
      expect(error.code, `authenticated cannot read private.${table}`).toBe('42501');
    }
  });

  it('refuses bad URLs and events with stable codes, and private targets unless the installation allows them', async () => {
    const create = (url: string, events: string[] = ['guest.created']) =>
      pgError(
        asOwner((tx) => tx`select * from public.create_webhook_endpoint(${a.organizationId}, ${url}, null, ${events})`),
      );
    const cases: [string, string][] = [
      ['http://hooks.example.com/h', 'webhook_url_not_https'],
      ['https://user:pass@hooks.example.com/h', 'webhook_url_has_credentials'],
      ['https://token@hooks.example.com/h', 'webhook_url_has_credentials'],
      ['ftp://hooks.example.com/h', 'invalid_webhook_url'],
      ['hooks.example.com/h', 'invalid_webhook_url'],
      ['https://', 'invalid_webhook_url'],
      ['https://hooks example.com/', 'invalid_webhook_url'],
      ['https://hooks.example.com:99999/', 'invalid_webhook_url'],
      [`https://hooks.example.com/${'x'.repeat(2100)}`, 'invalid_webhook_url'],
      ['https://127.0.0.1/h', 'webhook_url_private_address'],
      ['https://10.1.2.3:8443/h', 'webhook_url_private_address'],
      ['https://169.254.169.254/latest/meta-data', 'webhook_url_private_address'],
      ['https://100.64.0.1/', 'webhook_url_private_address'],
      ['https://[::1]/h', 'webhook_url_private_address'],
      ['https://[fd00::1]/h', 'webhook_url_private_address'],
      ['https://[::ffff:127.0.0.1]/h', 'webhook_url_private_address'],
      ['https://localhost/h', 'webhook_url_private_address'],
      ['https://api.localhost:3000/h', 'webhook_url_private_address'],
    ];
    for (const [url, code] of cases) {
      const error = await create(url);
      expect({ code: error.code, message: error.message }, url).toEqual({ code: '22023', message: code });
    }
    for (const events of [[], ['booking.exploded'], ['guest.created', 'guest.created'], ['webhook.test']]) {
      const error = await create('https://hooks.example.com/h', events);
      expect(error.message, JSON.stringify(events)).toBe('invalid_webhook_events');
    }

    await db.admin`update private.webhook_settings set allow_http = true, allow_private_targets = true`;
    try {
      const [row] = await asOwner(
        (tx) =>
          tx`select * from public.create_webhook_endpoint(${a.organizationId}, 'http://127.0.0.1:9999/h', null, '{guest.created}')`,
      );
      expect(row?.endpoint_id, 'a local receiver when the installation allows it').toBeTruthy();
      const stillRefused = await create('http://user:pw@127.0.0.1:9999/h');
      expect(stillRefused.message, 'credentials are never allowed').toBe('webhook_url_has_credentials');
      await asOwner((tx) => tx`select public.delete_webhook_endpoint(${row?.endpoint_id})`);
    } finally {
      await db.admin`update private.webhook_settings set allow_http = false, allow_private_targets = false`;
    }
  });

  it('rotates the secret, keeping the old one valid for a day', async () => {
    const { endpoint_id, secret } = await createEndpoint(a, ['guest.created']);
    const rotated = await asOwner(async (tx) => {
      const [row] = await tx<{ secret: string }[]>`select public.rotate_webhook_secret(${endpoint_id}) as secret`;
      return row?.secret;
    });
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    const secrets = await db.admin<{ secret: string; hours: number | null }[]>`
      select secret, round(extract(epoch from expires_at - now()) / 3600)::int as hours
      from private.webhook_secrets where endpoint_id = ${endpoint_id} order by created_at`;
    expect(secrets).toEqual([
      { secret, hours: 24 },
      { secret: rotated, hours: null },
    ]);
  });

  it('sends a test event, replays finished deliveries only, and pages the log', async () => {
    const { endpoint_id } = await createEndpoint(a, ['guest.created']);
    const deliveryId = await asOwner(async (tx) => {
      const [row] = await tx<{ id: string }[]>`select public.send_test_webhook(${endpoint_id}) as id`;
      return row?.id as string;
    });
    const pending = await pgError(asOwner((tx) => tx`select public.replay_webhook_delivery(${deliveryId})`));
    expect(pending.message).toBe('webhook_delivery_pending');
    await db.admin`select private.webhook_delivery_succeeded(${deliveryId}, 200, 12, 'ok')`;
    await db.admin`select private.webhook_delivery_succeeded(${deliveryId}, 500, 12, 'again')`;
    const replayId = await asOwner(async (tx) => {
      const [row] = await tx<{ id: string }[]>`select public.replay_webhook_delivery(${deliveryId}) as id`;
      return row?.id as string;
    });
    const log = await asOwner((tx) => tx`select * from public.list_webhook_deliveries(${endpoint_id}, 1, 0)`);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ id: replayId, replay_of: deliveryId, event_type: 'webhook.test', status: 'queued' });
    expect(Number(log[0]?.total_count)).toBe(2);
    const [original] = await asOwner((tx) => tx`select * from public.list_webhook_deliveries(${endpoint_id}, 1, 1)`);
    expect(original, 'a success is recorded once').toMatchObject({
      id: deliveryId,
      status: 'succeeded',
      last_status_code: 200,
      next_attempt_at: null,
    });
    await asOwner((tx) => tx`select public.set_webhook_endpoint_enabled(${endpoint_id}, false)`);
    const disabled = await pgError(asOwner((tx) => tx`select public.send_test_webhook(${endpoint_id})`));
    expect(disabled.message).toBe('webhook_endpoint_disabled');
  });

  it('is disabled after a run of failed deliveries, and its admins and owners are emailed', async () => {
    const { endpoint_id } = await createEndpoint(a, ['guest.created'], 'https://broken.example.com/h');
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      ids.push(
        await asOwner(async (tx) => {
          const [row] = await tx<{ id: string }[]>`select public.send_test_webhook(${endpoint_id}) as id`;
          return row?.id as string;
        }),
      );
    }
    const fail = (id: string, retryAt: Date | null) =>
      db.admin`select private.webhook_delivery_failed(${id}, 500, 20, 'down', 'HTTP 500', ${retryAt}, 3)`;
    await fail(ids[0] as string, new Date(Date.now() + 5000));
    const [retrying] = await db.admin`select status from private.webhook_deliveries where id = ${ids[0] as string}`;
    expect(retrying?.status, 'a retry keeps it queued').toBe('queued');
    for (const id of ids) await fail(id, null);
    const [endpoint] = await db.admin`
      select enabled, disabled_reason, consecutive_failures from private.webhook_endpoints where id = ${endpoint_id}`;
    expect(endpoint).toMatchObject({ enabled: false, consecutive_failures: 3 });
    expect(endpoint?.disabled_reason).toMatch(/3 deliveries in a row/);
    const mail = await db.admin<{ recipient: string }[]>`
      select recipient from private.mail_outbox where template = 'webhook_endpoint_disabled' order by recipient`;
    expect(mail.map((row) => row.recipient).sort()).toEqual([a.members.admin.email, a.members.owner.email].sort());

    await asOwner((tx) => tx`select public.set_webhook_endpoint_enabled(${endpoint_id}, true)`);
    const [again] = await db.admin`
      select enabled, disabled_reason, consecutive_failures from private.webhook_endpoints where id = ${endpoint_id}`;
    expect(again).toEqual({ enabled: true, disabled_reason: null, consecutive_failures: 0 });
  });
});
