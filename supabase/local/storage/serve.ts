// Sends an object's bytes from disk as upstream's renderer does: Content-Type (text/html served
// as text/plain; active types sandboxed and as attachments, see active-content.ts), ETag, Last-Modified, Cache-Control (or Expires for signed URLs), Accept-Ranges;
// one `Range` → 206 with Content-Range; If-None-Match / If-Modified-Since → 304; `download` →
// Content-Disposition. Streams from an open file handle, never reading the file whole.
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { isActiveContentType, SANDBOX_POLICY, servedCacheControl, servedContentType } from './active-content.ts';
import { ERRORS } from './errors.ts';
import type { ObjectRow } from './queries.ts';
import { header, type RouteRequest } from './request.ts';

export interface ServeOptions {
  head: boolean;
  /** `download` query parameter: '' → attachment, a name → attachment with that file name. */
  download: string | null;
  /** Signed URLs answer with Expires (the token's) instead of Cache-Control. */
  expires?: Date;
}

/** A single byte range of `size` bytes, null for none; refuses unsatisfiable ranges. */
export function parseRange(value: string | undefined, size: number): { start: number; end: number } | null {
  if (!value) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (!match) return null; // several or malformed ranges: the whole object, as RFC 9110 allows
  const [, first = '', last = ''] = match;
  // `bytes=-` and a last position before the first are invalid, not unsatisfiable: RFC 9110
  // §14.2 says to ignore the header, so the whole object is served.
  if (first === '' && last === '') return null;
  if (first !== '' && last !== '' && Number(last) < Number(first)) return null;
  let start: number;
  let end: number;
  if (first === '') {
    start = Math.max(0, size - Number(last));
    end = size - 1;
  } else {
    start = Number(first);
    end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  }
  if (start > end || start >= size) throw ERRORS.invalidRange();
  return { start, end };
}

function notModified(request: RouteRequest, eTag: string, lastModified: Date): boolean {
  const ifNoneMatch = header(request.req, 'if-none-match');
  if (ifNoneMatch !== undefined) {
    const bare = eTag.replace(/^W\//, '');
    return ifNoneMatch.split(',').some((tag) => {
      const candidate = tag.trim().replace(/^W\//, '');
      return candidate === '*' || candidate === bare;
    });
  }
  const since = Date.parse(header(request.req, 'if-modified-since') ?? '');
  return Number.isFinite(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}

function disposition(download: string): string {
  if (download === '') return 'attachment;';
  const name = encodeURIComponent(download);
  return `attachment; filename=${name}; filename*=UTF-8''${name};`;
}

async function openObject(request: RouteRequest, row: ObjectRow): Promise<FileHandle> {
  if (!row.version) throw ERRORS.noSuchKey();
  try {
    return await open(request.env.disk.objectPath(row.bucket_id, row.version), 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw ERRORS.noSuchKey();
    throw error;
  }
}

export async function serveObject(request: RouteRequest, row: ObjectRow, options: ServeOptions): Promise<void> {
  const handle = await openObject(request, row);
  let streaming = false;
  try {
    const { size } = await handle.stat();
    const meta = row.metadata;
    const eTag = meta?.eTag ?? `"${row.version}"`;
    const lastModified = new Date(meta?.lastModified || row.updated_at);
    const mimetype = meta?.mimetype || 'application/octet-stream';
    const active = isActiveContentType(mimetype);
    const headers: Record<string, string> = {
      'Accept-Ranges': 'bytes',
      'Content-Type': servedContentType(mimetype),
      ETag: eTag,
      'Last-Modified': lastModified.toUTCString(),
      // Objects are served from the API's origin: a browser must not guess a type, and an active
      // type (SVG allowed in public org-assets, HTML, XML) opened directly must not run scripts.
      'X-Content-Type-Options': 'nosniff',
      ...(active ? { 'Content-Security-Policy': SANDBOX_POLICY } : {}),
    };
    if (options.expires) headers.Expires = options.expires.toUTCString();
    else headers['Cache-Control'] = servedCacheControl(meta?.cacheControl);
    // An active type opened by a link is saved, not rendered (an <img> still shows an SVG).
    if (options.download !== null) headers['Content-Disposition'] = disposition(options.download);
    else if (active) headers['Content-Disposition'] = 'attachment;';

    if (notModified(request, eTag, lastModified)) {
      request.res.writeHead(304, headers);
      request.res.end();
      return;
    }
    const range = parseRange(header(request.req, 'range'), size);
    if (range) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${size}`;
    headers['Content-Length'] = String(range ? range.end - range.start + 1 : size);
    request.res.writeHead(range ? 206 : 200, headers);
    if (options.head || size === 0) {
      request.res.end();
      return;
    }
    streaming = true;
    const stream = handle.createReadStream(range ? { start: range.start, end: range.end } : {});
    await pipeline(stream, request.res).catch(() => {}); // a client that goes away is no error
  } finally {
    if (!streaming) await handle.close();
  }
}

/** The object's description (GET /object/info/…), as upstream's info renderer. */
export function objectInfo(row: ObjectRow) {
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    bucket_id: row.bucket_id,
    size: row.metadata?.size ?? null,
    content_type: row.metadata?.mimetype ?? null,
    cache_control: row.metadata?.cacheControl ?? null,
    etag: row.metadata?.eTag ?? null,
    // Upstream answers {} for an object without user metadata (storage-js types it an object).
    metadata: row.user_metadata ?? {},
    last_modified: row.updated_at,
    created_at: row.created_at,
  };
}
