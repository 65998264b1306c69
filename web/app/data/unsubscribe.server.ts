// Marketing opt-out by a signed unsubscribe token (public.unsubscribe_marketing, callable by
// anyone holding the link). Answers the organization's name, or null for a token that is not valid.
import type { Supabase } from '../utils/load-context.server.ts';
import { DataError } from './data-error.ts';

export async function unsubscribeMarketing(supabase: Supabase, token: string): Promise<string | null> {
  const { data, error } = await supabase.rpc('unsubscribe_marketing', { p_token: token });
  if (error) {
    if (error.message === 'invalid_token' || error.message === 'guest_not_found') return null;
    throw new DataError(error);
  }
  return data;
}
