// Where a job's input bytes come from. The worker reads documents through the Storage API of the
// gateway with the service key (the same path a deployed worker takes against Supabase), never
// from the storage folder behind its back.
import { JobError } from './errors.ts';

export interface StorageObjectRef {
  bucket: string;
  name: string;
}

export interface InputSource {
  read(ref: StorageObjectRef, signal?: AbortSignal): Promise<{ bytes: Uint8Array; contentType: string | null }>;
  remove(ref: StorageObjectRef): Promise<void>;
}

/** Largest input read (the documents bucket allows 20 MiB). */
export const MAX_INPUT_BYTES = 25 * 1024 * 1024;

function objectUrl(apiUrl: string, ref: StorageObjectRef, authenticated: boolean): string {
  const path = ref.name.split('/').map(encodeURIComponent).join('/');
  const prefix = authenticated ? 'object/authenticated' : 'object';
  return `${apiUrl.replace(/\/+$/, '')}/storage/v1/${prefix}/${encodeURIComponent(ref.bucket)}/${path}`;
}

export function createStorageInputSource(options: { apiUrl: string; serviceKey: string }): InputSource {
  const headers = { apikey: options.serviceKey, authorization: `Bearer ${options.serviceKey}` };
  return {
    async read(ref, signal) {
      let response: Response;
      try {
        response = await fetch(objectUrl(options.apiUrl, ref, true), { headers, signal });
      } catch (error) {
        throw new JobError('storage_unavailable', `Storage could not be reached: ${(error as Error).message}`, {
          retryable: true,
          cause: error,
        });
      }
      if (response.status === 400 || response.status === 404) {
        await response.body?.cancel();
        // Retried: an upload's bytes may still be on their way when its job starts.
        throw new JobError('input_not_found', `The document ${ref.name} is not in storage.`, { retryable: true });
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new JobError('storage_unavailable', `Storage answered ${response.status} for ${ref.name}.`, {
          retryable: true,
        });
      }
      const declared = Number(response.headers.get('content-length') ?? '0');
      if (declared > MAX_INPUT_BYTES) {
        await response.body?.cancel();
        throw new JobError('input_too_large', `The document is larger than ${MAX_INPUT_BYTES} bytes.`, {
          retryable: false,
        });
      }
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes.byteLength > MAX_INPUT_BYTES) {
        throw new JobError('input_too_large', `The document is larger than ${MAX_INPUT_BYTES} bytes.`, {
          retryable: false,
        });
      }
      return { bytes, contentType: response.headers.get('content-type') };
    },

    async remove(ref) {
      const response = await fetch(objectUrl(options.apiUrl, ref, false), { method: 'DELETE', headers });
      await response.body?.cancel();
      if (!response.ok && response.status !== 404 && response.status !== 400) {
        throw new JobError('storage_unavailable', `Storage answered ${response.status} deleting ${ref.name}.`, {
          retryable: true,
        });
      }
    },
  };
}
