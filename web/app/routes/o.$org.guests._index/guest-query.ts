// The guest list's URL: ?q= (name, email or phone), ?sort=name|last_stay and ?page=. Anything
// malformed falls back to the default rather than failing the page.
import { z } from 'zod';

export interface GuestQuery {
  q: string;
  sort: 'name' | 'last_stay';
  page: number;
}

const QuerySchema = z.object({
  q: z
    .string()
    .catch('')
    .transform((q) => q.trim().slice(0, 200)),
  sort: z.enum(['name', 'last_stay']).catch('name'),
  page: z.coerce.number<string>().int().min(1).max(40_000).catch(1),
});

export function readGuestQuery(url: URL): GuestQuery {
  return QuerySchema.parse({
    q: url.searchParams.get('q') ?? '',
    sort: url.searchParams.get('sort') ?? 'name',
    page: url.searchParams.get('page') ?? '1',
  });
}

/** The search string of a list URL, leaving out defaults. */
export function guestSearch(query: Partial<GuestQuery>): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.sort && query.sort !== 'name') params.set('sort', query.sort);
  if (query.page && query.page > 1) params.set('page', String(query.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}
