// Stored objects for retention and offboarding, through the Storage API with the service key (as
// a deployed worker reaches Supabase; decision 015): deleting through the API removes the bytes,
// not only the row, which a `delete from storage.objects` would leave behind.
import { createClient } from '@supabase/supabase-js';

export interface ObjectRef {
  bucket: string;
  name: string;
}

export interface ObjectStore {
  /** Deletes the objects (absent ones are no error); returns how many Storage deleted. */
  remove(objects: readonly ObjectRef[]): Promise<number>;
  download(object: ObjectRef): Promise<Uint8Array>;
  upload(object: ObjectRef, bytes: Uint8Array, contentType: string): Promise<void>;
}

/** Storage's remove takes a list; batches keep each request small. */
const REMOVE_BATCH = 100;

export class StorageFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageFailure';
  }
}

/** Storage has no bytes for the object (404). */
export class ObjectNotFound extends StorageFailure {
  constructor(message: string) {
    super(message);
    this.name = 'ObjectNotFound';
  }
}

export function createObjectStore(options: { apiUrl: string; serviceKey: string }): ObjectStore {
  const storage = createClient(options.apiUrl, options.serviceKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  }).storage;
  return {
    async remove(objects) {
      const byBucket = new Map<string, string[]>();
      for (const { bucket, name } of objects) byBucket.set(bucket, [...(byBucket.get(bucket) ?? []), name]);
      let removed = 0;
      for (const [bucket, names] of byBucket) {
        for (let start = 0; start < names.length; start += REMOVE_BATCH) {
          const { data, error } = await storage.from(bucket).remove(names.slice(start, start + REMOVE_BATCH));
          if (error) throw new StorageFailure(`Storage refused to delete from ${bucket}: ${error.message}`);
          removed += data?.length ?? 0;
        }
      }
      return removed;
    },

    async download({ bucket, name }) {
      const { data, error } = await storage.from(bucket).download(name);
      if (error) {
        const message = `Storage refused ${bucket}/${name}: ${error.message}`;
        const status = (error as { status?: number }).status;
        throw status === 400 || status === 404 ? new ObjectNotFound(message) : new StorageFailure(message);
      }
      return new Uint8Array(await data.arrayBuffer());
    },

    async upload({ bucket, name }, bytes, contentType) {
      const { error } = await storage.from(bucket).upload(name, bytes, { contentType, upsert: true });
      if (error) throw new StorageFailure(`Storage refused to store ${bucket}/${name}: ${error.message}`);
    },
  };
}
