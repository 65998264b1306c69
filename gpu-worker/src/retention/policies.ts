// One retention run (decision 038): for every organization and each of its policies, delete the
// stored objects that are due (through Storage), apply the policy's row changes in the database
// (private.apply_retention), and log the run in public.retention_runs, failed or not. A failure
// of one organization's policy is logged and the run goes on with the next.
import type { Sql } from 'postgres';
import type { ObjectStore } from './storage.ts';

export const RETENTION_POLICIES = ['id_scans', 'inactive_guests', 'mail_bodies', 'notifications'] as const;
export type RetentionPolicy = (typeof RETENTION_POLICIES)[number];

export interface RetentionRunResult {
  organizationId: string;
  policy: RetentionPolicy;
  status: 'succeeded' | 'failed';
  rowsDeleted: number;
  rowsAnonymised: number;
  objectsDeleted: number;
  error?: string;
}

export interface RunRetentionOptions {
  sql: Sql;
  store: ObjectStore;
  /** The run's clock (tests move it); now by default. */
  now?: Date;
  /** Only these organizations (tests); every organization by default. */
  organizationIds?: readonly string[];
}

interface Applied {
  setting: number;
  cutoff: string;
  rows_deleted: number;
  rows_anonymised: number;
}

export async function runRetention({
  sql,
  store,
  now,
  organizationIds,
}: RunRetentionOptions): Promise<RetentionRunResult[]> {
  const at = now ?? new Date();
  const organizations = await sql<{ organization_id: string }[]>`
    select organization_id from public.retention_policies
    where ${organizationIds ? sql`organization_id = any (${organizationIds as string[]})` : sql`true`}
    order by organization_id`;
  const results: RetentionRunResult[] = [];
  for (const { organization_id: organizationId } of organizations) {
    for (const policy of RETENTION_POLICIES) {
      results.push(await runPolicy(sql, store, organizationId, policy, at));
    }
  }
  return results;
}

async function runPolicy(
  sql: Sql,
  store: ObjectStore,
  organizationId: string,
  policy: RetentionPolicy,
  at: Date,
): Promise<RetentionRunResult> {
  const startedAt = new Date();
  let objectsDeleted = 0;
  try {
    const due = await sql<{ bucket: string; name: string }[]>`
      select bucket, name from private.retention_due_objects(${organizationId}, ${policy}, ${at})`;
    if (due.length > 0) objectsDeleted = await store.remove(due);
    const [row] = await sql<{ applied: Applied }[]>`
      select private.apply_retention(${organizationId}, ${policy}, ${at}) as applied`;
    const applied = row?.applied as Applied;
    await sql`
      insert into public.retention_runs (organization_id, policy, setting, cutoff, started_at, status,
        rows_deleted, rows_anonymised, objects_deleted)
      values (${organizationId}, ${policy}, ${applied.setting}, ${applied.cutoff}, ${startedAt}, 'succeeded',
        ${applied.rows_deleted}, ${applied.rows_anonymised}, ${objectsDeleted})`;
    return {
      organizationId,
      policy,
      status: 'succeeded',
      rowsDeleted: applied.rows_deleted,
      rowsAnonymised: applied.rows_anonymised,
      objectsDeleted,
    };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000) || 'failed';
    // The policy's setting and cutoff, when they can still be read, for the log.
    const [cutoff] = await sql<{ setting: number; cutoff: Date }[]>`
      select setting, cutoff from private.retention_cutoff(${organizationId}, ${policy}, ${at})`.catch(() => []);
    await sql`
      insert into public.retention_runs (organization_id, policy, setting, cutoff, started_at, status,
        objects_deleted, error)
      values (${organizationId}, ${policy}, ${cutoff?.setting ?? 0}, ${cutoff?.cutoff ?? at}, ${startedAt}, 'failed',
        ${objectsDeleted}, ${message})`.catch(() => {});
    return {
      organizationId,
      policy,
      status: 'failed',
      rowsDeleted: 0,
      rowsAnonymised: 0,
      objectsDeleted,
      error: message,
    };
  }
}
