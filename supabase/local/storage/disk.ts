// Where object bytes live: `<root>/buckets/<bucket>/<shard>/<version>`, one file per stored
// version (a fresh uuid on every write), and `<root>/tmp/` for uploads in flight. Keys never name
// files, so no key can reach outside its bucket folder, and an object `a` can coexist with `a/b`.
// Bytes stream in through a meter that counts, hashes (MD5, the ETag) and stops at the limit.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, constants as fsConstants } from 'node:fs';
import { copyFile, link, mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ERRORS } from './errors.ts';

export interface Received {
  size: number;
  /** Quoted MD5 hex, as upstream's ETag. */
  eTag: string;
}

export interface Disk {
  root: string;
  bucketDir(bucket: string): string;
  objectPath(bucket: string, version: string): string;
  /** A fresh temp file path (the file is not created). */
  tempPath(): string;
  /** Moves a finished temp file to its final place (same file system: an atomic rename). */
  place(tempPath: string, bucket: string, version: string): Promise<string>;
  copy(fromBucket: string, fromVersion: string, toBucket: string, toVersion: string): Promise<string>;
  /** A second name for a stored version in another bucket (a hard link: no bytes copied). */
  link(fromBucket: string, version: string, toBucket: string): Promise<string>;
  remove(path: string): Promise<void>;
  removeVersions(bucket: string, versions: (string | null)[]): Promise<void>;
  removeBucket(bucket: string): Promise<void>;
}

/** Counts and hashes what passes; fails with EntityTooLarge past `limit` bytes. */
class Meter extends Transform {
  size = 0;
  readonly hash = createHash('md5');
  readonly limit: number;

  constructor(limit: number) {
    super();
    this.limit = limit;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.limit) {
      callback(ERRORS.entityTooLarge());
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }
}

/**
 * Streams `source` into `path` without buffering it whole. The source is piped, not handed to
 * pipeline(), so a refusal does not destroy the request (its socket carries the answer); the
 * caller drains it. The partial file is removed on any failure.
 */
export async function receiveToFile(source: Readable, path: string, limit: number): Promise<Received> {
  const meter = new Meter(limit);
  const done = pipeline(meter, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  const onSourceError = (error: Error) => meter.destroy(error);
  // A client that goes away mid-body: the source closes without having ended.
  const onSourceClose = () => {
    if (!source.readableEnded) meter.destroy(new Error('upload aborted'));
  };
  source.once('error', onSourceError);
  source.once('close', onSourceClose);
  source.pipe(meter);
  try {
    await done;
    return { size: meter.size, eTag: `"${meter.hash.digest('hex')}"` };
  } catch (error) {
    source.unpipe(meter);
    await rm(path, { force: true });
    throw error;
  } finally {
    source.off('error', onSourceError);
    source.off('close', onSourceClose);
  }
}

const VERSION = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function createDisk(root: string): Disk {
  const tmpDir = join(root, 'tmp');
  // encodeURIComponent keeps names readable and leaves no `/`; `.`/`..` are refused as bucket names.
  const bucketDir = (bucket: string) => join(root, 'buckets', encodeURIComponent(bucket));
  // The version names the file: only a uuid (what the server writes) ever does. A version set by
  // other means (SQL as a role that may update storage.objects) must not reach outside the folder.
  const objectPath = (bucket: string, version: string) => {
    if (!VERSION.test(version)) throw ERRORS.noSuchKey();
    return join(bucketDir(bucket), version.slice(0, 2), version);
  };
  const ensureParent = async (bucket: string, version: string) => {
    await mkdir(join(bucketDir(bucket), version.slice(0, 2)), { recursive: true });
    return objectPath(bucket, version);
  };

  return {
    root,
    bucketDir,
    objectPath,
    tempPath() {
      return join(tmpDir, `${randomUUID()}.part`);
    },
    async place(tempPath, bucket, version) {
      const target = await ensureParent(bucket, version);
      await rename(tempPath, target);
      return target;
    },
    async copy(fromBucket, fromVersion, toBucket, toVersion) {
      const target = await ensureParent(toBucket, toVersion);
      // A reflink where the file system has them, else a plain kernel-side copy.
      await copyFile(objectPath(fromBucket, fromVersion), target, fsConstants.COPYFILE_FICLONE);
      return target;
    },
    async link(fromBucket, version, toBucket) {
      const target = await ensureParent(toBucket, version);
      await link(objectPath(fromBucket, version), target);
      return target;
    },
    async remove(path) {
      await rm(path, { force: true });
    },
    async removeVersions(bucket, versions) {
      for (const version of versions) {
        if (version && VERSION.test(version)) await rm(objectPath(bucket, version), { force: true });
      }
    },
    async removeBucket(bucket) {
      await rm(bucketDir(bucket), { recursive: true, force: true });
    },
  };
}
