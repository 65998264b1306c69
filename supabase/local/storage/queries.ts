// All SQL of the Storage API on storage.objects, as named functions. Work on behalf of a caller runs
// inside `asRequest` (role and claims set, RLS decides); `platform*` functions run as the server
// itself (the superuser pool, or a transaction switched back to the session role for one lock).
import type { Sql, TransactionSql } from 'postgres';
import type { ApiRole } from '../rls-request.ts';

export type Tx = TransactionSql;

export interface BucketRow {
  id: string;
  name: string;
  owner: string | null;
  public: boolean;
  file_size_limit: number | null;
  allowed_mime_types: string[] | null;
  created_at: Date;
  updated_at: Date;
}

export interface ObjectMetadata {
  eTag: string;
  size: number;
  mimetype: string;
  cacheControl: string;
  lastModified: string;
  contentLength: number;
  httpStatusCode: number;
}

export interface ObjectRow {
  id: string;
  bucket_id: string;
  name: string;
  version: string | null;
  metadata: ObjectMetadata | null;
  user_metadata: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date;
  last_accessed_at: Date;
}

export interface ObjectWrite {
  bucket: string;
  name: string;
  owner: string | null;
  ownerUuid: string | null;
  version: string;
  metadata: ObjectMetadata;
  userMetadata: Record<string, unknown> | null;
}

// file_size_limit is bigint: float8 keeps it a number in JSON. The `type` column (STANDARD or
// ANALYTICS) is not part of upstream's bucket answer, so it is not selected.
const BUCKET_COLUMNS = `id, name, owner, public, file_size_limit::float8 as file_size_limit,
  allowed_mime_types, created_at, updated_at`;
const OBJECT_COLUMNS =
  'id, bucket_id, name, version, metadata, user_metadata, created_at, updated_at, last_accessed_at';

/**
 * A bucket as whoever runs the query sees it: the server (the superuser pool: upload limits,
 * public flag) or a caller (its transaction: RLS on storage.buckets decides).
 */
export async function findBucket(sql: Sql | Tx, id: string): Promise<BucketRow | null> {
  const [row] = await sql.unsafe<BucketRow[]>(`select ${BUCKET_COLUMNS} from storage.buckets where id = $1`, [id]);
  return row ?? null;
}

export async function findObject(sql: Sql | Tx, bucket: string, name: string): Promise<ObjectRow | null> {
  const [row] = await sql.unsafe<ObjectRow[]>(
    `select ${OBJECT_COLUMNS} from storage.objects where bucket_id = $1 and name = $2`,
    [bucket, name],
  );
  return row ?? null;
}

export async function findObjects(tx: Tx, bucket: string, names: string[]): Promise<ObjectRow[]> {
  return tx.unsafe<ObjectRow[]>(
    `select ${OBJECT_COLUMNS} from storage.objects where bucket_id = $1 and name = any($2::text[])`,
    [bucket, names],
  );
}

/**
 * Locks the row a write will replace and reads its version as the server (the caller may not be
 * allowed to see it: RLS still decides the write itself), then hands the transaction back to
 * the caller's role. Concurrent writers of one key queue here, so the old version read is exact.
 */
export async function platformLockObject(
  tx: Tx,
  role: ApiRole,
  bucket: string,
  name: string,
): Promise<{ id: string; version: string | null } | null> {
  await tx`select set_config('role', 'none', true)`;
  const [row] = await tx<{ id: string; version: string | null }[]>`
    select id, version from storage.objects where bucket_id = ${bucket} and name = ${name} for update`;
  await tx`select set_config('role', ${role}, true)`;
  return row ?? null;
}

/**
 * Holds a copy's source row (as the server, as above) until the copy commits: an upsert or a
 * delete of the source waits, so the version read next still has its file when it is copied.
 */
export async function platformShareObject(tx: Tx, role: ApiRole, bucket: string, name: string): Promise<void> {
  await tx`select set_config('role', 'none', true)`;
  await tx`select 1 from storage.objects where bucket_id = ${bucket} and name = ${name} for share`;
  await tx`select set_config('role', ${role}, true)`;
}

export async function insertObject(tx: Tx, write: ObjectWrite): Promise<string> {
  const [row] = await tx<{ id: string }[]>`
    insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata, user_metadata)
    values (${write.bucket}, ${write.name}, ${write.ownerUuid}, ${write.owner}, ${write.version},
      ${tx.json(write.metadata as never)}, ${write.userMetadata === null ? null : tx.json(write.userMetadata as never)})
    returning id`;
  return row?.id as string;
}

/** Replaces an object's content and metadata; null when the caller's update policies refuse it. */
export async function replaceObject(tx: Tx, id: string, write: ObjectWrite): Promise<string | null> {
  const [row] = await tx<{ id: string }[]>`
    update storage.objects
    set owner = ${write.ownerUuid}, owner_id = ${write.owner}, version = ${write.version},
      metadata = ${tx.json(write.metadata as never)},
      user_metadata = ${write.userMetadata === null ? null : tx.json(write.userMetadata as never)},
      last_accessed_at = now()
    where id = ${id}
    returning id`;
  return row?.id ?? null;
}

/**
 * Renames an object (move); its version as of the rename (the row is locked now, so a concurrent
 * upsert that committed meanwhile is seen), or null when the caller may not see or change it.
 */
export async function renameObject(
  tx: Tx,
  id: string,
  to: { bucket: string; name: string; owner: string | null; ownerUuid: string | null },
): Promise<{ version: string | null } | null> {
  const [row] = await tx<{ version: string | null }[]>`
    update storage.objects
    set bucket_id = ${to.bucket}, name = ${to.name}, owner = ${to.ownerUuid}, owner_id = ${to.owner}
    where id = ${id}
    returning version`;
  return row ?? null;
}

/** Deletes what the caller's delete policies allow (the API's own guard lets the delete through). */
export async function deleteObjects(tx: Tx, bucket: string, names: string[]): Promise<ObjectRow[]> {
  await tx`select set_config('storage.allow_delete_query', 'true', true)`;
  return tx.unsafe<ObjectRow[]>(
    `delete from storage.objects where bucket_id = $1 and name = any($2::text[]) returning ${OBJECT_COLUMNS}`,
    [bucket, names],
  );
}

/** Deletes up to `limit` objects of a bucket that the caller may delete; their versions. */
export async function deleteObjectBatch(tx: Tx, bucket: string, limit: number): Promise<(string | null)[]> {
  await tx`select set_config('storage.allow_delete_query', 'true', true)`;
  const rows = await tx<{ version: string | null }[]>`
    delete from storage.objects
    where id in (select id from storage.objects where bucket_id = ${bucket} limit ${limit})
    returning version`;
  return rows.map((row) => row.version);
}

/**
 * Locks a bucket's row for its deletion and tells whether it holds objects, as the server (the
 * caller may not see them all). An upload in flight holds the row's key share (the objects'
 * foreign key): the lock waits for it, so its object is counted; a later one waits for the delete.
 */
export async function platformLockBucketHasObjects(tx: Tx, role: ApiRole, bucket: string): Promise<boolean> {
  await tx`select set_config('role', 'none', true)`;
  await tx`select 1 from storage.buckets where id = ${bucket} for update`;
  const [row] = await tx<{ found: boolean }[]>`
    select exists (select 1 from storage.objects where bucket_id = ${bucket}) as found`;
  await tx`select set_config('role', ${role}, true)`;
  return row?.found ?? false;
}

export { BUCKET_COLUMNS, OBJECT_COLUMNS };
