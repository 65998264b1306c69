// The scheduled deletion of organizations whose grace period is over (decision 038): start it
// (no cancelling from then on), delete every stored object under its folders through Storage,
// delete the organization and every row of it (private.delete_organization), then delete any
// object uploaded meanwhile. Irreversible; the audit log keeps one row of it and
// private.organization_deletions the record.
import type { Sql } from 'postgres';
import type { ObjectStore } from './storage.ts';

export interface DeletedOrganization {
  organizationId: string;
  rowsDeleted: number;
  objectsDeleted: number;
}

export async function deleteDueOrganizations({
  sql,
  store,
  now,
}: {
  sql: Sql;
  store: ObjectStore;
  now?: Date;
}): Promise<DeletedOrganization[]> {
  const at = now ?? new Date();
  const due = await sql<{ id: string }[]>`select id from private.due_organization_deletions(${at}) id`;
  const deleted: DeletedOrganization[] = [];
  for (const { id } of due) {
    const [started] = await sql<{ ok: boolean }[]>`select private.begin_organization_deletion(${id}, ${at}) as ok`;
    if (!started?.ok) continue;
    let objectsDeleted = await removeObjects(sql, store, id);
    const [row] = await sql<{ rows: number }[]>`select private.delete_organization(${id}, ${objectsDeleted}) as rows`;
    // Anything stored between the listing and the deletion of the rows.
    const late = await removeObjects(sql, store, id);
    if (late > 0) {
      objectsDeleted += late;
      await sql`update private.organization_deletions set objects_deleted = ${objectsDeleted} where organization_id = ${id}`;
    }
    deleted.push({ organizationId: id, rowsDeleted: row?.rows ?? 0, objectsDeleted });
  }
  return deleted;
}

async function removeObjects(sql: Sql, store: ObjectStore, organizationId: string): Promise<number> {
  const objects = await sql<{ bucket: string; name: string }[]>`
    select bucket, name from private.organization_objects(${organizationId})`;
  return objects.length > 0 ? store.remove(objects) : 0;
}
