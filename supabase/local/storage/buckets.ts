// Buckets: list (limit, offset, sortColumn, sortOrder, search), get, create, update, empty,
// delete — each as the caller, so RLS on storage.buckets decides (Roost grants users nothing
// there: only the service role manages buckets) and storage.objects for emptying.
import { z } from 'zod';
import { ERRORS } from './errors.ts';
import {
  BUCKET_COLUMNS,
  type BucketRow,
  deleteObjectBatch,
  findBucket,
  platformLockBucketHasObjects,
  type Tx,
} from './queries.ts';
import { actorOf, asActor, type RouteRequest, readJson, sendOk } from './request.ts';
import { mustBeValidBucketName, parseSize } from './rules.ts';

const SORT_COLUMNS = new Set(['id', 'name', 'created_at', 'updated_at']);

export async function listBuckets(request: RouteRequest): Promise<void> {
  const search = request.context.url.searchParams;
  const limit = Number(search.get('limit') ?? '');
  const offset = Number(search.get('offset') ?? '');
  const column = search.get('sortColumn') ?? 'name';
  const order = search.get('sortOrder')?.toLowerCase() === 'desc' ? 'desc' : 'asc';
  if (!SORT_COLUMNS.has(column)) throw ERRORS.invalidRequest(`Invalid sortColumn: ${column}`);
  const text = search.get('search') ?? '';
  const rows = await asActor(request.env, actorOf(request.context), (tx) =>
    tx.unsafe<BucketRow[]>(
      `select ${BUCKET_COLUMNS} from storage.buckets
       where $1 = '' or name ilike '%' || $1 || '%'
       order by ${column} ${order}, id
       limit $2 offset $3`,
      [text, Number.isInteger(limit) && limit > 0 ? limit : null, Number.isInteger(offset) && offset > 0 ? offset : 0],
    ),
  );
  sendOk(request.res, rows);
}

async function mustFindBucket(tx: Tx, id: string): Promise<BucketRow> {
  const bucket = await findBucket(tx, id);
  if (!bucket) throw ERRORS.noSuchBucket();
  return bucket;
}

export async function getBucket(request: RouteRequest): Promise<void> {
  const id = request.params.id ?? '';
  const bucket = await asActor(request.env, actorOf(request.context), (tx) => mustFindBucket(tx, id));
  sendOk(request.res, bucket);
}

const sizeLimit = z
  .union([z.number(), z.string()])
  .nullable()
  .transform((value, ctx) => {
    if (value === null) return null;
    const bytes = parseSize(value);
    if (bytes === null) {
      ctx.addIssue({ code: 'custom', message: 'Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B' });
      return z.NEVER;
    }
    return bytes;
  });

const bucketFields = {
  public: z.boolean().optional(),
  file_size_limit: sizeLimit.optional(),
  allowed_mime_types: z.array(z.string().min(1)).nullable().optional(),
};
const createBody = z.object({ id: z.string().optional(), name: z.string(), ...bucketFields });
const updateBody = z.object(bucketFields);

function mustFitGlobalLimit(request: RouteRequest, limit: number | null | undefined): void {
  if (typeof limit === 'number' && limit > request.env.globalSizeLimit) {
    throw ERRORS.invalidRequest('file_size_limit exceeds the global file size limit');
  }
}

export async function createBucket(request: RouteRequest): Promise<void> {
  const actor = actorOf(request.context);
  const body = await readJson(request.req, createBody);
  const id = mustBeValidBucketName(body.id ?? body.name);
  const name = mustBeValidBucketName(body.name);
  mustFitGlobalLimit(request, body.file_size_limit);
  await asActor(
    request.env,
    actor,
    (tx) => tx`
      insert into storage.buckets (id, name, owner, owner_id, public, file_size_limit, allowed_mime_types)
      values (${id}, ${name}, ${actor.ownerUuid}, ${actor.owner}, ${body.public ?? false},
        ${body.file_size_limit ?? null}, ${body.allowed_mime_types ?? null})`,
  );
  sendOk(request.res, { name: id });
}

export async function updateBucket(request: RouteRequest): Promise<void> {
  const id = request.params.id ?? '';
  const actor = actorOf(request.context);
  const body = await readJson(request.req, updateBody);
  mustFitGlobalLimit(request, body.file_size_limit);
  await asActor(request.env, actor, async (tx) => {
    await mustFindBucket(tx, id);
    const [row] = await tx`
      update storage.buckets set
        public = coalesce(${body.public ?? null}::boolean, public),
        file_size_limit = case when ${body.file_size_limit !== undefined} then ${body.file_size_limit ?? null}::bigint
          else file_size_limit end,
        allowed_mime_types = case when ${body.allowed_mime_types !== undefined} then ${body.allowed_mime_types ?? null}::text[]
          else allowed_mime_types end,
        updated_at = now()
      where id = ${id} returning id`;
    if (!row) throw ERRORS.accessDenied();
  });
  sendOk(request.res, { message: 'Successfully updated' });
}

const EMPTY_BATCH = 1000;

/** Deletes every object the caller may delete, batch by batch, files after each commit. */
export async function emptyBucket(request: RouteRequest): Promise<void> {
  const id = request.params.id ?? '';
  const actor = actorOf(request.context);
  await asActor(request.env, actor, (tx) => mustFindBucket(tx, id));
  for (;;) {
    const versions = await asActor(request.env, actor, (tx) => deleteObjectBatch(tx, id, EMPTY_BATCH));
    await request.env.disk.removeVersions(id, versions);
    if (versions.length < EMPTY_BATCH) break;
  }
  sendOk(request.res, { message: 'Successfully emptied' });
}

export async function deleteBucket(request: RouteRequest): Promise<void> {
  const id = request.params.id ?? '';
  const actor = actorOf(request.context);
  await asActor(request.env, actor, async (tx) => {
    await mustFindBucket(tx, id);
    // In the delete's transaction, the row locked: no upload slips in between check and delete.
    if (await platformLockBucketHasObjects(tx, actor.role, id)) throw ERRORS.bucketNotEmpty();
    await tx`select set_config('storage.allow_delete_query', 'true', true)`;
    const deleted = await tx`delete from storage.buckets where id = ${id} returning id`;
    if (deleted.length === 0) throw ERRORS.accessDenied();
  });
  await request.env.disk.removeBucket(id);
  sendOk(request.res, { message: 'Successfully deleted' });
}
