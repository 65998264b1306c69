// Stored objects for guest data requests, through the Storage API with the service key (as a
// deployed worker reaches Supabase; decision 015): deleting through the API removes the bytes too.
import { createClient } from '@supabase/supabase-js';

export interface ObjectRef {
  bucket: string;
  name: string;
}

export interface GuestDataStorage {
  /** The object's bytes, or null when Storage has none (a scan deleted meanwhile). */
  download(object: ObjectRef): Promise<Uint8Array | null>;
  upload(object: ObjectRef, bytes: Uint8Array, contentType: string): Promise<void>;
  /** Deletes the objects (absent ones are no error); how many Storage deleted. */
  remove(objects: readonly ObjectRef[]): Promise<number>;
  signedUrl(object: ObjectRef, expiresInSeconds: number): Promise<string>;
}

export function createGuestDataStorage(options: { apiUrl: string; serviceKey: string }): GuestDataStorage {
  const storage = createClient(options.apiUrl, options.serviceKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  }).storage;
  return {
    async download({ bucket, name }) {
      const { data, error } = await storage.from(bucket).download(name);
      if (error) {
        const status = (error as { status?: number }).status;
        if (status === 400 || status === 404) return null;
        throw new Error(`Storage refused ${bucket}/${name}: ${error.message}`);
      }
      return new Uint8Array(await data.arrayBuffer());
    },
    async upload({ bucket, name }, bytes, contentType) {
      const { error } = await storage.from(bucket).upload(name, bytes, { contentType, upsert: true });
      if (error) throw new Error(`Storage refused to store ${bucket}/${name}: ${error.message}`);
    },
    async remove(objects) {
      let removed = 0;
      const byBucket = new Map<string, string[]>();
      for (const { bucket, name } of objects) byBucket.set(bucket, [...(byBucket.get(bucket) ?? []), name]);
      for (const [bucket, names] of byBucket) {
        for (let start = 0; start < names.length; start += 100) {
          const { data, error } = await storage.from(bucket).remove(names.slice(start, start + 100));
          if (error) throw new Error(`Storage refused to delete from ${bucket}: ${error.message}`);
          removed += data?.length ?? 0;
        }
      }
      return removed;
    },
    async signedUrl({ bucket, name }, expiresInSeconds) {
      const { data, error } = await storage.from(bucket).createSignedUrl(name, expiresInSeconds);
      if (error || !data) throw new Error(`Storage could not sign ${bucket}/${name}: ${error?.message}`);
      return data.signedUrl;
    },
  };
}
