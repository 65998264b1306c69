// Reads an upload into a temp file, streaming: a raw body (content-type, cache-control and base64
// JSON `x-metadata` headers) or multipart/form-data as storage-js sends a Blob (the file under the
// empty field name after the `cacheControl` and `metadata` fields), parsed with busboy. The size
// limit holds while bytes flow; the MIME type is checked before the first byte is written.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { containsNul } from '../gateway/read-body.ts';
import type { Disk } from './disk.ts';
import { receiveToFile } from './disk.ts';
import { ERRORS, StorageError } from './errors.ts';
import { header } from './request.ts';
import { mustBeAllowedMimeType, mustBeHeaderSafe } from './rules.ts';

export interface Upload {
  tempPath: string;
  size: number;
  eTag: string;
  mimetype: string;
  cacheControl: string;
  userMetadata: Record<string, unknown> | null;
}

export interface UploadRules {
  sizeLimit: number;
  allowedMimeTypes: string[] | null;
}

function parseMetadata(text: string | undefined, encoding: 'base64' | 'json'): Record<string, unknown> | null {
  if (text === undefined || text === '') return null;
  try {
    const value: unknown = JSON.parse(encoding === 'base64' ? Buffer.from(text, 'base64').toString('utf8') : text);
    if (containsNul(value)) throw ERRORS.nulCharacter('metadata');
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch (error) {
    if (error instanceof StorageError) throw error;
    // else falls through to the refusal below
  }
  throw ERRORS.invalidRequest('Invalid metadata: expected a JSON object');
}

async function receiveRaw(req: IncomingMessage, disk: Disk, rules: UploadRules): Promise<Upload> {
  const declared = Number(header(req, 'content-length'));
  if (Number.isFinite(declared) && declared > rules.sizeLimit) throw ERRORS.entityTooLarge();
  const mimetype = mustBeHeaderSafe('contentType', header(req, 'content-type') || 'application/octet-stream');
  mustBeAllowedMimeType(mimetype, rules.allowedMimeTypes);
  const userMetadata = parseMetadata(header(req, 'x-metadata'), 'base64');
  const cacheControl = mustBeHeaderSafe('cacheControl', header(req, 'cache-control') || 'no-cache');
  const tempPath = disk.tempPath();
  const { size, eTag } = await receiveToFile(req, tempPath, rules.sizeLimit);
  return { tempPath, size, eTag, mimetype, cacheControl, userMetadata };
}

function receiveMultipart(req: IncomingMessage, disk: Disk, rules: UploadRules): Promise<Upload> {
  return new Promise<Upload>((resolve, reject) => {
    const fields: Record<string, string> = {};
    let failure: unknown = null;
    let file: Promise<Upload> | null = null;
    let current: Readable | null = null;
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fields: 20, fieldSize: 64 * 1024, fileSize: rules.sizeLimit },
      });
    } catch {
      reject(ERRORS.invalidRequest('Malformed multipart body'));
      return;
    }
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (_name, stream, info) => {
      if (file || failure) return void stream.resume();
      const mimetype = fields.contentType || info.mimeType || 'application/octet-stream';
      try {
        // Fields are not headers: CR/LF or NUL here would be stored and break every download.
        mustBeHeaderSafe('contentType', mimetype);
        mustBeHeaderSafe('cacheControl', fields.cacheControl ?? '');
        mustBeAllowedMimeType(mimetype, rules.allowedMimeTypes);
      } catch (error) {
        failure = error;
        return void stream.resume();
      }
      // busboy stops passing bytes at the limit and flags the stream; the rest is discarded.
      let truncated = false;
      stream.once('limit', () => {
        truncated = true;
      });
      const tempPath = disk.tempPath();
      current = stream;
      file = receiveToFile(stream, tempPath, rules.sizeLimit).then(async ({ size, eTag }) => {
        try {
          if (truncated) throw ERRORS.entityTooLarge();
          // Fields sent after the file are only known now.
          const cacheTime = mustBeHeaderSafe('cacheControl', fields.cacheControl ?? '');
          const userMetadata = parseMetadata(fields.metadata, 'json');
          const cacheControl = cacheTime ? `max-age=${cacheTime}` : 'no-cache';
          return { tempPath, size, eTag, mimetype, cacheControl, userMetadata };
        } catch (error) {
          await disk.remove(tempPath);
          throw error;
        }
      });
      file.catch(() => {}); // observed in 'close'
    });
    parser.once('error', (error) => {
      current?.destroy(error instanceof Error ? error : new Error(String(error)));
      req.unpipe(parser);
      req.resume();
      reject(error instanceof Error && 'code' in error ? error : ERRORS.invalidRequest('Malformed multipart body'));
    });
    parser.once('close', () => {
      // A refused type is decided before any file is written.
      if (failure) reject(failure);
      else if (!file) reject(ERRORS.noContent());
      else file.then(resolve, reject);
    });
    // A client that goes away mid-body: stop the file being written (its temp file is removed).
    req.once('close', () => {
      if (!req.readableEnded) parser.destroy(new Error('upload aborted'));
    });
    req.pipe(parser);
  });
}

/** The upload of this request in a temp file of `disk` (removed again on any refusal). */
export function receiveUpload(req: IncomingMessage, disk: Disk, rules: UploadRules): Promise<Upload> {
  // The client went away while the bucket was read: its 'close' has passed, nothing would end this.
  if (req.destroyed && !req.readableEnded) return Promise.reject(new Error('upload aborted'));
  const type = header(req, 'content-type') ?? '';
  return type.toLowerCase().startsWith('multipart/form-data')
    ? receiveMultipart(req, disk, rules)
    : receiveRaw(req, disk, rules);
}
