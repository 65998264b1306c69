// The signed-in user's own profile (public.profiles: display name and photo) and the photo's
// file in the public `avatars` bucket, as the user: RLS lets them update only their row, and the
// bucket's policies let them write only under `<their user id>/`.
import type { PostgrestError } from '@supabase/supabase-js';
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';
import type { Saved } from './properties.server.ts';

export const AVATAR_BUCKET = 'avatars';

export interface Profile {
  displayName: string | null;
  /** The photo's public URL, or null without one. */
  avatarUrl: string | null;
  avatarPath: string | null;
  updatedAt: string;
}

/** The public URL of a photo (the bucket is public: no token needed to show it). */
export function avatarUrl(supabase: Supabase, path: string | null): string | null {
  return path ? supabase.storage.from(AVATAR_BUCKET).getPublicUrl(path).data.publicUrl : null;
}

export async function getProfile(supabase: Supabase, userId: string): Promise<Profile | null> {
  const { data, error } = await supabase
    .from('profiles')
    .select('display_name, avatar_path, updated_at')
    .eq('user_id', userId)
    .maybeSingle();
  if (error) throw new DataError(error);
  if (!data) return null;
  return {
    displayName: data.display_name,
    avatarPath: data.avatar_path,
    avatarUrl: avatarUrl(supabase, data.avatar_path),
    updatedAt: data.updated_at,
  };
}

/**
 * The name in the profile, which co-members and e-mails show, and in Auth's user_metadata (where
 * sign-up put it), so both say the same.
 */
export async function saveDisplayName(
  supabase: Supabase,
  userId: string,
  displayName: string,
): Promise<Saved<{ displayName: string }>> {
  const { error } = await supabase
    .from('profiles')
    .update({ display_name: displayName })
    .eq('user_id', userId)
    .select('user_id')
    .single();
  if (error) return { error };
  const auth = await supabase.auth.updateUser({ data: { display_name: displayName } });
  if (auth.error) return { error: authAsPostgrest(auth.error.code ?? 'unexpected_failure', auth.error.message) };
  return { row: { displayName } };
}

function authAsPostgrest(code: string, message: string): PostgrestError {
  return { code, message, details: '', hint: '', name: 'AuthError' } as PostgrestError;
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

/**
 * Uploads a new photo under the user's folder (a new name each time, so no cache shows the old
 * one), points the profile at it, then removes the previous file.
 */
export async function saveAvatar(
  supabase: Supabase,
  userId: string,
  file: File,
  previousPath: string | null,
): Promise<Saved<{ path: string }>> {
  const path = `${userId}/${crypto.randomUUID()}.${EXTENSIONS[file.type] ?? 'img'}`;
  const uploaded = await supabase.storage
    .from(AVATAR_BUCKET)
    .upload(path, file, { contentType: file.type, cacheControl: '31536000' });
  if (uploaded.error) {
    const status = 'statusCode' in uploaded.error ? String(uploaded.error.statusCode) : 'storage';
    return { error: authAsPostgrest(`storage_${status}`, uploaded.error.message) };
  }
  const refused = await setAvatarPath(supabase, userId, path);
  if (refused) {
    await supabase.storage.from(AVATAR_BUCKET).remove([path]);
    return { error: refused };
  }
  if (previousPath) await supabase.storage.from(AVATAR_BUCKET).remove([previousPath]);
  return { row: { path } };
}

export async function removeAvatar(
  supabase: Supabase,
  userId: string,
  previousPath: string | null,
): Promise<Saved<{ path: null }>> {
  const refused = await setAvatarPath(supabase, userId, null);
  if (refused) return { error: refused };
  if (previousPath) await supabase.storage.from(AVATAR_BUCKET).remove([previousPath]);
  return { row: { path: null } };
}

async function setAvatarPath(supabase: Supabase, userId: string, path: string | null): Promise<PostgrestError | null> {
  const { error } = await supabase
    .from('profiles')
    .update({ avatar_path: path })
    .eq('user_id', userId)
    .select('user_id')
    .single();
  return error;
}
