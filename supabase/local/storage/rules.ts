// The rules every request is checked against before it touches the database or the disk: bucket
// names, object keys, size limits (bucket and global) and allowed MIME types with wildcards.
import { ERRORS } from './errors.ts';

const BUCKET_NAME = /^[\w!.*'() &$@=;:+,?-]{1,100}$/;

/** Control characters (NUL included): never part of a key. */
function isControl(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}
/** S3's limit on key length, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;

/** A bucket name as storage-js and upstream accept it (and never `.` or `..`, it names a folder). */
export function mustBeValidBucketName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() !== name || !BUCKET_NAME.test(name) || name === '.' || name === '..') {
    throw ERRORS.invalidBucketName();
  }
  return name;
}

/**
 * An object key: not empty, at most 1,024 bytes, no control characters (NUL included), no
 * backslash, not absolute, no `.` or `..` segment. Keys never name files on disk (bytes are stored
 * by version id), so this is about refusing what upstream and S3 refuse, not a path sandbox.
 */
export function mustBeValidKey(key: unknown): string {
  const text = typeof key === 'string' ? key : '';
  const segments = text.split('/');
  if (
    text.length === 0 ||
    Buffer.byteLength(text) > MAX_KEY_BYTES ||
    [...text].some(isControl) ||
    text.includes('\\') ||
    text.startsWith('/') ||
    segments.some((segment) => segment === '.' || segment === '..')
  ) {
    throw ERRORS.invalidKey([...text.slice(0, 200)].map((char) => (isControl(char) ? '?' : char)).join(''));
  }
  return text;
}

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
};

/** `20MB`, `50MiB`, `30KB`, `3B` or a number of bytes; null when malformed. */
export function parseSize(value: string | number): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : null;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = UNITS[(match?.[2] || 'b').toLowerCase()];
  if (!match?.[1] || unit === undefined) return null;
  return Math.floor(Number(match[1]) * unit);
}

/** The limit that applies to an upload: the bucket's, but never above the global one. */
export function effectiveSizeLimit(bucketLimit: number | null, globalLimit: number): number {
  return bucketLimit !== null && bucketLimit > 0 ? Math.min(bucketLimit, globalLimit) : globalLimit;
}

function baseType(mimeType: string): string {
  return (mimeType.split(';')[0] ?? '').trim().toLowerCase();
}

/** Refuses a MIME type the bucket does not allow (`image/*` allows every image type). */
export function mustBeAllowedMimeType(mimeType: string, allowed: string[] | null): void {
  if (!allowed || allowed.length === 0) return;
  const [type, subtype] = baseType(mimeType).split('/');
  const ok = allowed.some((entry) => {
    const [allowedType, allowedSubtype] = baseType(entry).split('/');
    return allowedType === type && (allowedSubtype === '*' || allowedSubtype === subtype);
  });
  if (!ok || !type || !subtype) throw ERRORS.invalidMimeType(mimeType);
}

/** The caller's user id, when the claims carry one (owner and owner_id of what it uploads). */
export function ownerOf(claims: Record<string, unknown>): string | null {
  return typeof claims.sub === 'string' && claims.sub.length > 0 ? claims.sub : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `owner` is a uuid column; a non-uuid subject only fills owner_id. */
export function ownerUuid(owner: string | null): string | null {
  return owner && UUID.test(owner) ? owner : null;
}

/** Whether a stored value can be sent back as an HTTP header: no control character but tab. */
export function isHeaderSafe(value: string): boolean {
  return ![...value].some((char) => char !== '\t' && isControl(char));
}

/**
 * Refuses an upload's content type or cache control that could not be served back as a header
 * (CR/LF would split it; Node refuses to send it, so every download would fail).
 */
export function mustBeHeaderSafe(name: string, value: string): string {
  if (!isHeaderSafe(value)) {
    throw ERRORS.invalidRequest(`Invalid character in ${name}: control characters (CR, LF, NUL) are not allowed`);
  }
  return value;
}
