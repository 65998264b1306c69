// Listing, moving, copying and deleting objects, each as the caller (RLS: select to list and to
// find a source, update to move, insert — or update with x-upsert — to copy, delete to delete).
// Files follow their rows: a move across buckets hard-links the file into the new bucket inside the
// transaction and unlinks the old name after the commit; a copy writes a new version the same way.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ERRORS } from './errors.ts';
import {
  type BucketRow,
  deleteObjects,
  findBucket,
  findObject,
  insertObject,
  type ObjectMetadata,
  type ObjectWrite,
  platformLockObject,
  platformShareObject,
  renameObject,
  replaceObject,
} from './queries.ts';
import { actorOf, asActor, header, type RouteRequest, readJson, sendOk } from './request.ts';
import { effectiveSizeLimit, isHeaderSafe, mustBeAllowedMimeType, mustBeValidKey } from './rules.ts';

const listBody = z.object({
  prefix: z.string().default(''),
  limit: z.number().int().min(1).optional(),
  offset: z.number().int().min(0).optional(),
  search: z.string().optional(),
  sortBy: z.object({ column: z.string().optional(), order: z.string().optional() }).optional(),
});

/** One level of a bucket (folders as entries with a null id), via storage.search as the caller. */
export async function listObjects(request: RouteRequest): Promise<void> {
  const bucket = request.params.bucket ?? '';
  const actor = actorOf(request.context);
  const body = await readJson(request.req, listBody);
  // The prefix names a folder: `a` lists `a/…`, and `levels` is the depth of its entries.
  const prefix = body.prefix && !body.prefix.endsWith('/') ? `${body.prefix}/` : body.prefix;
  const rows = await asActor(
    request.env,
    actor,
    (tx) => tx`
      select name, id, updated_at, created_at, last_accessed_at, metadata
      from storage.search(${prefix}, ${bucket}, ${body.limit ?? 100}, ${prefix.split('/').length},
        ${body.offset ?? 0}, ${body.search ?? ''}, ${body.sortBy?.column ?? 'name'}, ${body.sortBy?.order ?? 'asc'})`,
  );
  sendOk(request.res, rows);
}

/**
 * `POST /object/list-v2/:bucket` (storage-js `listV2`, cursor pagination) is not built: an honest
 * 501, rather than the generic upload route's "Bucket not found" for a bucket named `list-v2`.
 */
export function listObjectsV2(): Promise<void> {
  return Promise.reject(ERRORS.notImplemented('Listing objects with list-v2 (POST /object/list-v2/:bucket)'));
}

const transferBody = z.object({
  bucketId: z.string().min(1),
  sourceKey: z.string().min(1),
  destinationKey: z.string().min(1),
  destinationBucket: z.string().min(1).optional(),
  copyMetadata: z.boolean().optional(),
  /** With copyMetadata false: overrides of the object's metadata (user metadata is not copied). */
  metadata: z
    .object({
      // Served back as headers: CR/LF or NUL would break every download of the copy.
      cacheControl: z.string().refine(isHeaderSafe, 'must not contain control characters').optional(),
      mimetype: z.string().refine(isHeaderSafe, 'must not contain control characters').optional(),
      contentEncoding: z.string().optional(),
    })
    .optional(),
});

async function transferInput(request: RouteRequest) {
  const body = await readJson(request.req, transferBody);
  const toBucket = body.destinationBucket ?? body.bucketId;
  mustBeValidKey(body.sourceKey);
  mustBeValidKey(body.destinationKey);
  const destination = await findBucket(request.env.sql, toBucket);
  if (!destination) throw ERRORS.noSuchBucket();
  return { ...body, toBucket, destination };
}

/** An object entering a bucket meets that bucket's type and size rules, as an upload would. */
function mustFitBucket(request: RouteRequest, bucket: BucketRow, metadata: ObjectMetadata): void {
  mustBeAllowedMimeType(metadata.mimetype, bucket.allowed_mime_types);
  if (metadata.size > effectiveSizeLimit(bucket.file_size_limit, request.env.globalSizeLimit)) {
    throw ERRORS.entityTooLarge();
  }
}

export async function moveObject(request: RouteRequest): Promise<void> {
  const actor = actorOf(request.context);
  const body = await transferInput(request);
  const { disk } = request.env;
  let linked: string | null = null;
  let source: { bucket: string; version: string } | null = null;
  try {
    await asActor(request.env, actor, async (tx) => {
      const row = await findObject(tx, body.bucketId, body.sourceKey);
      if (!row?.version) throw ERRORS.noSuchKey();
      if (row.metadata && row.bucket_id !== body.toBucket) mustFitBucket(request, body.destination, row.metadata);
      const to = { bucket: body.toBucket, name: body.destinationKey, ...actor };
      const renamed = await renameObject(tx, row.id, to);
      if (!renamed) throw ERRORS.accessDenied();
      // The version read before the rename may be stale (an upsert committed in between).
      if (row.bucket_id !== body.toBucket && renamed.version) {
        linked = await disk.link(row.bucket_id, renamed.version, body.toBucket);
        source = { bucket: row.bucket_id, version: renamed.version };
      }
    });
  } catch (error) {
    if (linked) await disk.remove(linked);
    throw error;
  }
  const moved = source as { bucket: string; version: string } | null;
  if (moved) await disk.removeVersions(moved.bucket, [moved.version]);
  sendOk(request.res, { message: 'Successfully moved' });
}

function overrides(metadata: { cacheControl?: string | undefined; mimetype?: string | undefined } | undefined) {
  const chosen: { cacheControl?: string; mimetype?: string } = {};
  if (metadata?.cacheControl !== undefined) chosen.cacheControl = metadata.cacheControl;
  if (metadata?.mimetype !== undefined) chosen.mimetype = metadata.mimetype;
  return chosen;
}

export async function copyObject(request: RouteRequest): Promise<void> {
  const actor = actorOf(request.context);
  const body = await transferInput(request);
  const upsert = header(request.req, 'x-upsert') === 'true';
  const { disk } = request.env;
  const version = randomUUID();
  let copied: string | null = null;
  let replaced: string | null = null;
  let id: string;
  try {
    id = await asActor(request.env, actor, async (tx) => {
      // Locked before it is read: an upsert committing in between would remove the file read.
      await platformShareObject(tx, actor.role, body.bucketId, body.sourceKey);
      const row = await findObject(tx, body.bucketId, body.sourceKey);
      if (!row?.version || !row.metadata) throw ERRORS.noSuchKey();
      const write: ObjectWrite = {
        bucket: body.toBucket,
        name: body.destinationKey,
        owner: actor.owner,
        ownerUuid: actor.ownerUuid,
        version,
        metadata: {
          ...row.metadata,
          ...(body.copyMetadata === false ? overrides(body.metadata) : {}),
          lastModified: new Date().toISOString(),
        },
        userMetadata: body.copyMetadata === false ? null : row.user_metadata,
      };
      mustFitBucket(request, body.destination, write.metadata);
      const existing = await platformLockObject(tx, actor.role, body.toBucket, body.destinationKey);
      let written: string | null;
      // Without upsert the insert answers: RLS refuses first (403), then the taken key (409).
      if (existing && !upsert) {
        await insertObject(tx, write);
        throw ERRORS.alreadyExists();
      }
      if (existing) {
        written = await replaceObject(tx, existing.id, write);
        if (!written) throw ERRORS.accessDenied();
        replaced = existing.version;
      } else {
        written = await insertObject(tx, write);
      }
      copied = await disk.copy(row.bucket_id, row.version, body.toBucket, version);
      return written;
    });
  } catch (error) {
    if (copied) await disk.remove(copied);
    throw error;
  }
  if (replaced) await disk.removeVersions(body.toBucket, [replaced]);
  sendOk(request.res, { Id: id, Key: `${body.toBucket}/${body.destinationKey}` });
}

const deleteBody = z.object({ prefixes: z.array(z.string().min(1)).min(1).max(1000) });

/** `DELETE /object/:bucket {prefixes}`: deletes what the caller may; the deleted objects. */
export async function deleteMany(request: RouteRequest): Promise<void> {
  const bucket = request.params.bucket ?? '';
  const actor = actorOf(request.context);
  const { prefixes } = await readJson(request.req, deleteBody);
  const rows = await asActor(request.env, actor, (tx) => deleteObjects(tx, bucket, prefixes));
  await request.env.disk.removeVersions(
    bucket,
    rows.map((row) => row.version),
  );
  sendOk(request.res, rows);
}

export async function deleteOne(request: RouteRequest): Promise<void> {
  const { bucket = '', key = '' } = request.params;
  const actor = actorOf(request.context);
  const rows = await asActor(request.env, actor, (tx) => deleteObjects(tx, bucket, [key]));
  if (rows.length === 0) throw ERRORS.noSuchKey();
  await request.env.disk.removeVersions(
    bucket,
    rows.map((row) => row.version),
  );
  sendOk(request.res, { message: 'Successfully deleted' });
}
