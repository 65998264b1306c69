// Files of an organization in the public org-assets bucket, written through the Storage API as
// the signed-in user: its policies let managers and up write under `<organization id>/`.
import { randomUUID } from 'node:crypto';
import type { Supabase } from '../utils/load-context.server.ts';

/** An upload's object path, or Storage's refusal (its `statusCode`/`error` code, as a string). */
export type Uploaded = { path: string; error?: never } | { path?: never; error: string };

/** Stores a logo under `<organization id>/logo/` with a new name, so caches never show an old one. */
export async function uploadLogo(
  supabase: Supabase,
  organizationId: string,
  file: File,
  extension: string,
): Promise<Uploaded> {
  const path = `${organizationId}/logo/${randomUUID()}.${extension}`;
  const { error } = await supabase.storage.from('org-assets').upload(path, file, {
    contentType: file.type,
    cacheControl: '31536000',
    upsert: false,
  });
  return error ? { error: error.message } : { path };
}

/** Removes an object; a failure leaves an orphan file, never a broken page, so it is not raised. */
export async function removeAsset(supabase: Supabase, path: string): Promise<void> {
  await supabase.storage.from('org-assets').remove([path]);
}
