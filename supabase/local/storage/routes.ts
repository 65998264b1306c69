// The Storage API's routes (paths after /storage/v1), matched in order as upstream's router does:
// fixed prefixes (`/object/sign`, `/object/public`, …) before the generic `/object/:bucket/*`.

import { decodePathSegment } from '../gateway/decode-path.ts';
import { createBucket, deleteBucket, emptyBucket, getBucket, listBuckets, updateBucket } from './buckets.ts';
import { getObject, getObjectInfo, getPublicObject } from './download.ts';
import { ERRORS } from './errors.ts';
import { copyObject, deleteMany, deleteOne, listObjects, listObjectsV2, moveObject } from './objects.ts';
import { renderImage } from './render-image.ts';
import type { Handler } from './request.ts';
import { createSignedUrl, createSignedUrls, getSignedObject } from './signed.ts';
import { createSignedUploadUrl, uploadObject, uploadWithSignedUrl } from './upload.ts';

interface Route {
  methods: string[];
  /** Segments: literals, `:name` (one segment) or `*` (the rest, the object key). */
  pattern: string[];
  handler: Handler;
}

const route = (methods: string, path: string, handler: Handler): Route => ({
  methods: methods.split('|'),
  pattern: path.split('/').filter(Boolean),
  handler,
});

const ROUTES: Route[] = [
  route('GET', '/bucket', listBuckets),
  route('POST', '/bucket', createBucket),
  route('POST', '/bucket/:id/empty', emptyBucket),
  route('GET', '/bucket/:id', getBucket),
  route('PUT', '/bucket/:id', updateBucket),
  route('DELETE', '/bucket/:id', deleteBucket),
  route('POST', '/object/list/:bucket', listObjects),
  route('POST', '/object/list-v2/:bucket', listObjectsV2),
  route('POST', '/object/move', moveObject),
  route('POST', '/object/copy', copyObject),
  route('POST', '/object/sign/:bucket/*', createSignedUrl),
  route('POST', '/object/sign/:bucket', createSignedUrls),
  route('GET|HEAD', '/object/sign/:bucket/*', getSignedObject),
  route('POST', '/object/upload/sign/:bucket/*', createSignedUploadUrl),
  route('PUT', '/object/upload/sign/:bucket/*', uploadWithSignedUrl),
  route('GET', '/object/info/public/:bucket/*', getObjectInfo(true)),
  route('GET', '/object/info/authenticated/:bucket/*', getObjectInfo(false)),
  route('GET', '/object/info/:bucket/*', getObjectInfo(false)),
  route('GET|HEAD', '/object/public/:bucket/*', getPublicObject),
  route('GET|HEAD', '/object/authenticated/:bucket/*', getObject),
  route('GET|HEAD', '/object/:bucket/*', getObject),
  route('POST|PUT', '/object/:bucket/*', uploadObject),
  route('DELETE', '/object/:bucket', deleteMany),
  route('DELETE', '/object/:bucket/*', deleteOne),
  route('GET', '/render/image/public/:bucket/*', renderImage('public')),
  route('GET', '/render/image/authenticated/:bucket/*', renderImage('authenticated')),
  route('GET', '/render/image/sign/:bucket/*', renderImage('sign')),
];

/** A path segment decoded with the gateway's one path decoder; malformed escapes and NUL refused. */
function decode(segment: string, invalid: (segment: string) => Error): string {
  const decoded = decodePathSegment(segment);
  if (decoded === null || decoded.includes('\u0000')) throw invalid(segment.replaceAll('\u0000', '?'));
  return decoded;
}

const invalidKey = (segment: string) => ERRORS.invalidKey(segment);
const invalidBucket = () => ERRORS.invalidBucketName();

function matchRoute(route: Route, segments: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < route.pattern.length; i++) {
    const part = route.pattern[i] as string;
    if (part === '*') {
      const rest = segments.slice(i);
      if (rest.length === 0 || (rest.length === 1 && rest[0] === '')) return null;
      params.key = rest.map((segment) => decode(segment, invalidKey)).join('/');
      return params;
    }
    const segment = segments[i];
    if (segment === undefined || segment === '') return null;
    if (part.startsWith(':')) params[part.slice(1)] = decode(segment, invalidBucket);
    else if (part !== segment) return null;
  }
  return segments.length === route.pattern.length ? params : null;
}

/** The handler and parameters for a request, or null (404). */
export function findRoute(method: string, path: string): { handler: Handler; params: Record<string, string> } | null {
  // Keep a trailing empty segment: `folder/` is a valid key.
  const segments = path.replace(/^\/+/, '').split('/');
  if (segments.length > 1 && segments.at(-1) === '' && !path.startsWith('/object/')) segments.pop();
  for (const candidate of ROUTES) {
    if (!candidate.methods.includes(method)) continue;
    const params = matchRoute(candidate, segments);
    if (params) return { handler: candidate.handler, params };
  }
  return null;
}
