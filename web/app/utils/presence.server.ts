// Who the signed-in user is to co-workers on a staff screen's presence line: the profile's
// display name (what the members page shows), else the e-mail; the role for screens that show it.
import { getProfile } from '../data/profiles.server.ts';
import type { SignedInUser } from './auth.server.ts';
import type { Supabase } from './load-context.server.ts';
import type { Role } from './roles.ts';

export interface PresenceUser {
  name: string;
  role: Role;
}

export async function presenceUser(supabase: Supabase, user: SignedInUser, role: Role): Promise<PresenceUser> {
  const profile = await getProfile(supabase, user.id);
  return { name: profile?.displayName?.trim() || user.email, role };
}
