// The cross-tenant matrix, driven by the catalogue: for every tenant table (every table in an
// exposed schema with an organization_id column, plus organizations itself), the owner of
// organization A can neither read, insert, update nor delete organization B's rows, even when
// naming B's ids, and cannot move one of A's rows into B. A new tenant table is covered as soon
// as its migration lands.
import { beforeAll, describe, expect, it } from 'vitest';
import { readProjectConfig } from '../local/config.ts';
import { asUser, pgError, type Tx, useTestDatabase } from './support/db.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
const exposedSchemas = readProjectConfig().api.schemas;

interface TenantTable {
  name: string;
  /** Column that names the organization: organization_id, or id for organizations itself. */
  tenantColumn: string;
  /** Columns an insert may set (not generated). */
  insertable: string[];
  /** Columns the authenticated role may update, if any. */
  updatable: string[];
}

let a: Tenant;
let b: Tenant;
let tables: TenantTable[];

beforeAll(async () => {
  a = await createTenant(db.admin, 'a');
  b = await createTenant(db.admin, 'b');
  tables = await db.admin<TenantTable[]>`
    select format('%I.%I', n.nspname, c.relname) as name,
      case when exists (select 1 from pg_attribute x where x.attrelid = c.oid and x.attname = 'organization_id' and not x.attisdropped)
        then 'organization_id' else 'id' end as "tenantColumn",
      array(select quote_ident(x.attname) from pg_attribute x
            where x.attrelid = c.oid and x.attnum > 0 and not x.attisdropped and x.attgenerated = '' and x.attidentity <> 'a'
            order by x.attnum) as insertable,
      array(select quote_ident(x.attname) from pg_attribute x
            where x.attrelid = c.oid and x.attnum > 0 and not x.attisdropped
              and has_column_privilege('authenticated', c.oid, x.attnum, 'UPDATE')
            order by x.attnum) as updatable
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname = any (${exposedSchemas})
      and (exists (select 1 from pg_attribute x where x.attrelid = c.oid and x.attname = 'organization_id' and not x.attisdropped)
           or (n.nspname, c.relname) = ('public', 'organizations'))
    order by 1`;
});

/** B's rows of a table as JSON, read behind RLS's back. */
async function rowsOf(table: TenantTable, organizationId: string): Promise<unknown[]> {
  const rows = await db.admin.unsafe(
    `select to_jsonb(t) as row from ${table.name} t where ${table.tenantColumn} = $1 order by 1`,
    [organizationId],
  );
  return rows.map((r) => r.row);
}

const asOwnerOfA = <T>(fn: (tx: Tx) => Promise<T>) => asUser(db.admin, a.members.owner, fn);

describe('cross-tenant matrix', () => {
  it('covers every tenant table, each holding rows of both organizations', async () => {
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['public.organizations', 'public.memberships', 'public.properties', 'public.audit_log']),
    );
    for (const table of tables) {
      expect(
        (await rowsOf(table, b.organizationId)).length,
        `${table.name}: extend createTenant() with rows of this table`,
      ).toBeGreaterThan(0);
      expect(
        (await rowsOf(table, a.organizationId)).length,
        `${table.name}: extend createTenant() with rows of this table`,
      ).toBeGreaterThan(0);
    }
  });

  it("never shows organization B's rows to A's owner, even when asked for them by id", async () => {
    for (const table of tables) {
      const seen = await asOwnerOfA((tx) =>
        tx.unsafe(`select count(*)::int as n from ${table.name} where ${table.tenantColumn} = $1`, [b.organizationId]),
      ).catch((error: { code: string }) => {
        expect(error.code, `${table.name}: reading fails only for lack of privilege`).toBe('42501');
        return [{ n: 0 }];
      });
      expect(seen[0]?.n, `${table.name}: rows of B visible to A`).toBe(0);
    }
  });

  it("refuses to insert a row into organization B for A's owner", async () => {
    for (const table of tables) {
      const [template] = await rowsOf(table, b.organizationId);
      const columns = table.insertable.join(', ');
      const copy = {
        ...(template as Record<string, unknown>),
        id: table.insertable.includes('id') ? crypto.randomUUID() : undefined,
      };
      const error = await pgError(
        asOwnerOfA((tx) =>
          tx.unsafe(
            `insert into ${table.name} (${columns}) select ${columns} from jsonb_populate_record(null::${table.name}, $1::jsonb)`,
            [copy as never],
          ),
        ),
      );
      expect(error.code, `${table.name}: insert into B (${error.message})`).toBe('42501');
    }
  });

  it("refuses to update or delete organization B's rows for A's owner", async () => {
    for (const table of tables) {
      const before = await rowsOf(table, b.organizationId);
      const column = table.updatable[0];
      if (column) {
        const updated = await asOwnerOfA((tx) =>
          tx.unsafe(`update ${table.name} set ${column} = ${column} where ${table.tenantColumn} = $1`, [
            b.organizationId,
          ]),
        );
        expect(updated.count, `${table.name}: rows of B updated by A`).toBe(0);
      } else {
        const error = await pgError(
          asOwnerOfA((tx) =>
            tx.unsafe(
              `update ${table.name} set ${table.tenantColumn} = ${table.tenantColumn} where ${table.tenantColumn} = $1`,
              [b.organizationId],
            ),
          ),
        );
        expect(error.code, `${table.name}: update without privilege`).toBe('42501');
      }
      const deleted = await asOwnerOfA((tx) =>
        tx.unsafe(`delete from ${table.name} where ${table.tenantColumn} = $1`, [b.organizationId]),
      ).catch((error: { code: string }) => {
        expect(error.code, `${table.name}: delete fails only for lack of privilege`).toBe('42501');
        return { count: 0 };
      });
      expect(deleted.count, `${table.name}: rows of B deleted by A`).toBe(0);
      expect(await rowsOf(table, b.organizationId), `${table.name}: B's rows unchanged`).toEqual(before);
    }
  });

  it("refuses to move one of A's rows into organization B", async () => {
    for (const table of tables) {
      const before = await rowsOf(table, a.organizationId);
      const error = await pgError(
        asOwnerOfA((tx) =>
          tx.unsafe(`update ${table.name} set ${table.tenantColumn} = $2 where ${table.tenantColumn} = $1`, [
            a.organizationId,
            b.organizationId,
          ]),
        ),
      );
      expect(error.code, `${table.name}: moving a row into B (${error.message})`).toBe('42501');
      expect(await rowsOf(table, a.organizationId), `${table.name}: A's rows unchanged`).toEqual(before);
    }
  });

  it("hides the profiles of B's members from A's members", async () => {
    const visible = await asOwnerOfA(
      (tx) => tx`select user_id from public.profiles where user_id = ${b.members.owner.id}`,
    );
    expect(visible, "A's owner reads the profile of B's owner").toEqual([]);
    const updated = await asOwnerOfA(
      (tx) => tx`update public.profiles set display_name = 'hijacked' where user_id = ${b.members.owner.id}`,
    );
    expect(updated.count, "A's owner renames B's owner").toBe(0);
  });
});
