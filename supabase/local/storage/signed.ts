// Signed download URLs: `POST /object/sign/:bucket/*` {expiresIn} → {signedURL} and the batch
// `POST /object/sign/:bucket` {expiresIn, paths} → [{error, path, signedURL}], both only for
// objects the caller can read (RLS select); `GET /object/sign/:bucket/*?token=` serves the object
// to whoever holds a valid, unexpired token for exactly that path.
import { z } from 'zod';
import { findAsCaller } from './download.ts';
import { ERRORS } from './errors.ts';
import { findObject, findObjects } from './queries.ts';
import { encodeTransformations } from './render-image.ts';
import { actorOf, asActor, type RouteRequest, readJson, sendOk } from './request.ts';
import { mustBeValidKey } from './rules.ts';
import { serveObject } from './serve.ts';
import { signToken, verifyDownloadToken } from './tokens.ts';

const expiresIn = z.number().int().min(1);
const signBody = z.object({ expiresIn, transform: z.record(z.string(), z.unknown()).optional() });
const signManyBody = z.object({ expiresIn, paths: z.array(z.string()).min(1).max(1000) });

const NOT_FOUND = 'Either the object does not exist or you do not have access to it';

async function signedPath(
  request: RouteRequest,
  bucket: string,
  key: string,
  seconds: number,
  transform: Record<string, unknown> = {},
): Promise<string> {
  const url = `${bucket}/${key}`;
  const transformations = encodeTransformations(transform);
  if (!transformations) return `/object/sign/${url}?token=${await signToken(request.context.keys, { url }, seconds)}`;
  // A transformed image: the transform is part of what is signed, as upstream.
  const token = await signToken(request.context.keys, { url, transformations }, seconds);
  return `/render/image/sign/${url}?token=${token}`;
}

export async function createSignedUrl(request: RouteRequest): Promise<void> {
  const { bucket = '', key = '' } = request.params;
  const body = await readJson(request.req, signBody);
  await findAsCaller(request, bucket, mustBeValidKey(key));
  sendOk(request.res, { signedURL: await signedPath(request, bucket, key, body.expiresIn, body.transform) });
}

export async function createSignedUrls(request: RouteRequest): Promise<void> {
  const bucket = request.params.bucket ?? '';
  const actor = actorOf(request.context);
  const body = await readJson(request.req, signManyBody);
  const rows = await asActor(request.env, actor, (tx) => findObjects(tx, bucket, body.paths));
  const readable = new Set(rows.map((row) => row.name));
  const answers = [];
  for (const path of body.paths) {
    answers.push(
      readable.has(path)
        ? { error: null, path, signedURL: await signedPath(request, bucket, path, body.expiresIn) }
        : { error: NOT_FOUND, path, signedURL: null },
    );
  }
  sendOk(request.res, answers);
}

export async function getSignedObject(request: RouteRequest): Promise<void> {
  const { bucket = '', key = '' } = request.params;
  const search = request.context.url.searchParams;
  const claims = await verifyDownloadToken(request.context.ring, search.get('token'), `${bucket}/${key}`);
  // A token signed for a transformed image grants that rendering only, never the original bytes.
  if (claims.transformations) throw ERRORS.invalidSignature();
  const row = await findObject(request.env.sql, bucket, key);
  if (!row) throw ERRORS.noSuchKey();
  await serveObject(request, row, {
    head: request.req.method === 'HEAD',
    download: search.get('download'),
    ...(claims.exp ? { expires: new Date(claims.exp * 1000) } : {}),
  });
}
