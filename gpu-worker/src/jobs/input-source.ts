// Where a job's input bytes come from. The worker reads documents through the Storage API of the
// gateway with the service key (the same path a deployed worker takes against Supabase), never
// from the storage folder behind its back.
import { createClient } from '@supabase/supabase-js';
import type { Database } from '../../../supabase/database.types.ts';
import { JobError } from './errors.ts';

export interface StorageObjectRef {
  bucket: string;
  name: string;
}

export interface InputSource {
  read(ref: StorageObjectRef, signal?: AbortSignal): Promise<{ bytes: Uint8Array; contentType: string | null }>;
  remove(ref: StorageObjectRef): Promise<void>;
}

/** Largest input read (the documents bucket allows 20 MiB, so the whole download is bounded). */
export const MAX_INPUT_BYTES = 25 * 1024 * 1024;

/** Refusals by Storage (a status) are classified; a failure without one never reached it. */
function storageFailure(error: { message: string; status?: number }, ref: StorageObjectRef): JobError {
  if (error.status === 400 || error.status === 404) {
    // Retried: an upload's bytes may still be on their way when its job starts.
    return new JobError('input_not_found', `The document ${ref.name} is not in storage.`, { retryable: true });
  }
  const what = error.status
    ? `Storage answered ${error.status} for ${ref.name}`
    : `Storage could not be reached: ${error.message}`;
  return new JobError('storage_unavailable', `${what}.`, { retryable: true, cause: error });
}

/** Inputs through the official client with the service key, as a deployed worker reads them from Supabase. */
export function createStorageInputSource(options: { apiUrl: string; serviceKey: string }): InputSource {
  const storage = createClient<Database>(options.apiUrl, options.serviceKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  }).storage;
  return {
    async read(ref, signal) {
      const { data, error } = await storage.from(ref.bucket).download(ref.name, {}, { signal });
      if (error) throw storageFailure(error as { message: string; status?: number }, ref);
      if (data.size > MAX_INPUT_BYTES) {
        throw new JobError('input_too_large', `The document is larger than ${MAX_INPUT_BYTES} bytes.`, {
          retryable: false,
        });
      }
      return { bytes: new Uint8Array(await data.arrayBuffer()), contentType: data.type || null };
    },

    async remove(ref) {
      // Removing what is not there is no error (Storage answers with an empty list).
      const { error } = await storage.from(ref.bucket).remove([ref.name]);
      const status = (error as { status?: number } | null)?.status;
      if (error && status !== 400 && status !== 404) throw storageFailure(error, ref);
    },
  };
}
