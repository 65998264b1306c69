// Image transforms (`/render/image/public|authenticated|sign/:bucket/*`) with sharp, as upstream's
// imgproxy front does for the parameters storage-js sends: width, height (1–2500), resize
// cover|contain|fill, format origin|webp|avif, quality 20–100. The source is read by libvips from
// its file; the (bounded) output is built in memory so a failure is still an error answer.
import sharp from 'sharp';
import { z } from 'zod';
import { servedCacheControl } from './active-content.ts';
import { findAsCaller } from './download.ts';
import { ERRORS, StorageError } from './errors.ts';
import { findBucket, findObject, type ObjectRow } from './queries.ts';
import type { RouteRequest } from './request.ts';
import { verifyDownloadToken } from './tokens.ts';

const dimension = z.coerce.number().int().min(1).max(2500).optional();
const transformQuery = z.object({
  width: dimension,
  height: dimension,
  resize: z.enum(['cover', 'contain', 'fill']).default('cover'),
  format: z.enum(['origin', 'webp', 'avif']).default('origin'),
  quality: z.coerce.number().int().min(20).max(100).default(80),
});

const TRANSFORM_KEYS = ['width', 'height', 'resize', 'format', 'quality'] as const;

/** A transform as it travels in a signed URL's token (`width:100,resize:cover`). */
export function encodeTransformations(transform: Record<string, unknown>): string {
  return TRANSFORM_KEYS.filter((key) => transform[key] !== undefined && transform[key] !== null)
    .map((key) => `${key}:${String(transform[key])}`)
    .join(',');
}

function decodeTransformations(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split(',')
      .map((pair) => pair.split(':'))
      .filter((pair): pair is [string, string] => pair.length === 2 && TRANSFORM_KEYS.includes(pair[0] as never)),
  );
}

/** The object and the transform to apply (a signed URL's transform is the token's, not the query's). */
async function locate(
  request: RouteRequest,
  mode: 'public' | 'authenticated' | 'sign',
): Promise<{ row: ObjectRow; transform: Record<string, string> }> {
  const { bucket = '', key = '' } = request.params;
  let transform = Object.fromEntries(request.context.url.searchParams);
  if (mode === 'authenticated') return { row: await findAsCaller(request, bucket, key), transform };
  if (mode === 'sign') {
    const token = request.context.url.searchParams.get('token');
    const claims = await verifyDownloadToken(request.context.ring, token, `${bucket}/${key}`);
    if (claims.transformations) transform = decodeTransformations(claims.transformations);
  } else if (!(await findBucket(request.env.sql, bucket))?.public) {
    throw ERRORS.noSuchBucket();
  }
  const row = await findObject(request.env.sql, bucket, key);
  if (!row?.version) throw ERRORS.noSuchKey();
  return { row, transform };
}

/** Output formats sharp reports, as the Content-Type a transformed image is served with. */
const OUTPUT_TYPES: Record<string, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
  heif: 'image/avif', // sharp names AVIF output by its container
  tiff: 'image/tiff',
};

/** Source formats re-encoded as themselves with `quality` (others keep a lossless encoder). */
const LOSSY = new Set(['jpeg', 'webp', 'avif', 'heif']);

export function renderImage(mode: 'public' | 'authenticated' | 'sign') {
  return async (request: RouteRequest): Promise<void> => {
    const { row, transform } = await locate(request, mode);
    const query = transformQuery.safeParse(transform);
    if (!query.success) throw ERRORS.invalidRequest(`querystring ${query.error.issues[0]?.message ?? 'is invalid'}`);
    const options = query.data;
    const path = request.env.disk.objectPath(row.bucket_id, row.version as string);
    let output: Buffer;
    let format: string;
    try {
      // The bytes decide the format, never the stored content type (it may be wrong or hostile).
      const source = (await sharp(path).metadata()).format ?? '';
      let image = sharp(path, { failOn: 'error' }).rotate();
      if (options.width || options.height) {
        // imgproxy's `fit` (upstream's contain) keeps the ratio inside the box, without padding.
        const fit = options.resize === 'contain' ? 'inside' : options.resize;
        image = image.resize({ width: options.width, height: options.height, fit });
      }
      if (options.format === 'webp') image = image.webp({ quality: options.quality });
      else if (options.format === 'avif') image = image.avif({ quality: options.quality });
      else if (LOSSY.has(source))
        image = image.toFormat(source === 'heif' ? 'avif' : (source as 'jpeg' | 'webp'), { quality: options.quality });
      // Vector and other sources (SVG, PDF, …) become PNG: a rendering never carries script.
      else if (!OUTPUT_TYPES[source] || source === 'heif') image = image.png();
      const result = await image.toBuffer({ resolveWithObject: true });
      output = result.data;
      format = result.info.format;
    } catch (error) {
      const missing = (error as Error).message.includes('missing');
      throw missing ? ERRORS.noSuchKey() : new StorageError('InvalidRequest', 422, 'Unable to transform the image');
    }
    request.res.writeHead(200, {
      'Content-Type': OUTPUT_TYPES[format] ?? 'application/octet-stream',
      'Content-Length': String(output.length),
      'Cache-Control': servedCacheControl(row.metadata?.cacheControl),
      'X-Content-Type-Options': 'nosniff',
      // What was applied, as upstream's imgproxy front reports it.
      'X-Transformations': [
        options.width ? `width:${options.width}` : '',
        options.height ? `height:${options.height}` : '',
        `resizing_type:${options.resize === 'contain' ? 'fit' : options.resize}`,
        transform.quality !== undefined ? `quality:${options.quality}` : '',
        options.format !== 'origin' ? `format:${options.format}` : '',
      ]
        .filter(Boolean)
        .join(','),
    });
    request.res.end(output);
  };
}
