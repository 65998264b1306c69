// The Data API across a PostgreSQL outage (issue 12, item 16): while the database is down it
// answers 503 PGRST001 (clients retry), and once the database is back the same service answers
// again and follows DDL made after the restart (its listener reconnects).
// Its own cluster: the shared test cluster cannot be stopped under the other files.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@supabase/supabase-js';
import type { Sql } from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Cluster, connectionUrl, destroyCluster, restartCluster, stopCluster } from '../cluster.ts';
import { readProjectConfig } from '../config.ts';
import { connectAdmin } from '../database.ts';
import { type Gateway, startGateway } from '../gateway/server.ts';
import { ensureLocalKeys, type LocalKeys } from '../keys.ts';
import { startThrowawayCluster, TEMPLATE_DATABASE } from '../throwaway.ts';
import { createRestService, type RestService } from './index.ts';

let cluster: Cluster;
let sql: Sql;
let rest: RestService;
let gateway: Gateway;
let keys: LocalKeys;
let keysDir: string;

beforeAll(async () => {
  cluster = await startThrowawayCluster();
  sql = connectAdmin(cluster, TEMPLATE_DATABASE, 2);
  await sql.unsafe(`
    create table public.t_outage (id int primary key, label text);
    alter table public.t_outage enable row level security;
    create policy read_all on public.t_outage for select to anon using (true);
    insert into public.t_outage values (1, 'before');`);
  keysDir = mkdtempSync(join(tmpdir(), 'roost-rest-restart-'));
  keys = await ensureLocalKeys({ file: join(keysDir, 'keys.json'), pins: {} });
  const config = readProjectConfig();
  const dbUrl = connectionUrl(cluster, TEMPLATE_DATABASE);
  rest = createRestService({ sql, dbUrl, config, apiUrl: 'http://127.0.0.1' });
  await rest.cache();
  gateway = await startGateway({ port: 0, keys, config, services: { rest: rest.service } });
}, 120_000);

afterAll(async () => {
  await gateway?.close();
  await rest?.close();
  await sql?.end({ timeout: 1 });
  if (cluster) destroyCluster(cluster);
  if (keysDir) rmSync(keysDir, { recursive: true, force: true });
});

it('answers 503 while PostgreSQL is down and serves again, with a fresh schema cache, once it is back', async () => {
  const db = createClient(gateway.url, keys.publishable_key, { auth: { persistSession: false } });
  expect((await db.from('t_outage').select('label')).data).toEqual([{ label: 'before' }]);

  stopCluster(cluster);
  const down = await db.from('t_outage').select('label');
  expect(down.status).toBe(503);
  expect(down.error?.code).toBe('PGRST001');

  // Started without the service's help, then changed: the new table must be served.
  await restartCluster(cluster);
  const direct = connectAdmin(cluster, TEMPLATE_DATABASE, 1);
  await direct.unsafe(`
    create table public.t_after (id int primary key);
    alter table public.t_after enable row level security;
    create policy read_all on public.t_after for select to anon using (true);
    insert into public.t_after values (7);`);
  await direct.end();
  await expect
    .poll(async () => (await db.from('t_outage').select('label')).data, { timeout: 30_000, interval: 200 })
    .toEqual([{ label: 'before' }]);
  await expect
    .poll(async () => (await db.from('t_after').select('id')).data, { timeout: 30_000, interval: 200 })
    .toEqual([{ id: 7 }]);
}, 120_000);
