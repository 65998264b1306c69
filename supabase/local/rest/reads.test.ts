// Reads through supabase-js, unchanged: select trees (aliases, casts, JSON paths, spreads, every
// kind of embedded resource and its disambiguation), filters and logic trees, ordering, paging,
// counts and media types, with PostgREST's statuses and error bodies.
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../tests/support/db.ts';
import { createLibrary } from './test-schema.ts';
import { plainClient, restFetch, useRestStack, userClient, useTenants } from './test-support.ts';

const stack = useRestStack();
const tenants = useTenants(stack);
let db: SupabaseClient;

beforeAll(async () => {
  await createLibrary(stack);
  db = await plainClient(stack, await createUser(stack.admin, 'reader'));
});

const codeOf = async (response: Response) => ((await response.json()) as { code: string }).code;
const titles = (rows: { title: string }[] | null) => rows?.map((row) => row.title);

describe('select', () => {
  it('selects columns, aliases, casts and JSON paths', async () => {
    const { data, error } = await db
      .from('t_authors')
      .select('id, label:name, born::text, city:data->address->>city, awards:data->awards, data->>missing')
      .order('id');
    expect(error).toBeNull();
    expect(data?.[0]).toEqual({
      id: 1,
      label: 'Ursula',
      born: '1929-10-21',
      city: 'Portland',
      awards: 8,
      missing: null,
    });
    expect(data?.[2]).toMatchObject({ born: null, awards: null });
  });

  it('computes columns from functions over the row type', async () => {
    const { data } = await db.from('t_authors').select('id, author_label').eq('id', 2).single();
    expect(data).toEqual({ id: 2, author_label: 'Octavia #2' });
  });

  it('embeds many-to-one, one-to-many and many-to-many resources', async () => {
    const { data, error } = await db
      .from('t_books')
      .select('title, author:t_authors!t_books_author_fkey(name), t_genres(name)')
      .eq('id', 3)
      .single();
    expect(error).toBeNull();
    expect(data).toEqual({
      title: 'Kindred',
      author: { name: 'Octavia' },
      t_genres: [{ name: 'Science fiction' }, { name: 'History' }],
    });
    const authors = await db.from('t_authors').select('name, t_books!t_books_author_fkey(title)').eq('id', 1).single();
    expect(titles(authors.data?.t_books ?? null)?.sort()).toEqual(['A Wizard of Earthsea', 'The Dispossessed']);
  });

  it('embeds by the key column and the constraint name, and self-references', async () => {
    const byColumn = await db.from('t_books').select('title, editor_id(name)').eq('id', 1).single();
    expect(byColumn.data).toEqual({ title: 'The Dispossessed', editor_id: { name: 'Octavia' } });
    const byConstraint = await db.from('t_books').select('title, t_books_editor_fkey(name)').eq('id', 3).single();
    expect(byConstraint.data).toEqual({ title: 'Kindred', t_books_editor_fkey: { name: 'Ursula' } });
    const parent = await db.from('t_authors').select('name, parent:parent_id(name)').eq('id', 2).single();
    expect(parent.data).toEqual({ name: 'Octavia', parent: { name: 'Ursula' } });
    // The key's column names both directions of a self-reference: PostgREST calls it ambiguous.
    const children = await db.from('t_authors').select('name, children:t_authors!parent_id(name)');
    expect(children.status).toBe(300);
    expect(children.error?.code).toBe('PGRST201');
  });

  it('answers PGRST201 (300) for an ambiguous embed and PGRST200 for an unknown one', async () => {
    const ambiguous = await db.from('t_books').select('title, t_authors(name)');
    expect(ambiguous.status).toBe(300);
    expect(ambiguous.error?.code).toBe('PGRST201');
    expect(ambiguous.error?.hint).toContain("'t_authors!t_books_author_fkey'");
    expect(Array.isArray(ambiguous.error?.details)).toBe(true);
    const unknown = await db.from('t_books').select('title, publishers(name)');
    expect(unknown.status).toBe(400);
    expect(unknown.error).toMatchObject({ code: 'PGRST200' });
    expect(unknown.error?.message).toBe(
      "Could not find a relationship between 't_books' and 'publishers' in the schema cache",
    );
  });

  it('embeds through a view that shows the key columns', async () => {
    const { data, error } = await db.from('t_book_titles').select('title, t_authors(name)').eq('id', 4).single();
    expect(error).toBeNull();
    expect(data).toEqual({ title: 'Invisible Cities', t_authors: { name: 'Italo' } });
  });

  it('filters, orders and limits embedded resources, and !inner filters the parents', async () => {
    const { data } = await db
      .from('t_authors')
      .select('name, books:t_books!t_books_author_fkey(title, pages)')
      .eq('books.pages', 183)
      .order('id');
    expect(data?.map((row) => [row.name, row.books.length])).toEqual([
      ['Ursula', 1],
      ['Octavia', 0],
      ['Italo', 0],
    ]);
    const inner = await db
      .from('t_authors')
      .select('name, books:t_books!t_books_author_fkey!inner(title)')
      .like('books.title', '*Earth*');
    expect(inner.data).toEqual([{ name: 'Ursula', books: [{ title: 'A Wizard of Earthsea' }] }]);
    const ordered = await db
      .from('t_authors')
      .select('name, books:t_books!t_books_author_fkey(title)')
      .eq('id', 1)
      .order('title', { referencedTable: 'books', ascending: false })
      .limit(1, { referencedTable: 'books' })
      .single();
    expect(ordered.data).toEqual({ name: 'Ursula', books: [{ title: 'The Dispossessed' }] });
    const notNull = await db
      .from('t_books')
      .select('title, editor:t_authors!t_books_editor_fkey(name)')
      .not('editor', 'is', null)
      .order('id');
    expect(titles(notNull.data)).toEqual(['The Dispossessed', 'Kindred']);
  });

  it('spreads to-one resources into the parent', async () => {
    const { data, error } = await db
      .from('t_books')
      .select('title, ...t_authors!t_books_author_fkey(author_name:name)')
      .eq('id', 2)
      .single();
    expect(error).toBeNull();
    expect(data).toEqual({ title: 'A Wizard of Earthsea', author_name: 'Ursula' });
  });

  it('refuses unknown columns (42703) and aggregates (PGRST123), and bad syntax (PGRST100)', async () => {
    const column = await db.from('t_books').select('nope');
    expect(column.status).toBe(400);
    expect(column.error).toMatchObject({ code: '42703', message: 'column t_books.nope does not exist' });
    const aggregate = await restFetch(stack, '/t_books?select=pages.sum()');
    expect(aggregate.status).toBe(400);
    expect(await codeOf(aggregate)).toBe('PGRST123');
    const syntax = await restFetch(stack, '/t_books?select=title,(');
    expect(syntax.status).toBe(400);
    expect(await syntax.json()).toMatchObject({ code: 'PGRST100', hint: null });
  });
});

describe('filters', () => {
  it('compares, matches patterns and lists', async () => {
    const byAuthor = await db.from('t_books').select('id').eq('author_id', 1).order('id');
    expect(byAuthor.data).toEqual([{ id: 1 }, { id: 2 }]);
    const run = async (query: string) => {
      const response = await restFetch(stack, `/t_books?select=id&order=id&${query}`);
      expect(response.status, query).toBe(200);
      return ((await response.json()) as { id: number }[]).map((row) => row.id);
    };
    expect(await run('pages=gt.200')).toEqual([1, 3]);
    expect(await run('pages=gte.183&pages=lt.300')).toEqual([2, 3]);
    expect(await run('pages=lte.183')).toEqual([2]);
    expect(await run('author_id=neq.1')).toEqual([3, 4]);
    expect(await run('title=like.*of*')).toEqual([2]);
    expect(await run('title=ilike.*KIN*')).toEqual([3]);
    expect(await run('title=match.^[AI]')).toEqual([2, 4]);
    expect(await run('title=imatch.^the')).toEqual([1]);
    expect(await run('id=in.(1,3,"4")')).toEqual([1, 3, 4]);
    expect(await run('id=in.()')).toEqual([]);
    expect(await run('pages=is.null')).toEqual([4]);
    expect(await run('pages=not.is.null')).toEqual([1, 2, 3]);
    expect(await run('editor_id=isdistinct.2')).toEqual([2, 3, 4]);
    expect(await run('tags=cs.{scifi}')).toEqual([1, 3]);
    expect(await run('tags=cd.{scifi,utopia,fantasy}')).toEqual([1, 2, 4]);
    expect(await run('tags=ov.{history,fantasy}')).toEqual([2, 3]);
    expect(await run('pages=not.gt.200')).toEqual([2]);
    expect(await run('title=like(any).{*Cities,Kin*}')).toEqual([3, 4]);
    expect(await run('id=eq(any).{1,2}')).toEqual([1, 2]);
    expect(await run('title=like(all).{*a*,*e*}')).toEqual([2]);
  });

  it('compares ranges as PostgREST names the operators (nxr is &<, nxl is &>)', async () => {
    const run = async (query: string) => {
      const response = await restFetch(stack, `/rpc/t_ranges?select=id&order=id&${query}`);
      expect(response.status, query).toBe(200);
      return ((await response.json()) as { id: number }[]).map((row) => row.id);
    };
    expect(await run('during=sl.[10,20)'), 'strictly left of').toEqual([1, 2]);
    expect(await run('during=sr.[1,5)'), 'strictly right of').toEqual([2, 3]);
    expect(await run('during=nxr.[1,6)'), 'does not extend to the right of').toEqual([1]);
    expect(await run('during=nxl.[5,10)'), 'does not extend to the left of').toEqual([2, 3]);
    expect(await run('during=adj.[5,10)'), 'adjacent to').toEqual([1, 3]);
    expect(await run('during=ov.[4,6)'), 'overlaps').toEqual([1, 2]);
  });

  it('searches text (fts, plfts, phfts, wfts with a language)', async () => {
    const search = async (query: string) =>
      ((await (await restFetch(stack, `/t_books?select=id&order=id&${query}`)).json()) as { id: number }[]).map(
        (row) => row.id,
      );
    expect(await search('summary=fts.utopia')).toEqual([1]);
    expect(await search('summary=plfts(english).young wizard')).toEqual([2]);
    expect(await search('summary=phfts(english).twin planets')).toEqual([1]);
    expect(await search('summary=wfts(english).cities -utopia')).toEqual([4]);
    const { data } = await db.from('t_books').select('id').textSearch('summary', "'time' & 'woman'");
    expect(data).toEqual([{ id: 3 }]);
  });

  it('filters on JSON paths and nested logic trees', async () => {
    const city = await db.from('t_authors').select('id').eq('data->address->>city', 'Pasadena');
    expect(city.data).toEqual([{ id: 2 }]);
    const awards = await db.from('t_authors').select('id').gt('data->awards', 5);
    expect(awards.data).toEqual([{ id: 1 }]);
    const tree = await db
      .from('t_books')
      .select('id')
      .or('pages.is.null,and(author_id.eq.1,pages.lt.200),title.eq."Kindred"')
      .order('id');
    expect(tree.data).toEqual([{ id: 2 }, { id: 3 }, { id: 4 }]);
    const negated = await restFetch(stack, '/t_books?select=id&order=id&not.or=(id.eq.1,id.eq.2)');
    expect(await negated.json()).toEqual([{ id: 3 }, { id: 4 }]);
    const nested = await restFetch(stack, '/t_books?select=id&order=id&and=(id.gt.1,or(tags.cs.{scifi},id.in.(2,4)))');
    expect(await nested.json()).toEqual([{ id: 2 }, { id: 3 }, { id: 4 }]);
  });

  it('refuses unknown operators and malformed values with PGRST100, bad values with their SQLSTATE', async () => {
    const operator = await restFetch(stack, '/t_books?id=foo.1');
    expect(operator.status).toBe(400);
    expect(await codeOf(operator)).toBe('PGRST100');
    const value = await db.from('t_books').select('id').eq('id', 'not-a-number');
    expect(value.status).toBe(400);
    expect(value.error?.code).toBe('22P02');
    const logic = await restFetch(stack, '/t_books?or=(id.eq.1');
    expect(logic.status).toBe(400);
    expect(await codeOf(logic)).toBe('PGRST100');
  });
});

describe('order, paging and counts', () => {
  it('orders by columns, JSON paths and to-one embedded columns, with nulls placement', async () => {
    const pages = await db.from('t_books').select('id').order('pages', { ascending: false, nullsFirst: true });
    expect(pages.data?.map((row) => row.id)).toEqual([4, 1, 3, 2]);
    const json = await restFetch(stack, '/t_authors?select=id&order=data->address->>city.desc');
    expect(await json.json()).toEqual([{ id: 3 }, { id: 1 }, { id: 2 }]);
    const related = await restFetch(
      stack,
      '/t_books?select=id,author:t_authors!t_books_author_fkey(name)&order=author(name).asc,id.desc',
    );
    expect(((await related.json()) as { id: number }[]).map((row) => row.id)).toEqual([4, 3, 2, 1]);
  });

  it('pages with limit/offset and Range, and reports Content-Range, 206 and 416 with counts', async () => {
    const { data, count, status } = await db.from('t_books').select('id', { count: 'exact' }).order('id').range(1, 2);
    expect(data).toEqual([{ id: 2 }, { id: 3 }]);
    expect(count).toBe(4);
    expect(status).toBe(206);
    const header = await restFetch(stack, '/t_books?select=id&order=id', {
      headers: { Range: '0-1', Prefer: 'count=exact' },
    });
    expect(header.status).toBe(206);
    expect(header.headers.get('content-range')).toBe('0-1/4');
    const all = await restFetch(stack, '/t_books?select=id', { headers: { Prefer: 'count=exact' } });
    expect(all.status).toBe(200);
    expect(all.headers.get('content-range')).toBe('0-3/4');
    const uncounted = await restFetch(stack, '/t_books?select=id&limit=2');
    expect(uncounted.headers.get('content-range')).toBe('0-1/*');
    const beyond = await restFetch(stack, '/t_books?select=id&offset=10', { headers: { Prefer: 'count=exact' } });
    expect(beyond.status).toBe(416);
    expect(await beyond.json()).toMatchObject({ code: 'PGRST103', message: 'Requested range not satisfiable' });
    const head = await db.from('t_books').select('*', { count: 'exact', head: true }).gt('pages', 200);
    expect(head).toMatchObject({ count: 2, data: null, error: null });
    const planned = await db.from('t_books').select('id', { count: 'planned', head: true });
    expect(planned.count).toBeGreaterThan(0);
    const estimated = await db.from('t_books').select('id', { count: 'estimated', head: true });
    expect(estimated.count).toBe(4);
  });

  it('caps every page at [api].max_rows', async () => {
    const response = await restFetch(stack, '/t_numbers_missing');
    expect(response.status).toBe(404);
    const big = await db.rpc('t_numbers', { n: stack.config.api.max_rows + 5 }, { get: true });
    expect(big.error).toBeNull();
    // Scalar sets are not paged by PostgREST either; table results are (checked on bookings below).
    const rows = await (await userClient(stack, tenants.a.members.owner)).from('bookings').select('id').limit(5000);
    expect(rows.error).toBeNull();
    expect(rows.data?.length).toBeLessThanOrEqual(stack.config.api.max_rows);
  });
});

describe('media types and profiles', () => {
  it('answers single objects (406 PGRST116 otherwise), maybeSingle, CSV and stripped nulls', async () => {
    const single = await db.from('t_books').select('title').eq('id', 1).single();
    expect(single.data).toEqual({ title: 'The Dispossessed' });
    const many = await db.from('t_books').select('title').single();
    expect(many.status).toBe(406);
    expect(many.error).toMatchObject({ code: 'PGRST116', details: 'The result contains 4 rows' });
    const none = await db.from('t_books').select('title').eq('id', 99).maybeSingle();
    expect(none).toMatchObject({ data: null, error: null });
    const csv = await db.from('t_books').select('id, title, tags').in('id', [1, 4]).order('id').csv();
    expect(csv.data).toBe('id,title,tags\n1,The Dispossessed,"[""scifi"",""utopia""]"\n4,Invisible Cities,[]');
    const stripped = await db.from('t_books').select('id, pages').eq('id', 4).stripNulls();
    expect(stripped.data).toEqual([{ id: 4 }]);
  });

  it('serves other exposed schemas only (PGRST106) and answers unknown tables with PGRST205', async () => {
    const profile = await restFetch(stack, '/t_books', { headers: { 'Accept-Profile': 'auth' } });
    expect(profile.status).toBe(406);
    expect(await profile.json()).toMatchObject({
      code: 'PGRST106',
      message: 'The schema must be one of the following: public, graphql_public',
    });
    const { error, status } = await db.schema('private').from('anything').select();
    expect(status).toBe(406);
    expect(error?.code).toBe('PGRST106');
    const missing = await db.from('t_book').select();
    expect(missing.status).toBe(404);
    expect(missing.error).toMatchObject({
      code: 'PGRST205',
      message: "Could not find the table 'public.t_book' in the schema cache",
    });
    expect(missing.error?.hint).toContain('public.t_books');
  });

  it('serves the OpenAPI description of what the caller may use', async () => {
    const response = await restFetch(stack, '/');
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      swagger: string;
      paths: Record<string, unknown>;
      definitions: Record<string, { properties: Record<string, unknown> }>;
    };
    expect(document.swagger).toBe('2.0');
    expect(document.paths['/t_books']).toBeDefined();
    expect(document.paths['/rpc/t_add']).toBeDefined();
    expect(Object.keys(document.definitions.t_books?.properties ?? {})).toContain('title');
  });
});

describe('RLS decides every row', () => {
  it('shows a member only their organization, and anon nothing', async () => {
    const a = await userClient(stack, tenants.a.members.staff);
    const { data } = await a.from('properties').select('id, organization_id');
    expect(data?.length).toBeGreaterThan(0);
    expect(data?.every((row) => row.organization_id === tenants.a.organizationId)).toBe(true);
    const anon = await plainClient(stack);
    const bookings = await anon.from('bookings').select('id');
    expect(bookings.data ?? []).toEqual([]);
    const restricted = await userClient(stack, tenants.a.restrictedStaff);
    const visible = await restricted.from('bookings').select('property_id');
    expect(new Set(visible.data?.map((row) => row.property_id))).toEqual(new Set([tenants.a.propertyIds[0]]));
  });
});

describe('the schema cache', () => {
  it('follows DDL without a restart (the event triggers notify pgrst)', async () => {
    await stack.admin.unsafe(`
      create table public.t_late (id int primary key, label text);
      alter table public.t_late enable row level security;
      create policy read_all on public.t_late for select to authenticated using (true);
      insert into public.t_late values (1, 'arrived');`);
    await expect
      .poll(async () => (await db.from('t_late').select('label')).data, { timeout: 10_000 })
      .toEqual([{ label: 'arrived' }]);
    await stack.admin.unsafe('drop table public.t_late');
    await expect.poll(async () => (await db.from('t_late').select('label')).status, { timeout: 10_000 }).toBe(404);
  });
});

describe('HEAD', () => {
  it('counts the page and the total without a body, embedded filters included', async () => {
    const response = await restFetch(
      stack,
      '/t_authors?select=name,books:t_books!t_books_author_fkey!inner(title)&books.pages=gt.200&offset=1',
      {
        method: 'HEAD',
        headers: { Prefer: 'count=exact' },
      },
    );
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('1-1/2');
    expect(await response.text()).toBe('');
    const plain = await restFetch(stack, '/t_books?select=title,t_genres(name)&t_genres.name=eq.History', {
      method: 'HEAD',
    });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-range')).toBe('0-3/*');
  });
});
