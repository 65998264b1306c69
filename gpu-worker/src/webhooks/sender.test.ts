// The webhook sender against a receiver on loopback that verifies every delivery with the
// reference library (`Webhook.verify`): signed events delivered once, failures retried on the
// backoff schedule (next_attempt_at moved, no real waiting), a failed run disabling the endpoint,
// replay from the log, rotation verifying with both secrets, and private targets refused when
// the installation does not allow them.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asUser, type Tx, useTestDatabase } from '../../../supabase/tests/support/db.ts';
import { createTenant, type Tenant } from '../../../supabase/tests/support/tenants.ts';
import { isBlockedAddress } from './addresses.ts';
import { RETRY_DELAYS_MS, retryDelayMs, startWebhookSender, type WebhookSender } from './sender.ts';

const db = useTestDatabase();
let tenant: Tenant;

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let base: string;
const received: Received[] = [];
/** Status codes to answer with, in order; 200 once empty. 0: never answer. */
let answers: number[] = [];

beforeAll(async () => {
  tenant = await createTenant(db.admin, 'sender');
  // The local-installation switch: URLs on 127.0.0.1 may be saved (the sender has its own).
  await db.admin`update private.webhook_settings set allow_http = true, allow_private_targets = true`;
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const status = answers.shift() ?? 200;
      if (status === 0) return;
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'thanks' : 'receiver is down');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(async () => {
  received.length = 0;
  answers = [];
  await db.admin`delete from private.webhook_endpoints`;
});

const asOwner = <T>(fn: (tx: Tx) => Promise<T>) => asUser(db.admin, tenant.members.owner, fn);

async function createEndpoint(url: string, events = ['guest.created']): Promise<{ id: string; secret: string }> {
  const [row] = await asOwner(
    (tx) =>
      tx<{ endpoint_id: string; secret: string }[]>`
        select * from public.create_webhook_endpoint(${tenant.organizationId}, ${url}, null, ${events})`,
  );
  return { id: row?.endpoint_id as string, secret: row?.secret as string };
}

const createGuest = (name: string) =>
  asOwner((tx) => tx`select public.create_guest(${tenant.organizationId}, ${name}, null, null, null, null, false)`);

async function deliveriesOf(endpointId: string) {
  return db.admin<
    {
      id: string;
      status: string;
      attempts: number;
      last_status_code: number | null;
      last_error: string | null;
      delay_ms: number;
      replay_of: string | null;
    }[]
  >`
    select id, status, attempts, last_status_code, last_error, replay_of,
      round(extract(epoch from next_attempt_at - last_attempt_at) * 1000)::int as delay_ms
    from private.webhook_deliveries where endpoint_id = ${endpointId} order by created_at`;
}

/** The sender under test: sends only when asked, allowed to reach loopback. */
function sender(options: Partial<Parameters<typeof startWebhookSender>[0]> = {}): WebhookSender {
  return startWebhookSender({ sql: db.admin, allowPrivateTargets: true, manual: true, ...options });
}

function verify(secret: string, delivery: Received): unknown {
  return new Webhook(secret).verify(delivery.body, {
    'webhook-id': String(delivery.headers['webhook-id']),
    'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
    'webhook-signature': String(delivery.headers['webhook-signature']),
  });
}

describe('webhook sender', () => {
  it('delivers signed events that Webhook.verify accepts, exactly once', async () => {
    const endpoint = await createEndpoint(`${base}/hooks/roost`);
    await createGuest('Signed Guest');
    const [a, b] = [sender(), sender()];
    try {
      await Promise.all([a.drain(), b.drain()]);
      await Promise.all([a.drain(), b.drain()]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(received, 'one POST for one event, however many senders').toHaveLength(1);
    const [delivery] = received as [Received];
    expect(delivery.path).toBe('/hooks/roost');
    expect(delivery.headers['content-type']).toBe('application/json');
    const payload = verify(endpoint.secret, delivery) as { id: string; type: string; data: { full_name: string } };
    expect(payload).toMatchObject({ id: delivery.headers['webhook-id'], type: 'guest.created' });
    expect(payload.data.full_name).toBe('Signed Guest');
    expect(() => verify(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, delivery), 'a wrong secret fails').toThrow();
    const [row] = await deliveriesOf(endpoint.id);
    expect(row).toMatchObject({ status: 'succeeded', attempts: 1, last_status_code: 200, last_error: null });
  });

  it('retries failures on the backoff schedule and keeps the same webhook-id', async () => {
    const endpoint = await createEndpoint(`${base}/flaky`);
    await createGuest('Flaky Guest');
    answers = [500, 503];
    const s = sender({ random: () => 1 });
    try {
      await s.tick();
      let [row] = await deliveriesOf(endpoint.id);
      expect(row).toMatchObject({ status: 'queued', attempts: 1, last_status_code: 500 });
      expect(row?.delay_ms, 'first retry after 5 s (+10 % jitter here)').toBeCloseTo(5_500, -2);
      expect(await s.tick(), 'not due yet: nothing is sent').toBe(0);

      await db.admin`update private.webhook_deliveries set next_attempt_at = now() where endpoint_id = ${endpoint.id}`;
      await s.tick();
      [row] = await deliveriesOf(endpoint.id);
      expect(row).toMatchObject({ status: 'queued', attempts: 2, last_status_code: 503 });
      expect(row?.delay_ms, 'then after 5 minutes').toBeCloseTo(330_000, -3);

      await db.admin`update private.webhook_deliveries set next_attempt_at = now() where endpoint_id = ${endpoint.id}`;
      await s.tick();
      [row] = await deliveriesOf(endpoint.id);
      expect(row).toMatchObject({ status: 'succeeded', attempts: 3, last_status_code: 200 });
    } finally {
      await s.stop();
    }
    expect(new Set(received.map((r) => r.headers['webhook-id'])).size, 'one event id across attempts').toBe(1);
    for (const delivery of received) verify(endpoint.secret, delivery);
  });

  it('fails a delivery after its last retry and disables an endpoint whose deliveries keep failing', async () => {
    const endpoint = await createEndpoint(`${base}/down`);
    await createGuest('First Failure');
    await createGuest('Second Failure');
    answers = [500, 500, 500, 500];
    const s = sender({ retryDelaysMs: [1_000], disableAfter: 2 });
    try {
      await s.tick();
      await db.admin`update private.webhook_deliveries set next_attempt_at = now() where endpoint_id = ${endpoint.id}`;
      await s.tick();
    } finally {
      await s.stop();
    }
    const rows = await deliveriesOf(endpoint.id);
    expect(rows.map((row) => [row.status, row.attempts])).toEqual([
      ['failed', 2],
      ['failed', 2],
    ]);
    const [state] =
      await db.admin`select enabled, disabled_reason from private.webhook_endpoints where id = ${endpoint.id}`;
    expect(state?.enabled).toBe(false);
    expect(state?.disabled_reason).toMatch(/2 deliveries in a row/);
    const mail = await db.admin`
      select recipient, subject from private.mail_outbox where template = 'webhook_endpoint_disabled'`;
    expect(mail.map((m) => m.recipient).sort()).toEqual(
      [tenant.members.admin.email, tenant.members.owner.email].sort(),
    );
  });

  it('replays a delivery from the log with the same event id', async () => {
    const endpoint = await createEndpoint(`${base}/replay`);
    await createGuest('Replayed Guest');
    const s = sender();
    try {
      await s.drain();
      const [original] = await deliveriesOf(endpoint.id);
      await asOwner((tx) => tx`select public.replay_webhook_delivery(${original?.id as string})`);
      await s.drain();
    } finally {
      await s.stop();
    }
    expect(received).toHaveLength(2);
    expect(received[1]?.headers['webhook-id']).toBe(received[0]?.headers['webhook-id']);
    const rows = await deliveriesOf(endpoint.id);
    expect(rows.map((row) => [row.status, row.replay_of === null])).toEqual([
      ['succeeded', true],
      ['succeeded', false],
    ]);
  });

  it('signs with the old and the new secret during a rotation', async () => {
    const endpoint = await createEndpoint(`${base}/rotating`);
    const [row] = await asOwner(
      (tx) => tx<{ secret: string }[]>`select public.rotate_webhook_secret(${endpoint.id}) as secret`,
    );
    await createGuest('Rotation Guest');
    const s = sender();
    try {
      await s.drain();
    } finally {
      await s.stop();
    }
    const [delivery] = received as [Received];
    expect(String(delivery.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verify(endpoint.secret, delivery), 'the old secret still verifies').toMatchObject({ type: 'guest.created' });
    expect(verify(row?.secret as string, delivery), 'the new one too').toMatchObject({ type: 'guest.created' });
  });

  it('refuses private and loopback targets unless the installation allows them', async () => {
    const literal = await createEndpoint(`${base}/private`);
    const named = await createEndpoint(`${base.replace('127.0.0.1', 'localhost')}/named`);
    await createGuest('Private Guest');
    const s = sender({ allowPrivateTargets: false });
    try {
      await s.tick();
    } finally {
      await s.stop();
    }
    expect(received, 'nothing reached the receiver').toHaveLength(0);
    for (const endpoint of [literal, named]) {
      const [row] = await deliveriesOf(endpoint.id);
      expect(row?.status).toBe('queued');
      expect(row?.last_error, endpoint.id).toMatch(/^target_not_allowed: /);
    }
  });

  it('gives up on a receiver that does not answer in time', async () => {
    const endpoint = await createEndpoint(`${base}/slow`);
    await createGuest('Slow Guest');
    answers = [0];
    const s = sender({ timeoutMs: 300 });
    try {
      await s.tick();
    } finally {
      await s.stop();
    }
    const [row] = await deliveriesOf(endpoint.id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, last_status_code: null });
    expect(row?.last_error).toMatch(/timeout/);
  });
});

describe('webhook retry schedule and address rules', () => {
  it('spreads seven attempts over about a day, with bounded jitter', () => {
    expect(RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0) / 3_600_000).toBeCloseTo(17.59, 1);
    expect(retryDelayMs(1, RETRY_DELAYS_MS, 0.1, () => 0)).toBe(4_500);
    expect(retryDelayMs(6, RETRY_DELAYS_MS, 0.1, () => 1)).toBe(39_600_000);
    expect(retryDelayMs(7), 'the seventh attempt was the last').toBeNull();
  });

  it('blocks private, loopback, link-local, CGNAT, multicast, ULA and mapped addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.0.0.1',
      '172.20.1.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.100.1.1',
      '224.0.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fd12::1',
      'fe80::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:8.8.8.8',
      'not-an-ip',
    ]) {
      expect(isBlockedAddress(address), address).toBe(true);
    }
    for (const address of ['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111']) {
      expect(isBlockedAddress(address), address).toBe(false);
    }
  });
});
