// Writes through supabase-js, unchanged: inserts (single, bulk, CSV, defaults), upserts, PUT,
// PATCH and DELETE with filters, return preferences, max-affected and tx=rollback, and the
// statuses PostgREST gives constraint and privilege errors.
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../tests/support/db.ts';
import { createLibrary } from './test-schema.ts';
import { plainClient, restFetch, useRestStack, userClient, userToken, useTenants } from './test-support.ts';

const stack = useRestStack();
const tenants = useTenants(stack);
let db: SupabaseClient;
let token: string;

beforeAll(async () => {
  await createLibrary(stack);
  const user = await createUser(stack.admin, 'writer');
  db = await plainClient(stack, user);
  token = await userToken(stack, user);
});

const authorRow = async (id: number) => (await stack.admin`select * from public.t_authors where id = ${id}`)[0];

describe('insert', () => {
  it('inserts one row and answers 201 with nothing by default, or the row as representation', async () => {
    const minimal = await db.from('t_authors').insert({ id: 10, name: 'Jorge' });
    expect(minimal).toMatchObject({ status: 201, data: null, error: null });
    expect(await authorRow(10)).toMatchObject({ name: 'Jorge' });
    const { data, status } = await db
      .from('t_books')
      .insert({ id: 10, author_id: 10, title: 'Ficciones', tags: ['short', 'stories'], pages: 174 })
      .select('id, title, tags, created_at, author:t_authors!t_books_author_fkey(name)')
      .single();
    expect(status).toBe(201);
    expect(data).toMatchObject({ id: 10, title: 'Ficciones', tags: ['short', 'stories'], author: { name: 'Jorge' } });
    expect(typeof data?.created_at).toBe('string');
  });

  it('inserts in bulk with columns=, nulls for absent keys, or defaults with missing=default', async () => {
    const bulk = await db
      .from('t_notes')
      .insert([{ body: 'first', author_id: 1 }, { body: 'second' }])
      .select('body, author_id');
    expect(bulk.error).toBeNull();
    expect(bulk.data).toEqual([
      { body: 'first', author_id: 1 },
      { body: 'second', author_id: null },
    ]);
    const defaults = await db
      .from('t_notes')
      .insert([{ body: 'third', author_id: 2 }, { author_id: 3 }], { defaultToNull: false })
      .select('body, author_id');
    expect(defaults.data).toEqual([
      { body: 'third', author_id: 2 },
      { body: 'empty', author_id: 3 },
    ]);
    const nulls = await db.from('t_notes').insert([{ body: 'x' }, { author_id: 1 }]);
    expect(nulls.status).toBe(400);
    expect(nulls.error?.code).toBe('23502');
    expect(await stack.admin`select 1 from public.t_notes where body = 'x'`).toHaveLength(0);
  });

  it('inserts CSV bodies and answers Location with return=headers-only', async () => {
    const csv = await restFetch(stack, '/t_genres', {
      method: 'POST',
      token,
      headers: { 'Content-Type': 'text/csv', Prefer: 'return=representation' },
      body: 'id,name\n10,"Poetry, mostly"\n11,Drama',
    });
    expect(csv.status).toBe(403); // genres have no insert policy: RLS refuses the authenticated role
    const notes = await restFetch(stack, '/t_notes?select=body,author_id', {
      method: 'POST',
      token,
      headers: { 'Content-Type': 'text/csv', Prefer: 'return=representation' },
      body: 'body,author_id\n"Poetry, mostly",1\nDrama,',
    });
    expect(notes.status).toBe(201);
    expect(await notes.json()).toEqual([
      { body: 'Poetry, mostly', author_id: 1 },
      { body: 'Drama', author_id: null },
    ]);
    const located = await restFetch(stack, '/t_authors', {
      method: 'POST',
      token,
      headers: { 'Content-Type': 'application/json', Prefer: 'return=headers-only' },
      body: JSON.stringify({ id: 11, name: 'Clarice' }),
    });
    expect(located.status).toBe(201);
    expect(located.headers.get('location')).toBe('/t_authors?id=eq.11');
  });

  it('maps constraint errors: 409 for unique and foreign keys, 400 for checks, PGRST204 for unknown columns', async () => {
    const duplicate = await db.from('t_authors').insert({ id: 1, name: 'Again' });
    expect(duplicate.status).toBe(409);
    // PostgreSQL leaves the key out of the detail on tables with RLS (no leak of other rows' keys).
    expect(duplicate.error).toMatchObject({ code: '23505', details: null });
    const orphan = await db.from('t_books').insert({ id: 20, author_id: 999, title: 'Orphan' });
    expect(orphan.status).toBe(409);
    expect(orphan.error?.code).toBe('23503');
    const check = await db.from('t_books').insert({ id: 21, author_id: 1, title: 'Thin', pages: 0 });
    expect(check.status).toBe(400);
    expect(check.error?.code).toBe('23514');
    const unknown = await db.from('t_books').insert({ id: 22, author_id: 1, title: 'X', colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.error).toMatchObject({
      code: 'PGRST204',
      message: "Could not find the 'colour' column of 't_books' in the schema cache",
    });
    const generated = await db.from('t_notes').insert({ id: 5, body: 'identity' });
    expect(generated.status).toBe(400);
    expect(generated.error?.code).toBe('428C9');
  });

  it('refuses bodies that are not objects, invalid JSON and mismatched keys with PGRST102', async () => {
    for (const body of ['[1,2]', '"text"', '{"id": 1', '']) {
      const response = await restFetch(stack, '/t_notes', {
        method: 'POST',
        token,
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      expect(response.status, body).toBe(400);
      expect(((await response.json()) as { code: string }).code, body).toBe('PGRST102');
    }
    const mismatched = await restFetch(stack, '/t_notes', {
      method: 'POST',
      token,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify([{ body: 'a' }, { author_id: 1 }]),
    });
    expect(mismatched.status).toBe(400);
    expect(await mismatched.json()).toMatchObject({ code: 'PGRST102', message: 'All object keys must match' });
  });
});

describe('upsert and PUT', () => {
  it('merges duplicates on the primary key or on_conflict, or ignores them', async () => {
    const merged = await db
      .from('t_authors')
      .upsert([
        { id: 3, name: 'Italo Calvino' },
        { id: 12, name: 'Wisława' },
      ])
      .select('id, name')
      .order('id');
    expect(merged.error).toBeNull();
    expect(merged.data).toEqual([
      { id: 3, name: 'Italo Calvino' },
      { id: 12, name: 'Wisława' },
    ]);
    const ignored = await db
      .from('t_authors')
      .upsert({ id: 3, name: 'Someone else' }, { ignoreDuplicates: true })
      .select();
    expect(ignored.data).toEqual([]);
    expect((await authorRow(3))?.name).toBe('Italo Calvino');
    const byEmail = await db
      .from('t_authors')
      .upsert({ id: 13, email: 'ursula@example.test', name: 'Ursula K. Le Guin' }, { onConflict: 'email' })
      .select('id, name');
    expect(byEmail.error?.code).toBe('23503'); // the merge would move author 1 to 13 under their books
    const byEmailSameId = await db
      .from('t_authors')
      .upsert({ id: 1, email: 'ursula@example.test', name: 'Ursula K. Le Guin' }, { onConflict: 'email' })
      .select('id, name')
      .single();
    expect(byEmailSameId.data).toEqual({ id: 1, name: 'Ursula K. Le Guin' });
    const badConflict = await db.from('t_authors').upsert({ id: 1, name: 'x' }, { onConflict: 'nope' });
    expect(badConflict.status).toBe(400);
    expect(badConflict.error?.code).toBe('PGRST204');
  });

  it('PUT upserts the one row its primary-key filters name', async () => {
    const put = (query: string, body: unknown) =>
      restFetch(stack, `/t_genres${query}`, {
        method: 'PUT',
        token: undefined,
        headers: { 'Content-Type': 'application/json', Prefer: 'return=representation', apikey: stack.keys.secret_key },
        body: JSON.stringify(body),
      });
    const created = await put('?id=eq.20', { id: 20, name: 'Essays' });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual([{ id: 20, name: 'Essays' }]);
    const replaced = await put('?id=eq.20', { id: 20, name: 'Essays and letters' });
    expect(await replaced.json()).toEqual([{ id: 20, name: 'Essays and letters' }]);
    const mismatch = await put('?id=eq.20', { id: 21, name: 'Other' });
    expect(mismatch.status).toBe(400);
    expect(((await mismatch.json()) as { code: string }).code).toBe('PGRST115');
    const notKey = await put('?name=eq.Essays', { id: 20, name: 'Essays' });
    expect(notKey.status).toBe(405);
    expect(((await notKey.json()) as { code: string }).code).toBe('PGRST105');
  });
});

describe('update and delete', () => {
  it('updates the filtered rows and answers 204, or the rows with representation', async () => {
    const none = await db.from('t_books').update({ pages: 200 }).eq('id', 2);
    expect(none).toMatchObject({ status: 204, error: null });
    const { data, count } = await db
      .from('t_books')
      .update({ summary: 'Updated' }, { count: 'exact' })
      .in('id', [1, 2])
      .select('id, summary, pages')
      .order('id');
    expect(data).toEqual([
      { id: 1, summary: 'Updated', pages: 387 },
      { id: 2, summary: 'Updated', pages: 200 },
    ]);
    expect(count).toBe(2);
    // Rows leave the filter by the update and are still returned (filters apply to the old rows).
    const moved = await db.from('t_books').update({ pages: 201 }).eq('pages', 200).select('id');
    expect(moved.data).toEqual([{ id: 2 }]);
  });

  it('refuses unfiltered updates and deletes as hosted Supabase does (pg-safeupdate)', async () => {
    const update = await db.from('t_notes').update({ body: 'all' });
    expect(update.status).toBe(400);
    expect(update.error).toMatchObject({ code: '21000', message: 'UPDATE requires a WHERE clause' });
    const remove = await restFetch(stack, '/t_notes', { method: 'DELETE', token });
    expect(remove.status).toBe(400);
  });

  it('deletes the filtered rows, honours max-affected and tx=rollback', async () => {
    await stack.admin`insert into public.t_notes (body) values ('d1'), ('d2'), ('d3')`;
    // supabase-js types .maxAffected() for PostgREST 13 only: the same headers by hand.
    const strict = await restFetch(stack, '/t_notes?body=like.d*', {
      method: 'DELETE',
      token,
      headers: { Prefer: 'handling=strict, max-affected=2' },
    });
    expect(strict.status).toBe(400);
    expect(await strict.json()).toMatchObject({ code: 'PGRST124' });
    expect(await stack.admin`select 1 from public.t_notes where body like 'd%'`).toHaveLength(3);
    const rolledBack = await db.from('t_notes').delete().like('body', 'd*').select('body').rollback();
    expect(rolledBack.data).toHaveLength(3);
    expect(await stack.admin`select 1 from public.t_notes where body like 'd%'`).toHaveLength(3);
    const deleted = await db.from('t_notes').delete().eq('body', 'd1').select('body').single();
    expect(deleted.data).toEqual({ body: 'd1' });
    const single = await db.from('t_notes').delete().like('body', 'd*').select().single();
    expect(single.status).toBe(406);
    expect(await stack.admin`select 1 from public.t_notes where body like 'd%'`).toHaveLength(2);
  });

  it('lets RLS decide: rows a policy hides are not updated, anon is 401, authenticated 403', async () => {
    await stack.admin`insert into public.t_books (id, author_id, title) values (1001, 1, 'Hidden from writes')`;
    const hidden = await db.from('t_books').update({ title: 'Changed' }).eq('id', 1001).select();
    expect(hidden.data).toEqual([]);
    expect((await stack.admin`select title from public.t_books where id = 1001`)[0]?.title).toBe('Hidden from writes');
    const anon = await (await plainClient(stack)).from('t_authors').insert({ id: 50, name: 'Anonymous' });
    expect(anon.status).toBe(401);
    expect(anon.error?.code).toBe('42501');
    const withCheck = await db.from('t_books').insert({ id: 2000, author_id: 1, title: 'Too high' });
    expect(withCheck.status).toBe(403);
    expect(withCheck.error?.code).toBe('42501');
  });
});

describe('Roost tables through the Data API', () => {
  it('reads what a role may read and refuses direct writes that only RPCs may make', async () => {
    const manager = await userClient(stack, tenants.a.members.manager);
    const direct = await manager
      .from('guests')
      .insert({ organization_id: tenants.a.organizationId, full_name: 'Direct Guest' });
    expect(direct.status).toBe(403);
    expect(direct.error?.code).toBe('42501');
    const viaRpc = await manager.rpc('upsert_guest', {
      p_organization_id: tenants.a.organizationId,
      p_full_name: 'Rest Guest',
      p_email: 'rest-guest@example.test',
    });
    expect(viaRpc.error).toBeNull();
    expect(viaRpc.data?.full_name).toBe('Rest Guest');
    const read = await manager
      .from('guests')
      .select('full_name')
      .eq('id', viaRpc.data?.id ?? '')
      .single();
    expect(read.data).toEqual({ full_name: 'Rest Guest' });
    const elsewhere = await manager.rpc('upsert_guest', {
      p_organization_id: tenants.b.organizationId,
      p_full_name: 'Planted',
    });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.error).toMatchObject({ code: 'PT404', message: 'organization_not_found' });
    expect(await stack.admin`select 1 from public.guests where full_name = 'Planted'`).toHaveLength(0);
  });
});
