// Offboarding end to end through the real Storage API (decision 038):
// - the export plan is read from the catalogue: every application table is exported, omitted on
//   purpose or declared not tenant data, and a table added later is exported without anyone
//   listing it (by organization_id, or by a foreign key to such a table);
// - an export holds every row of the organization in every planned table and every stored object
//   under its folders, and nothing of another organization;
// - after the grace period the deletion removes every row and stored object (bytes included) of
//   the organization, keeps one audit row and the deletion record, and touches nothing of another.

import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createClient } from '@supabase/supabase-js';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { deleteDueOrganizations } from '../../gpu-worker/src/retention/deletion.ts';
import { exportOrganization } from '../../gpu-worker/src/retention/export.ts';
import { NOT_TENANT_DATA, OMITTED, readExportPlan } from '../../gpu-worker/src/retention/export-plan.ts';
import { createObjectStore } from '../../gpu-worker/src/retention/storage.ts';
import { createDisk } from '../local/storage/disk.ts';
import { createStorageService } from '../local/storage/index.ts';
import { useTestStack } from '../local/testing/test-stack.ts';
import { asUser } from './support/db.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const stack = useTestStack({
  services: (deps) => {
    const storage = createStorageService(deps);
    return { services: { storage: storage.service }, close: () => storage.close() };
  },
});
let a: Tenant;
let b: Tenant;
const objects: Record<string, { bucket: string; name: string; version: string }[]> = {};
const store = () => createObjectStore({ apiUrl: stack.url, serviceKey: stack.keys.service_role_key });

beforeAll(async () => {
  a = await createTenant(stack.admin, 'off-a');
  b = await createTenant(stack.admin, 'off-b');
  const storage = createClient(stack.url, stack.keys.service_role_key, {
    auth: { persistSession: false, autoRefreshToken: false },
  }).storage;
  for (const tenant of [a, b]) {
    objects[tenant.organizationId] = [];
    for (const [bucket, name, type] of [
      ['org-assets', `${tenant.organizationId}/logo/logo.png`, 'image/png'],
      [
        'documents',
        `${tenant.organizationId}/${tenant.propertyIds[0]}/invoices/${randomUUID()}.pdf`,
        'application/pdf',
      ],
      ['documents', `${tenant.organizationId}/${tenant.propertyIds[1]}/menus/menu.png`, 'image/png'],
    ] as const) {
      const { error } = await storage.from(bucket).upload(name, new TextEncoder().encode(`${tenant.slug} ${name}`), {
        contentType: type,
      });
      expect(error, name).toBeNull();
      const [row] = await stack.admin<{ version: string }[]>`
        select version from storage.objects where bucket_id = ${bucket} and name = ${name}`;
      objects[tenant.organizationId]?.push({ bucket, name, version: row?.version as string });
    }
  }
});

/** Row counts of the organization in every table with an organization_id column. */
async function rowsOf(organizationId: string): Promise<Record<string, number>> {
  const tables = await stack.admin<{ name: string }[]>`
    select format('%I.%I', n.nspname, c.relname) as name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'organization_id' and not a.attisdropped
    where c.relkind in ('r', 'p') and n.nspname in ('public', 'private') order by 1`;
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await stack.admin.unsafe<{ n: number }[]>(
      `select count(*)::int as n from ${name} where organization_id = $1`,
      [organizationId],
    );
    counts[name] = row?.n ?? 0;
  }
  return counts;
}

describe('the export plan', () => {
  it('covers every application table, and a table added later without anyone listing it', async () => {
    const plan = await readExportPlan(stack.admin);
    expect(plan.unplanned, 'tables neither exported, omitted nor declared not tenant data').toEqual([]);
    const names = plan.tables.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['public.bookings', 'public.guests', 'public.notifications']));
    expect(plan.omitted.sort()).toEqual(Object.keys(OMITTED).sort());
    const all = await stack.admin<{ name: string }[]>`
      select format('%s.%s', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname in ('public', 'private')`;
    for (const listed of [...Object.keys(OMITTED), ...Object.keys(NOT_TENANT_DATA)]) {
      expect(
        all.map((t) => t.name),
        `${listed} is listed but does not exist`,
      ).toContain(listed);
    }

    await stack.admin
      .begin(async (tx) => {
        await tx`create table public.zz_later (id uuid primary key, organization_id uuid not null references public.organizations (id) on delete cascade)`;
        await tx`create table public.zz_later_lines (id uuid primary key, later_id uuid not null references public.zz_later (id) on delete cascade)`;
        await tx`create table public.zz_orphan (id uuid primary key)`;
        const later = await readExportPlan(tx as unknown as typeof stack.admin);
        expect(later.tables.find((t) => t.name === 'public.zz_later')?.via).toBe('organization_id');
        expect(later.tables.find((t) => t.name === 'public.zz_later_lines')?.via).toBe('later_id → public.zz_later');
        expect(later.unplanned, 'a table of nobody fails the guard').toEqual(['public.zz_orphan']);
        throw Object.assign(new Error('rollback'), { rollback: true });
      })
      .catch((error: { rollback?: boolean }) => {
        if (!error.rollback) throw error;
      });
  });
});

describe('exporting an organization', () => {
  it('zips every row and every stored object of the organization, and nothing of another', async () => {
    const created = await asUser(stack.admin, a.members.owner, async (tx) => {
      const [row] = await tx`select id from public.request_organization_export(${a.organizationId})`;
      return row?.id as string;
    });
    const expected = await rowsOf(a.organizationId);
    const result = await exportOrganization({ sql: stack.admin, store: store() }, created);
    const [failure] = await stack.admin`select error from public.organization_exports where id = ${created}`;
    expect(failure?.error ?? null, 'no error').toBeNull();
    expect(result.status).toBe('succeeded');
    const [row] = await stack.admin`
      select status, progress, object_name, rows_exported, objects_exported from public.organization_exports where id = ${created}`;
    expect(row).toMatchObject({ status: 'succeeded', progress: 100, objects_exported: 3 });

    const { data: zipBlob, error } = await createClient(stack.url, stack.keys.service_role_key, {
      auth: { persistSession: false },
    })
      .storage.from('organization-exports')
      .download(row?.object_name as string);
    expect(error).toBeNull();
    const files = unzipSync(new Uint8Array(await (zipBlob as Blob).arrayBuffer()));
    const manifest = JSON.parse(strFromU8(files['manifest.json'] as Uint8Array));
    for (const [table, count] of Object.entries(expected)) {
      if (table in OMITTED || table in NOT_TENANT_DATA) continue;
      const unquoted = table.replaceAll('"', '');
      const lines = strFromU8(files[`tables/${unquoted}.jsonl`] ?? new Uint8Array())
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line));
      // The export's own row is written before it succeeded; the audit log grows meanwhile.
      if (unquoted === 'public.audit_log' || unquoted === 'public.organization_exports') {
        expect(lines.length, unquoted).toBeGreaterThan(0);
        continue;
      }
      expect(lines.length, `${unquoted}: every row`).toBe(count);
      expect(manifest.tables[unquoted]?.rows, unquoted).toBe(count);
      expect(
        lines.every((l) => l.organization_id === a.organizationId),
        `${unquoted}: this organization only`,
      ).toBe(true);
    }
    for (const object of objects[a.organizationId] ?? []) {
      expect(strFromU8(files[`objects/${object.bucket}/${object.name}`] as Uint8Array)).toBe(
        `${a.slug} ${object.name}`,
      );
    }
    const text = Object.values(files)
      .map((bytes) => strFromU8(bytes))
      .join('\n');
    expect(text.includes(b.organizationId), 'nothing of the other organization').toBe(false);
  });
});

describe('deleting an organization after its grace period', () => {
  it('removes every row and stored object of it, and nothing of another organization', async () => {
    await asUser(
      stack.admin,
      a.members.owner,
      (tx) => tx`select * from public.request_organization_deletion(${a.organizationId}, ${a.slug})`,
    );
    const otherBefore = await rowsOf(b.organizationId);
    const run = (days: number) =>
      deleteDueOrganizations({ sql: stack.admin, store: store(), now: new Date(Date.now() + days * 86_400_000) });
    expect(await run(29), 'nothing during the grace period').toEqual([]);
    const [still] = await stack.admin`select 1 from public.organizations where id = ${a.organizationId}`;
    expect(still, 'still there').toBeDefined();

    const [stored] = await stack.admin<{ n: number }[]>`
      select count(*)::int as n from storage.objects where name like ${`${a.organizationId}/%`}`;
    expect(stored?.n, "its objects, the fixtures' and its export").toBeGreaterThanOrEqual(4);
    const deleted = await run(31);
    expect(deleted).toEqual([
      expect.objectContaining({ organizationId: a.organizationId, objectsDeleted: expect.any(Number) }),
    ]);
    expect(deleted[0]?.objectsDeleted, 'every object of it').toBe(stored?.n);

    const after = await rowsOf(a.organizationId);
    const left = Object.entries(after).filter(
      ([table, n]) => n > 0 && table !== 'public.audit_log' && table !== 'private.organization_deletions',
    );
    expect(left, 'no row of the organization anywhere').toEqual([]);
    const audit = await stack.admin`
      select table_name, action from public.audit_log where organization_id = ${a.organizationId}`;
    expect(audit, 'one audit row: the deletion').toEqual([{ table_name: 'organizations', action: 'delete' }]);
    const [record] = await stack.admin`
      select slug, objects_deleted, rows_deleted > 50 as many from private.organization_deletions where organization_id = ${a.organizationId}`;
    expect(record).toEqual({ slug: a.slug, objects_deleted: stored?.n, many: true });
    const [objectsLeft] = await stack.admin<{ n: number }[]>`
      select count(*)::int as n from storage.objects where name like ${`${a.organizationId}/%`}`;
    expect(objectsLeft?.n, 'no stored object of it').toBe(0);
    const disk = createDisk(stack.dataDir);
    for (const object of objects[a.organizationId] ?? []) {
      expect(existsSync(disk.objectPath(object.bucket, object.version)), `${object.name}: bytes gone`).toBe(false);
    }

    expect(await rowsOf(b.organizationId), 'the other organization keeps every row').toEqual(otherBefore);
    for (const object of objects[b.organizationId] ?? []) {
      expect(existsSync(disk.objectPath(object.bucket, object.version)), `${object.name}: kept`).toBe(true);
    }
    expect(await run(32), 'done once').toEqual([]);
  });
});
