// The cross-tenant matrix of supabase/tests/cross-tenant.test.ts, through /rest/v1: for every tenant
// table (every table in an exposed schema with an organization_id column, plus organizations
// itself, found in the catalogue), B's owner — and anon with the publishable key — reads, inserts,
// updates, deletes and upserts rows of organization A through supabase-js and gets nothing: no row
// read, every write refused or matching no row, A's rows byte-identical afterwards. Forged tokens
// get 401 and no data.
import type { SupabaseClient } from '@supabase/supabase-js';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from '../gateway/jwt.ts';
import { userClaims } from '../rls-request.ts';
import { restFetch, useRestStack, userClient, useTenants } from './test-support.ts';

const stack = useRestStack();
const tenants = useTenants(stack);

interface TenantTable {
  schema: string;
  name: string;
  /** Column that names the organization: organization_id, or id for organizations itself. */
  tenantColumn: string;
  /** Columns an insert may set (not generated, not identity always). */
  insertable: string[];
  /** Columns the authenticated role may update. */
  updatable: string[];
  /** Text columns outside the key and the tenant column (changed by the upsert). */
  texts: string[];
  primaryKey: string[];
  idIsUuid: boolean;
}

type Row = Record<string, unknown>;

let tables: TenantTable[];
let asB: SupabaseClient;
let anon: SupabaseClient;

beforeAll(async () => {
  const exposed = stack.config.api.schemas;
  tables = await stack.admin<TenantTable[]>`
    select n.nspname as schema, c.relname as name,
      case when exists (select 1 from pg_attribute x where x.attrelid = c.oid and x.attname = 'organization_id' and not x.attisdropped)
        then 'organization_id' else 'id' end as "tenantColumn",
      array(select x.attname::text from pg_attribute x
            where x.attrelid = c.oid and x.attnum > 0 and not x.attisdropped and x.attgenerated = '' and x.attidentity <> 'a'
            order by x.attnum) as insertable,
      array(select x.attname::text from pg_attribute x
            where x.attrelid = c.oid and x.attnum > 0 and not x.attisdropped
              and has_column_privilege('authenticated', c.oid, x.attnum, 'UPDATE')
            order by x.attnum) as updatable,
      array(select x.attname::text from pg_attribute x
            where x.attrelid = c.oid and x.attnum > 0 and not x.attisdropped and x.attgenerated = ''
              and x.atttypid in ('text'::regtype, 'varchar'::regtype) and x.attname not in ('id', 'organization_id')
              and not exists (select 1 from pg_index i where i.indrelid = c.oid and i.indisunique and x.attnum = any (i.indkey))
            order by x.attnum) as texts,
      array(select x.attname::text from pg_index i cross join unnest(i.indkey) with ordinality k(attnum, ord)
            join pg_attribute x on x.attrelid = c.oid and x.attnum = k.attnum
            where i.indrelid = c.oid and i.indisprimary order by k.ord) as "primaryKey",
      coalesce((select x.atttypid = 'uuid'::regtype from pg_attribute x
                where x.attrelid = c.oid and x.attname = 'id' and not x.attisdropped), false) as "idIsUuid"
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname = any (${exposed})
      and (exists (select 1 from pg_attribute x where x.attrelid = c.oid and x.attname = 'organization_id' and not x.attisdropped)
           or (n.nspname, c.relname) = ('public', 'organizations'))
    order by 1, 2`;
  // Untyped: the matrix names its tables at run time.
  asB = (await userClient(stack, tenants.b.members.owner)) as unknown as SupabaseClient;
  anon = stack.client() as unknown as SupabaseClient;
});

const label = (table: TenantTable) => `${table.schema}.${table.name}`;
const from = (db: SupabaseClient, table: TenantTable) => db.schema(table.schema).from(table.name);

/** A's rows of a table as JSON, read behind RLS's back, in a stable order. */
async function rowsOf(table: TenantTable, organizationId: string): Promise<Row[]> {
  const rows = await stack.admin.unsafe(
    `select to_jsonb(t) as row from ${quoted(table)} t where ${quote(table.tenantColumn)} = $1 order by to_jsonb(t)::text`,
    [organizationId],
  );
  return rows.map((r) => r.row as Row);
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const quoted = (table: TenantTable) => `${quote(table.schema)}.${quote(table.name)}`;

/** The key of a row: its primary key, else the tenant column. */
function keyOf(table: TenantTable, row: Row): [string, unknown][] {
  const columns = table.primaryKey.length ? table.primaryKey : [table.tenantColumn];
  return columns.map((column) => [column, row[column]]);
}

/** A filter builder narrowed to one row of A by its key. */
interface Filterable {
  eq(column: string, value: unknown): Filterable;
}
function byKey<Q>(query: Q, table: TenantTable, row: Row): Q {
  let narrowed = query as unknown as Filterable;
  for (const [column, value] of keyOf(table, row)) narrowed = narrowed.eq(column, value);
  return narrowed as unknown as Q;
}

function insertable(table: TenantTable, row: Row): Row {
  return Object.fromEntries(table.insertable.filter((column) => column in row).map((column) => [column, row[column]]));
}

/** The insertable columns of `row`, with every free-text column changed. */
function changedCopy(table: TenantTable, row: Row): Row {
  const changed = insertable(table, row);
  for (const column of table.texts) {
    if (/name|note|description|label|title|comment|body|message/.test(column)) {
      changed[column] = `${String(row[column] ?? '')} (B)`;
    }
  }
  return changed;
}

/** A refusal: a 4xx (never 2xx, never 5xx) with PostgREST's error body. */
function expectRefused(
  result: { status: number; error: { code?: string; message?: string } | null },
  what: string,
): void {
  expect(result.status, `${what}: ${JSON.stringify(result.error)}`).toBeGreaterThanOrEqual(400);
  expect(result.status, `${what}: ${JSON.stringify(result.error)}`).toBeLessThan(500);
  // Refused by the database (privilege, RLS, a constraint or trigger), not by a malformed request.
  expect(result.error?.code, `${what}: ${result.error?.message}`).toMatch(/^[0-9A-Z]{5}$/);
}

/** Nothing read or changed: 2xx with no rows, or a 4xx refusal. */
function expectNoRows(result: { status: number; data: unknown; error: unknown }, what: string): void {
  expect(result.status, `${what}: ${JSON.stringify(result.error)}`).toBeLessThan(500);
  if (result.status < 300) expect(result.data ?? [], what).toEqual([]);
  else expect(result.status, what).toBeGreaterThanOrEqual(400);
}

const callers = () => [
  { who: "B's owner", db: asB },
  { who: 'anon', db: anon },
];

describe('cross-tenant matrix through /rest/v1', () => {
  it('covers every tenant table, each holding rows of organization A', async () => {
    expect(tables.map(label)).toEqual(
      expect.arrayContaining(['public.organizations', 'public.memberships', 'public.properties', 'public.audit_log']),
    );
    for (const table of tables) {
      expect((await rowsOf(table, tenants.a.organizationId)).length, `${label(table)}: rows of A`).toBeGreaterThan(0);
    }
  });

  it("lets A's owner read A's rows through the same requests (the matrix is not vacuous)", async () => {
    const asA = (await userClient(stack, tenants.a.members.owner)) as unknown as SupabaseClient;
    for (const table of tables) {
      const rows = await rowsOf(table, tenants.a.organizationId);
      const { data, error, status } = await from(asA, table)
        .select('*')
        .eq(table.tenantColumn, tenants.a.organizationId);
      if (status === 403) continue; // no SELECT grant for authenticated: read through RPCs only
      expect(error, label(table)).toBeNull();
      expect(data?.length, `${label(table)}: A's owner reads A's rows`).toBeGreaterThan(0);
      const [first] = rows;
      if (first) {
        const narrowed = await byKey(from(asA, table).select('*'), table, first);
        expect(narrowed.data?.length, `${label(table)}: A's owner reads a row by key`).toBe(1);
      }
    }
  });

  it("reads none of A's rows, by organization or by key", async () => {
    for (const table of tables) {
      const rows = await rowsOf(table, tenants.a.organizationId);
      for (const { who, db } of callers()) {
        const what = `${who} reads ${label(table)}`;
        expectNoRows(await from(db, table).select('*').eq(table.tenantColumn, tenants.a.organizationId), what);
        for (const row of rows.slice(0, 3)) {
          expectNoRows(await byKey(from(db, table).select('*'), table, row), `${what} by key`);
        }
        const [column] = table.primaryKey;
        if (column && table.primaryKey.length === 1) {
          const keys = rows.map((row) => row[column]);
          expectNoRows(await from(db, table).select('*').in(column, keys), `${what} with in.(…)`);
        }
        // Counting leaks nothing either.
        const counted = await from(db, table)
          .select('*', { count: 'exact', head: true })
          .eq(table.tenantColumn, tenants.a.organizationId);
        expect(counted.status, what).toBeLessThan(500);
        if (counted.status < 300) expect(counted.count, `${what}: count`).toBe(0);
      }
    }
  });

  it('refuses to insert a row into organization A, and writes nothing', async () => {
    for (const table of tables) {
      const before = await rowsOf(table, tenants.a.organizationId);
      const template = before[0] as Row;
      for (const { who, db } of callers()) {
        const id = table.idIsUuid ? crypto.randomUUID() : undefined;
        const copy = insertable(table, { ...template, ...(id ? { id } : {}) });
        const what = `${who} inserts into ${label(table)}`;
        expectRefused(await from(db, table).insert(copy), what);
        expectRefused(await from(db, table).insert([copy]).select(), `${what} (representation)`);
        if (id) {
          const [found] = await stack.admin.unsafe(`select count(*)::int as n from ${quoted(table)} where id = $1`, [
            id,
          ]);
          expect(found?.n, `${what}: the copy was written`).toBe(0);
        }
      }
      expect(await rowsOf(table, tenants.a.organizationId), `${label(table)}: A's rows unchanged`).toEqual(before);
    }
  });

  it("updates none of A's rows, nor moves them into organization B", async () => {
    for (const table of tables) {
      const before = await rowsOf(table, tenants.a.organizationId);
      for (const { who, db } of callers()) {
        for (const row of before.slice(0, 3)) {
          const what = `${who} updates ${label(table)}`;
          const column = table.updatable.find((name) => !table.primaryKey.includes(name)) ?? table.updatable[0];
          if (column) {
            const changed = table.texts.includes(column) ? `${String(row[column] ?? '')} (B)` : row[column];
            expectNoRows(await byKey(from(db, table).update({ [column]: changed }), table, row).select(), what);
          } else {
            expectNoRows(
              await byKey(
                from(db, table).update({ [table.tenantColumn]: row[table.tenantColumn] }),
                table,
                row,
              ).select(),
              `${what} (no updatable column)`,
            );
          }
          if (table.tenantColumn === 'organization_id') {
            expectNoRows(
              await byKey(from(db, table).update({ organization_id: tenants.b.organizationId }), table, row).select(),
              `${what}: moving the row into B`,
            );
          }
        }
      }
      expect(await rowsOf(table, tenants.a.organizationId), `${label(table)}: A's rows unchanged`).toEqual(before);
    }
  });

  it("deletes none of A's rows", async () => {
    for (const table of tables) {
      const before = await rowsOf(table, tenants.a.organizationId);
      for (const { who, db } of callers()) {
        const what = `${who} deletes from ${label(table)}`;
        for (const row of before.slice(0, 3)) {
          expectNoRows(await byKey(from(db, table).delete(), table, row).select(), what);
        }
        expectNoRows(
          await from(db, table).delete().eq(table.tenantColumn, tenants.a.organizationId).select(),
          `${what} by organization`,
        );
        const quiet = await from(db, table).delete().eq(table.tenantColumn, tenants.a.organizationId);
        expect(quiet.status, what).toBeLessThan(500);
      }
      expect(await rowsOf(table, tenants.a.organizationId), `${label(table)}: A's rows unchanged`).toEqual(before);
    }
  });

  it("refuses to upsert over A's rows (same key, changed values)", async () => {
    for (const table of tables) {
      const before = await rowsOf(table, tenants.a.organizationId);
      for (const { who, db } of callers()) {
        for (const row of before.slice(0, 2)) {
          const what = `${who} upserts into ${label(table)}`;
          // The row as it is: only RLS (or the missing grant) stands in the way.
          const same = insertable(table, row);
          const refused = await from(db, table).upsert(same).select();
          expectRefused(refused, `${what} (unchanged values)`);
          expect(refused.error?.code, `${what} (unchanged values)`).toBe('42501');
          const changed = changedCopy(table, row);
          expectRefused(await from(db, table).upsert(changed).select(), what);
          expectRefused(await from(db, table).upsert(changed), `${what} (minimal)`);
          const ignored = await from(db, table).upsert(changed, { ignoreDuplicates: true }).select();
          expectNoRows(ignored, `${what} (ignore-duplicates)`);
          if (table.primaryKey.length) {
            expectRefused(
              await from(db, table)
                .upsert(changed, { onConflict: table.primaryKey.join(',') })
                .select(),
              `${what} (on_conflict)`,
            );
          }
        }
      }
      expect(await rowsOf(table, tenants.a.organizationId), `${label(table)}: A's rows unchanged`).toEqual(before);
    }
  });

  it("refuses PUT over one of A's rows", async () => {
    const token = await signJwt(stack.keys, userClaims(tenants.b.members.owner));
    for (const table of tables) {
      if (table.primaryKey.length === 0) continue;
      const before = await rowsOf(table, tenants.a.organizationId);
      const row = before[0] as Row;
      const changed = changedCopy(table, row);
      const filters = keyOf(table, row)
        .map(([column, value]) => `${encodeURIComponent(column)}=eq.${encodeURIComponent(String(value))}`)
        .join('&');
      const response = await restFetch(stack, `/${table.name}?${filters}`, {
        method: 'PUT',
        token,
        headers: {
          'Content-Type': 'application/json',
          Prefer: 'return=representation',
          'Content-Profile': table.schema,
        },
        body: JSON.stringify(changed),
      });
      const text = await response.text();
      expect(response.status, `PUT ${label(table)}: ${text}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `PUT ${label(table)}: ${text}`).toBeLessThan(500);
      expect(await rowsOf(table, tenants.a.organizationId), `${label(table)}: A's rows unchanged`).toEqual(before);
    }
  });
});

describe('forged and expired tokens', () => {
  async function expectUnauthorized(token: string, code: 'PGRST301' | 'PGRST303') {
    for (const path of ['/organizations?select=*', `/memberships?organization_id=eq.${tenants.a.organizationId}`]) {
      const response = await restFetch(stack, path, { token });
      const text = await response.text();
      expect(response.status, text).toBe(401);
      expect(JSON.parse(text)).toEqual({ code, details: null, hint: null, message: expect.any(String) });
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(text).not.toContain(tenants.a.organizationId);
    }
    const write = await restFetch(stack, '/organizations', {
      method: 'POST',
      token,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ slug: `forged-${crypto.randomUUID()}`, name: 'Forged' }),
    });
    expect(write.status).toBe(401);
  }

  it('refuses a token signed with a key that is not the stack', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const kid = (stack.keys.signing_keys[0] as { kid?: string }).kid ?? 'forged';
    const token = await new SignJWT(userClaims(tenants.a.members.owner))
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
      .sign(privateKey);
    await expectUnauthorized(token, 'PGRST301');
  });

  it('refuses service_role forged in an HS256 token with a wrong secret', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ role: 'service_role', iss: 'supabase', iat: now, exp: now + 3600 })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new TextEncoder().encode('not-the-secret-of-this-stack-at-all-0123456789'));
    await expectUnauthorized(token, 'PGRST301');
  });

  it('refuses an unsigned token (alg none) and a token with a tampered payload', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({ ...userClaims(tenants.a.members.owner), role: 'service_role' }),
    ).toString('base64url');
    await expectUnauthorized(`${header}.${payload}.`, 'PGRST301');
    const genuine = await signJwt(stack.keys, userClaims(tenants.b.members.owner));
    const [head, , signature] = genuine.split('.');
    await expectUnauthorized(`${head}.${payload}.${signature}`, 'PGRST301');
  });

  it('refuses a token that carries its own key (jwk/jku headers) or confuses HS256 with the public key', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(publicKey);
    const claims = { ...userClaims(tenants.a.members.owner), role: 'service_role' };
    const embedded = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', jwk, jku: 'http://127.0.0.1:1/jwks.json' })
      .sign(privateKey);
    await expectUnauthorized(embedded, 'PGRST301');
    const published = JSON.stringify(stack.keys.signing_keys.map(({ d: _d, ...rest }) => rest)[0]);
    const confused = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new TextEncoder().encode(published));
    await expectUnauthorized(confused, 'PGRST301');
  });

  it('refuses an expired token', async () => {
    const past = Math.floor(Date.now() / 1000) - 7200;
    const token = await signJwt(stack.keys, userClaims(tenants.a.members.owner, { iat: past, exp: past + 60 }));
    await expectUnauthorized(token, 'PGRST303');
  });
});
