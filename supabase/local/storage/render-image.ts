// Image transforms (`/render/image/public|authenticated|sign/:bucket/*`) with sharp, as upstream's
// imgproxy front does for the parameters storage-js sends: width, height (1–2500), resize
// cover|contain|fill, format origin|webp|avif, quality 20–100. The source is read by libvips from
// its file; the (bounded) output is built in memory so a failure is still an error answer.
import sharp from 'sharp';
import { z } from 'zod';
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

export function renderImage(mode: 'public' | 'authenticated' | 'sign') {
  return async (request: RouteRequest): Promise<void> => {
    const { row, transform } = await locate(request, mode);
    const query = transformQuery.safeParse(transform);
    if (!query.success) throw ERRORS.invalidRequest(`querystring ${query.error.issues[0]?.message ?? 'is invalid'}`);
    const options = query.data;
    const path = request.env.disk.objectPath(row.bucket_id, row.version as string);
    let image = sharp(path, { failOn: 'error' }).rotate();
    if (options.width || options.height) {
      // imgproxy's `fit` (upstream's contain) keeps the ratio inside the box, without padding.
      const fit = options.resize === 'contain' ? 'inside' : options.resize;
      image = image.resize({ width: options.width, height: options.height, fit });
    }
    let mimetype = row.metadata?.mimetype ?? 'application/octet-stream';
    if (options.format === 'webp') {
      image = image.webp({ quality: options.quality });
      mimetype = 'image/webp';
    } else if (options.format === 'avif') {
      image = image.avif({ quality: options.quality });
      mimetype = 'image/avif';
    } else if (/^image\/(jpeg|webp|avif)/.test(mimetype)) {
      image = image.toFormat(mimetype === 'image/jpeg' ? 'jpeg' : (mimetype.slice(6) as 'webp' | 'avif'), {
        quality: options.quality,
      });
    }
    let output: Buffer;
    try {
      output = await image.toBuffer();
    } catch (error) {
      const missing = (error as Error).message.includes('missing');
      throw missing ? ERRORS.noSuchKey() : new StorageError('InvalidRequest', 422, 'Unable to transform the image');
    }
    request.res.writeHead(200, {
      'Content-Type': mimetype,
      'Content-Length': String(output.length),
      'Cache-Control': row.metadata?.cacheControl ?? 'no-cache',
      'X-Transformations': [
        options.width ? `width:${options.width}` : '',
        options.height ? `height:${options.height}` : '',
        `resizing_type:${options.resize === 'contain' ? 'fit' : options.resize}`,
      ]
        .filter(Boolean)
        .join(','),
    });
    request.res.end(output);
  };
}
