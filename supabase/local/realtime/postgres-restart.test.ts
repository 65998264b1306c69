// A restart of PostgreSQL itself (a crash) while a client stays subscribed: the realtime server reconnects,
// the slot resumes from its confirmed position, and the client gets every committed change once.
// This file runs its own cluster, since the shared test cluster cannot be stopped under the
// other files.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, type Tenant } from '../../tests/support/tenants.ts';
import { type Cluster, connectionUrl, destroyCluster, startCluster } from '../cluster.ts';
import { readProjectConfig } from '../config.ts';
import { connectAdmin, recreateDatabase } from '../database.ts';
import { type Gateway, startGateway } from '../gateway/server.ts';
import { ensureLocalKeys } from '../keys.ts';
import type { TestStack } from '../testing/test-stack.ts';
import { startThrowawayCluster, TEMPLATE_DATABASE } from '../throwaway.ts';
import { createRealtimeService, type RealtimeServer } from './index.ts';
import { joined, realtimeClient, waitFor } from './test-support.ts';

const DATABASE = 'restart';
let cluster: Cluster;
let admin: Sql;
let realtime: RealtimeServer;
let gateway: Gateway;
let stack: TestStack;
let tenant: Tenant;
let dataDir: string;

beforeAll(async () => {
  cluster = await startThrowawayCluster();
  await recreateDatabase(cluster, DATABASE, TEMPLATE_DATABASE);
  admin = connectAdmin(cluster, DATABASE, 6);
  dataDir = mkdtempSync(join(tmpdir(), 'roost-restart-'));
  const keys = await ensureLocalKeys({ file: join(dataDir, 'keys.json'), pins: {} });
  const config = readProjectConfig();
  realtime = createRealtimeService({
    sql: admin,
    dbUrl: connectionUrl(cluster, DATABASE),
    keys,
    config,
    dropSlotOnClose: true,
  });
  gateway = await startGateway({ port: 0, keys, config, services: { realtime: realtime.service } });
  stack = { url: gateway.url, keys } as TestStack;
  tenant = await createTenant(admin, 'rt-pg');
});

afterAll(async () => {
  await gateway?.close();
  await realtime?.close();
  await admin?.end({ timeout: 5 });
  if (cluster) destroyCluster(cluster);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Stops PostgreSQL as a crash would (SIGQUIT: immediate shutdown, no checkpoint) and waits for it. */
async function crash(target: Cluster): Promise<void> {
  const pid = Number(readFileSync(join(target.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  process.kill(pid, 'SIGQUIT');
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function insertOrder(guest: string): Promise<void> {
  // The throwaway cluster commits asynchronously; this commit must survive the crash.
  await admin.begin(async (tx) => {
    await tx`set local synchronous_commit = on`;
    await tx`
    insert into public.orders (organization_id, property_id, kind, currency, guest_name)
    values (${tenant.organizationId}, ${tenant.propertyIds[0]}, 'takeaway', 'EUR', ${guest})`;
  });
}

describe('a PostgreSQL restart', () => {
  it('loses and repeats nothing for a client that stayed connected', async () => {
    const client = await realtimeClient(stack, tenant.members.owner);
    const guests: string[] = [];
    await joined(
      client
        .channel('orders-pg-restart')
        .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'orders' }, (p) => {
          const guest = (p.new as { guest_name?: string }).guest_name ?? '';
          if (guest.startsWith('pg-')) guests.push(guest);
        }),
    );
    const expected = Array.from({ length: 20 }, (_, i) => `pg-${i}`);
    for (const guest of expected.slice(0, 10)) await insertOrder(guest);

    // A crash of the server: every session ends at once, the walsender included; recovery on the
    // next start replays the committed WAL.
    await crash(cluster);
    startCluster({ home: cluster.home, port: cluster.port, throwaway: true });

    for (const guest of expected.slice(10)) await insertOrder(guest);
    await waitFor('every order across the restart', () => expected.every((g) => guests.includes(g)), 30_000);
    await insertOrder('pg-last');
    await waitFor('a last order', () => guests.includes('pg-last'));
    expect(guests, 'each order exactly once, in commit order').toEqual([...expected, 'pg-last']);
  });
});
