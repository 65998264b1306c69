// Uploads: `POST /object/:bucket/*` (x-upsert), `PUT /object/:bucket/*` (update), and signed
// uploads (`POST /object/upload/sign/:bucket/*` → {url, token}, then `PUT …?token=`).
// Order of a write: bytes stream to a temp file; in one transaction as the caller the old row is
// locked, the row inserted or replaced (RLS: insert, or update for an upsert) and the temp file
// renamed into place under a fresh version; a failure anywhere removes the file, so neither bytes
// nor row survive. The replaced version's file is removed after the commit.
import { randomUUID } from 'node:crypto';
import { keyClaims } from '../rls-request.ts';
import { ERRORS } from './errors.ts';
import { findBucket, insertObject, type ObjectWrite, platformLockObject, replaceObject } from './queries.ts';
import { receiveUpload } from './receive.ts';
import { type Actor, actorOf, asActor, header, type RouteRequest, sendOk } from './request.ts';
import { effectiveSizeLimit, mustBeValidKey, ownerUuid } from './rules.ts';
import { signToken, verifyUploadToken } from './tokens.ts';

const SIGNED_UPLOAD_SECONDS = 2 * 60 * 60;

interface Target {
  bucket: string;
  key: string;
  upsert: boolean;
}

/** Stores the request body as `bucket/key` on behalf of `actor`; the object's id. */
async function store(request: RouteRequest, actor: Actor, target: Target): Promise<string> {
  const { env, req } = request;
  const key = mustBeValidKey(target.key);
  const bucket = await findBucket(env.sql, target.bucket);
  if (!bucket) throw ERRORS.noSuchBucket();
  const upload = await receiveUpload(req, env.disk, {
    sizeLimit: effectiveSizeLimit(bucket.file_size_limit, env.globalSizeLimit),
    allowedMimeTypes: bucket.allowed_mime_types,
  });
  const write: ObjectWrite = {
    bucket: bucket.id,
    name: key,
    owner: actor.owner,
    ownerUuid: actor.ownerUuid,
    version: randomUUID(),
    metadata: {
      eTag: upload.eTag,
      size: upload.size,
      mimetype: upload.mimetype,
      cacheControl: upload.cacheControl,
      lastModified: new Date().toISOString(),
      contentLength: upload.size,
      httpStatusCode: 200,
    },
    userMetadata: upload.userMetadata,
  };
  let placed: string | null = null;
  let replaced: string | null = null;
  const commit = () =>
    asActor(env, actor, async (tx) => {
      const existing = await platformLockObject(tx, actor.role, bucket.id, key);
      let written: string | null;
      if (existing) {
        // Without upsert the insert itself answers: RLS refuses first (403) and only a caller
        // allowed to write here learns that the key is taken (23505 → 409), as upstream.
        if (!target.upsert) {
          await insertObject(tx, write);
          throw ERRORS.alreadyExists();
        }
        written = await replaceObject(tx, existing.id, write);
        if (!written) throw ERRORS.accessDenied();
        replaced = existing.version;
      } else {
        written = await insertObject(tx, write);
      }
      placed = await env.disk.place(upload.tempPath, bucket.id, write.version);
      return written;
    });
  let id: string;
  try {
    try {
      id = await commit();
    } catch (error) {
      // Two first writes of one key raced (no row to lock yet): an upsert replaces the winner.
      if (!target.upsert || placed || (error as { code?: unknown }).code !== '23505') throw error;
      id = await commit();
    }
  } catch (error) {
    await env.disk.remove(placed ?? upload.tempPath);
    throw error;
  }
  if (replaced) await env.disk.removeVersions(bucket.id, [replaced]);
  return id;
}

function answer(request: RouteRequest, id: string, bucket: string, key: string): void {
  sendOk(request.res, { Id: id, Key: `${bucket}/${key}` });
}

/** POST creates (or replaces with `x-upsert: true`); PUT replaces or creates. */
export async function uploadObject(request: RouteRequest): Promise<void> {
  const { bucket = '', key = '' } = request.params;
  const upsert = request.req.method === 'PUT' || header(request.req, 'x-upsert') === 'true';
  const id = await store(request, actorOf(request.context), { bucket, key, upsert });
  answer(request, id, bucket, key);
}

/** Checks the caller could write the object now (the row is written and rolled back). */
async function mustBeAllowedToUpload(request: RouteRequest, actor: Actor, target: Target): Promise<void> {
  const rollback = Symbol('rollback');
  const probe: ObjectWrite = {
    bucket: target.bucket,
    name: target.key,
    owner: actor.owner,
    ownerUuid: actor.ownerUuid,
    version: randomUUID(),
    metadata: {
      eTag: '',
      size: 0,
      mimetype: '',
      cacheControl: '',
      lastModified: '',
      contentLength: 0,
      httpStatusCode: 200,
    },
    userMetadata: null,
  };
  try {
    await asActor(request.env, actor, async (tx) => {
      const existing = await platformLockObject(tx, actor.role, target.bucket, target.key);
      // Without upsert the insert answers: 403 from RLS before 409, so no name leaks (see store()).
      if (existing && !target.upsert) {
        await insertObject(tx, probe);
        throw ERRORS.alreadyExists();
      }
      if (existing && !(await replaceObject(tx, existing.id, probe))) throw ERRORS.accessDenied();
      if (!existing) await insertObject(tx, probe);
      throw rollback;
    });
  } catch (error) {
    if (error !== rollback) throw error;
  }
}

export async function createSignedUploadUrl(request: RouteRequest): Promise<void> {
  const actor = actorOf(request.context);
  const bucket = request.params.bucket ?? '';
  const key = mustBeValidKey(request.params.key);
  if (!(await findBucket(request.env.sql, bucket))) throw ERRORS.noSuchBucket();
  const upsert = header(request.req, 'x-upsert') === 'true';
  await mustBeAllowedToUpload(request, actor, { bucket, key, upsert });
  const url = `${bucket}/${key}`;
  const token = await signToken(request.context.keys, { url, owner: actor.owner, upsert }, SIGNED_UPLOAD_SECONDS);
  sendOk(request.res, { url: `/object/upload/sign/${url}?token=${token}`, token });
}

/** Upload with a token: written by the server for the token's owner, as upstream. */
export async function uploadWithSignedUrl(request: RouteRequest): Promise<void> {
  const bucket = request.params.bucket ?? '';
  const key = request.params.key ?? '';
  const claims = await verifyUploadToken(
    request.context.ring,
    request.context.url.searchParams.get('token'),
    `${bucket}/${key}`,
  );
  const platform: Actor = {
    role: 'service_role',
    claims: keyClaims('service_role'),
    owner: claims.owner,
    ownerUuid: ownerUuid(claims.owner),
    ...(typeof request.req.headers['x-request-id'] === 'string'
      ? { requestId: request.req.headers['x-request-id'] }
      : {}),
  };
  const id = await store(request, platform, { bucket, key, upsert: claims.upsert });
  answer(request, id, bucket, key);
}
