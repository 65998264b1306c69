// Guards driven by the system catalogue, so that a new table or function is checked without
// anyone editing this file: RLS and policies everywhere the API exposes, fixed search_path on
// security definer functions, nothing for anon beyond the allow-list, indexed foreign keys,
// and audit plus organization immutability on every tenant table.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProjectConfig } from '../local/config.ts';
import { supabaseDir } from '../local/paths.ts';
import { useTestDatabase } from './support/db.ts';

const db = useTestDatabase();
const exposedSchemas = readProjectConfig().api.schemas;
// Schemas Supabase itself owns (mirrored by supabase/local/bootstrap): not the application's.
const PLATFORM_SCHEMAS = [
  'auth',
  'storage',
  'realtime',
  'extensions',
  'supabase_migrations',
  '_roost_local',
  'graphql',
  'graphql_public',
  'vault',
  'pgbouncer',
];
const APPLICATION_SCHEMA_FILTER = `
  n.nspname not in (${PLATFORM_SCHEMAS.map((s) => `'${s}'`).join(', ')})
  and n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'`;

interface AnonAllowList {
  tables: Record<string, string[]>;
  functions: string[];
}
const anonAllowList: AnonAllowList = JSON.parse(
  readFileSync(join(supabaseDir, 'tests', 'anon-allowlist.json'), 'utf8'),
);

describe('catalogue guard', () => {
  it('enables RLS with at least one policy on every table in an exposed schema', async () => {
    const tables = await db.admin<{ name: string; rls: boolean; policies: number }[]>`
      select format('%I.%I', n.nspname, c.relname) as name, c.relrowsecurity as rls,
        (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname = any (${exposedSchemas})
      order by 1`;
    expect(tables.length, 'the exposed schemas hold tables').toBeGreaterThan(0);
    expect(
      tables.filter((t) => !t.rls).map((t) => t.name),
      'tables without RLS',
    ).toEqual([]);
    expect(
      tables.filter((t) => t.policies === 0).map((t) => t.name),
      'tables without any policy',
    ).toEqual([]);
  });

  it('exposes no views or materialized views that would bypass RLS', async () => {
    const views = await db.admin<{ name: string }[]>`
      select format('%I.%I', n.nspname, c.relname) as name
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('v', 'm') and n.nspname = any (${exposedSchemas})
        and not coalesce(c.reloptions @> array['security_invoker=true'], false)`;
    expect(
      views.map((v) => v.name),
      'views must be security_invoker',
    ).toEqual([]);
  });

  it('names a role on every policy instead of applying it to PUBLIC', async () => {
    const policies = await db.admin<{ name: string }[]>`
      select format('%I.%I: %s', schemaname, tablename, policyname) as name
      from pg_policies where schemaname = any (${exposedSchemas}) and roles = '{public}'`;
    expect(
      policies.map((p) => p.name),
      'policies without a role',
    ).toEqual([]);
  });

  it('fixes the search_path of every security definer function of the application', async () => {
    const functions = await db.admin<{ name: string }[]>`
      select p.oid::regprocedure::text as name
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where p.prosecdef and ${db.admin.unsafe(APPLICATION_SCHEMA_FILTER)}
        and not exists (select 1 from unnest(coalesce(p.proconfig, '{}')) c where c like 'search_path=%')
        and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')`;
    expect(
      functions.map((f) => f.name),
      'security definer functions without search_path',
    ).toEqual([]);
  });

  it('grants anon nothing beyond supabase/tests/anon-allowlist.json', async () => {
    const tables = await db.admin<{ name: string; privilege: string }[]>`
      select format('%I.%I', n.nspname, c.relname) as name, lower(priv) as privilege
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      cross join unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) priv
      where c.relkind in ('r', 'p', 'v', 'm', 'f') and ${db.admin.unsafe(APPLICATION_SCHEMA_FILTER)}
        and has_table_privilege('anon', c.oid, priv)`;
    const columns = await db.admin<{ name: string; privilege: string }[]>`
      select format('%I.%I', n.nspname, c.relname) as name, lower(priv) as privilege
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      cross join unnest(array['SELECT', 'INSERT', 'UPDATE']) priv
      where c.relkind in ('r', 'p', 'v', 'm') and ${db.admin.unsafe(APPLICATION_SCHEMA_FILTER)}
        and has_any_column_privilege('anon', c.oid, priv)`;
    const functions = await db.admin<{ name: string }[]>`
      select p.oid::regprocedure::text as name
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where ${db.admin.unsafe(APPLICATION_SCHEMA_FILTER)}
        and has_function_privilege('anon', p.oid, 'execute')
        and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')`;
    const unexpectedTables = [...tables, ...columns]
      .filter((t) => !(anonAllowList.tables[t.name] ?? []).includes(t.privilege))
      .map((t) => `${t.name}: ${t.privilege}`);
    expect([...new Set(unexpectedTables)], 'table privileges of anon not in the allow-list').toEqual([]);
    const unexpectedFunctions = functions.map((f) => f.name).filter((name) => !anonAllowList.functions.includes(name));
    expect(unexpectedFunctions, 'functions anon may execute, not in the allow-list').toEqual([]);
  });

  it('indexes the columns of every foreign key in the application schemas', async () => {
    const unindexed = await db.admin<{ name: string }[]>`
      select format('%s (%s)', c.conrelid::regclass, c.conname) as name
      from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_namespace n on n.oid = t.relnamespace
      where c.contype = 'f' and ${db.admin.unsafe(APPLICATION_SCHEMA_FILTER)}
        and not exists (
          select 1 from pg_index i
          where i.indrelid = c.conrelid
            and (select array_agg(k order by k) from unnest((i.indkey::int2[])[0:cardinality(c.conkey) - 1]) k)
              = (select array_agg(k order by k) from unnest(c.conkey) k)
        )`;
    expect(
      unindexed.map((u) => u.name),
      'foreign keys without an index on their columns',
    ).toEqual([]);
  });

  describe('tenant tables (those with an organization_id column)', () => {
    // The audit log is the one tenant table nobody writes to but the audit trigger.
    const APPEND_ONLY = ['public.audit_log'];

    async function tenantTablesLacking(triggerFunction: string) {
      return db.admin<{ name: string }[]>`
        select format('%I.%I', n.nspname, c.relname) as name
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and n.nspname = any (${exposedSchemas})
          and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'organization_id' and not a.attisdropped)
          and format('%I.%I', n.nspname, c.relname) <> all (${APPEND_ONLY})
          and not exists (
            select 1 from pg_trigger tg where tg.tgrelid = c.oid and tg.tgfoid = ${triggerFunction}::regprocedure
          )`;
    }

    it('records every change of every tenant table in the audit log', async () => {
      const missing = await tenantTablesLacking('private.record_audit()');
      expect(
        missing.map((m) => m.name),
        'tenant tables without the audit trigger',
      ).toEqual([]);
    });

    it('never lets a tenant row move to another organization', async () => {
      const missing = await tenantTablesLacking('private.forbid_organization_change()');
      expect(
        missing.map((m) => m.name),
        'tenant tables without the organization_immutable trigger',
      ).toEqual([]);
    });

    it('indexes organization_id on every tenant table', async () => {
      const unindexed = await db.admin<{ name: string }[]>`
        select format('%I.%I', n.nspname, c.relname) as name
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attname = 'organization_id' and not a.attisdropped
        where c.relkind in ('r', 'p') and n.nspname = any (${exposedSchemas})
          and not exists (select 1 from pg_index i where i.indrelid = c.oid and i.indkey[0] = a.attnum)`;
      expect(
        unindexed.map((u) => u.name),
        'tenant tables without an index leading with organization_id',
      ).toEqual([]);
    });
  });
});
