// The migration runner and the seed loader against a real database: order, history in the
// Supabase CLI's table, one transaction per migration, refusal of edited migrations.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sql } from 'postgres';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Cluster, destroyCluster } from './cluster.ts';
import { connectAdmin, recreateDatabase } from './database.ts';
import { DEMO_PASSWORD, listDemoLogins } from './demo.ts';
import { MigrationError, migrate, seed } from './migrate.ts';
import { startThrowawayCluster, TEMPLATE_DATABASE } from './throwaway.ts';

let cluster: Cluster;
let sql: Sql;
let dir: string;

beforeAll(async () => {
  cluster = await startThrowawayCluster();
});

afterAll(async () => {
  await sql?.end();
  destroyCluster(cluster);
});

beforeEach(async () => {
  await sql?.end();
  await recreateDatabase(cluster, 'migrate_test');
  sql = connectAdmin(cluster, 'migrate_test', 1);
  dir = mkdtempSync(join(tmpdir(), 'roost-migrations-'));
  return () => rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, content: string) => writeFileSync(join(dir, name), content);

describe('migration runner', () => {
  it('applies migrations in version order and records them as the Supabase CLI does', async () => {
    write('20260102000000_second.sql', 'insert into things values (2);');
    write('20260101000000_first.sql', 'create table things (n int); insert into things values (1);');
    expect(await migrate(sql, dir), 'both applied, in order').toEqual([
      '20260101000000_first.sql',
      '20260102000000_second.sql',
    ]);
    expect(await sql`select n from things order by n`, 'their effects').toEqual([{ n: 1 }, { n: 2 }]);
    const history = await sql`select version, name from supabase_migrations.schema_migrations order by version`;
    expect(history, 'history rows').toEqual([
      { version: '20260101000000', name: 'first' },
      { version: '20260102000000', name: 'second' },
    ]);
    expect(await migrate(sql, dir), 'nothing left to apply').toEqual([]);
  });

  it('refuses a migration whose content changed after it was applied', async () => {
    write('20260101000000_first.sql', 'create table things (n int);');
    await migrate(sql, dir);
    write('20260101000000_first.sql', 'create table things (n bigint);');
    await expect(migrate(sql, dir), 'edited migration').rejects.toThrow(
      /20260101000000_first\.sql changed after it was applied/,
    );
    await expect(migrate(sql, dir)).rejects.toBeInstanceOf(MigrationError);
  });

  it('rolls back a failing migration completely and stops there', async () => {
    write('20260101000000_good.sql', 'create table good (n int);');
    write('20260102000000_bad.sql', 'create table half (n int); select 1/0;');
    write('20260103000000_later.sql', 'create table later (n int);');
    await expect(migrate(sql, dir), 'the failing migration').rejects.toMatchObject({ code: '22012' });
    const [tables] = await sql`
      select to_regclass('good') is not null as good, to_regclass('half') is not null as half, to_regclass('later') is not null as later`;
    expect(tables, 'only the good migration left anything behind').toEqual({ good: true, half: false, later: false });
    const versions = await sql`select version from supabase_migrations.schema_migrations`;
    expect(
      versions.map((v) => v.version),
      'only the good one is recorded',
    ).toEqual(['20260101000000']);
  });

  it('refuses a badly named migration file before applying anything', async () => {
    write('20260101000000_fine.sql', 'create table fine (n int);');
    write('add-things.sql', 'create table things (n int);');
    await expect(migrate(sql, dir), 'bad name').rejects.toThrow(/must look like YYYYMMDDHHMMSS_snake_name\.sql/);
    const [row] = await sql`select to_regclass('fine') is null as untouched`;
    expect(row?.untouched, 'nothing applied').toBe(true);
  });
});

describe('seed', () => {
  it('loads once, notices a changed seed, and its demo users sign in with the demo password', async () => {
    await sql.end();
    await recreateDatabase(cluster, 'seed_test', TEMPLATE_DATABASE);
    sql = connectAdmin(cluster, 'seed_test', 1);
    expect(await seed(sql), 'first load').toBe('seeded');
    expect(await seed(sql), 'second load').toBe('already');
    const logins = await listDemoLogins(sql);
    expect(
      logins.map((l) => l.role),
      'a demo login per role',
    ).toEqual(expect.arrayContaining(['owner', 'admin', 'manager', 'staff', 'viewer']));
    const [check] = await sql`
      select bool_and(encrypted_password = extensions.crypt(${DEMO_PASSWORD}, encrypted_password)) as ok,
             bool_and(encrypted_password like '$2a$10$%') as bcrypt_cost_10
      from auth.users where email like '%@demo.roost.test'`;
    expect(check, 'demo passwords are bcrypt (cost 10) of the printed password').toEqual({
      ok: true,
      bcrypt_cost_10: true,
    });
    const changed = join(dir, 'seed.sql');
    writeFileSync(changed, 'select 1;');
    expect(await seed(sql, changed), 'a different seed file').toBe('changed');
  });
});
