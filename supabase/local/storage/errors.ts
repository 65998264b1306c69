// Storage API errors in upstream's shape: the body carries the semantic status as a string
// (`{"statusCode": "404", "code": "NoSuchKey", "error": "NoSuchKey", "message": "Object not found"}`)
// and the HTTP status is 400 for every failure but 500 (supabase/storage StorageBackendError);
// errors raised before a route runs (a body over the limit, a route not built) keep their own
// HTTP status, as Fastify's do upstream.
import type { ServerResponse } from 'node:http';
import { sendJson } from '../gateway/http.ts';

export class StorageError extends Error {
  readonly code: string;
  /** The semantic status (what the body says); HTTP answers 400 unless it is 500. */
  readonly status: number;
  /** The HTTP status when it is not upstream's 400-or-5xx rule (Fastify-level errors). */
  readonly ownHttpStatus: number | null;

  constructor(code: string, status: number, message: string, ownHttpStatus: number | null = null) {
    super(message);
    this.code = code;
    this.status = status;
    this.ownHttpStatus = ownHttpStatus;
  }

  get httpStatus(): number {
    if (this.ownHttpStatus !== null) return this.ownHttpStatus;
    return this.status >= 500 ? this.status : 400;
  }

  body() {
    return { statusCode: String(this.status), code: this.code, error: this.code, message: this.message };
  }
}

const RLS_MESSAGE = 'new row violates row-level security policy';

export const ERRORS = {
  noSuchBucket: () => new StorageError('NoSuchBucket', 404, 'Bucket not found'),
  noSuchKey: () => new StorageError('NoSuchKey', 404, 'Object not found'),
  invalidJwt: (message = 'Invalid JWT') => new StorageError('InvalidJWT', 400, message),
  invalidSignature: (message = 'The url do not match the signature') =>
    new StorageError('InvalidSignature', 400, message),
  accessDenied: (message = RLS_MESSAGE) => new StorageError('AccessDenied', 403, message),
  alreadyExists: () => new StorageError('ResourceAlreadyExists', 409, 'The resource already exists'),
  bucketNotEmpty: () => new StorageError('ResourceNotEmpty', 409, 'The bucket you tried to delete is not empty'),
  invalidBucketName: () => new StorageError('InvalidBucketName', 400, 'Bucket name invalid'),
  invalidKey: (key: string) => new StorageError('InvalidKey', 400, `Invalid key: ${key}`),
  invalidMimeType: (mimeType: string) =>
    new StorageError('InvalidMimeType', 415, `mime type ${mimeType} is not supported`),
  entityTooLarge: () => new StorageError('EntityTooLarge', 413, 'The object exceeded the maximum allowed size'),
  /** A JSON body over the limit: upstream's Fastify answers HTTP 413 before any route runs. */
  bodyTooLarge: () => new StorageError('EntityTooLarge', 413, 'Request body is too large', 413),
  /** A string PostgreSQL cannot store (a NUL character): a validation error, never a 500. */
  nulCharacter: (where: string) => new StorageError('InvalidRequest', 400, `${where} must not contain NUL characters`),
  /** Routes upstream has and the local stack does not build (an honest 501, not "not found"). */
  notImplemented: (what: string) =>
    new StorageError('not_implemented', 501, `${what} is not implemented by the Roost local stack`),
  invalidRange: () => new StorageError('InvalidRange', 416, 'invalid range provided'),
  invalidRequest: (message: string) => new StorageError('InvalidRequest', 400, message),
  missingParameter: (name: string) => new StorageError('MissingParameter', 400, `Missing Required Parameter ${name}`),
  noContent: () => new StorageError('InvalidRequest', 400, 'No content provided'),
  internal: (message = 'Internal server error') => new StorageError('InternalError', 500, message),
};

/** Upstream's mapping of Postgres errors (supabase/storage DBError.fromDBError). */
export function fromDatabaseError(error: unknown): StorageError | null {
  if (!error || typeof error !== 'object' || !('code' in error) || typeof error.code !== 'string') return null;
  const message = 'message' in error && typeof error.message === 'string' ? error.message : '';
  switch (error.code) {
    case '42501':
      return ERRORS.accessDenied(message.includes('row-level security') ? RLS_MESSAGE : message);
    case '23505':
      return ERRORS.alreadyExists();
    case '23503':
      return new StorageError('InvalidRequest', 404, 'The related resource does not exist');
    case '55P03':
      return new StorageError('ResourceLocked', 423, 'The resource is locked');
    // NUL in text (22021) or in jsonb (22P05) that got past the boundary checks: bad input.
    case '22021':
    case '22P05':
      return ERRORS.invalidRequest('The request holds a character the database cannot store (NUL)');
    case '22P02':
      return new StorageError('InvalidParameter', 400, message || 'Invalid value format or type conversion failed');
    default:
      return null;
  }
}

/** Any failure as a Storage answer: known errors as they are, database errors mapped, else 500. */
export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  return fromDatabaseError(error) ?? ERRORS.internal();
}

export function sendStorageError(res: ServerResponse, error: StorageError): void {
  sendJson(res, error.httpStatus, error.body());
}
