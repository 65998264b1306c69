// Reading objects: `GET|HEAD /object/:bucket/*` and `/object/authenticated/…` as the caller (RLS
// select decides; what it cannot see is NoSuchKey), `/object/public/…` without any check but the
// bucket's public flag, and `GET /object/info/…` (public buckets are described to anyone).
import { servedCacheControl } from './active-content.ts';
import { ERRORS } from './errors.ts';
import { findBucket, findObject, type ObjectRow } from './queries.ts';
import { actorOf, asActor, type RouteRequest, sendOk } from './request.ts';
import { objectInfo, serveObject } from './serve.ts';

function downloadParam(request: RouteRequest): string | null {
  return request.context.url.searchParams.get('download');
}

/** The object as the caller sees it. */
export async function findAsCaller(request: RouteRequest, bucket: string, key: string): Promise<ObjectRow> {
  const actor = actorOf(request.context);
  const row = await asActor(request.env, actor, (tx) => findObject(tx, bucket, key));
  if (!row) throw ERRORS.noSuchKey();
  return row;
}

export async function getObject(request: RouteRequest): Promise<void> {
  const { bucket = '', key = '' } = request.params;
  const row = await findAsCaller(request, bucket, key);
  await serveObject(request, row, { head: request.req.method === 'HEAD', download: downloadParam(request) });
}

/** Public buckets only; the caller's token is not looked at (an expired one does not matter). */
export async function getPublicObject(request: RouteRequest): Promise<void> {
  const { bucket = '', key = '' } = request.params;
  const found = await findBucket(request.env.sql, bucket);
  if (!found?.public) throw ERRORS.noSuchBucket();
  const row = await findObject(request.env.sql, bucket, key);
  if (!row) throw ERRORS.noSuchKey();
  await serveObject(request, row, { head: request.req.method === 'HEAD', download: downloadParam(request) });
}

/** Object info; a public bucket's objects are described to anyone, others need RLS select. */
export function getObjectInfo(publicRoute: boolean) {
  return async (request: RouteRequest): Promise<void> => {
    const { bucket = '', key = '' } = request.params;
    const found = await findBucket(request.env.sql, bucket);
    if (!found || (publicRoute && !found.public)) throw ERRORS.noSuchBucket();
    const row = found.public
      ? await findObject(request.env.sql, bucket, key)
      : await findAsCaller(request, bucket, key);
    if (!row) throw ERRORS.noSuchKey();
    sendOk(request.res, objectInfo(row), {
      ETag: row.metadata?.eTag ?? '',
      'Cache-Control': servedCacheControl(row.metadata?.cacheControl),
    });
  };
}
