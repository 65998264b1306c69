// /rpc through supabase-js: named arguments by POST and GET, overloads, a single json argument,
// scalar, composite, table and set results shaped by select/filters/order, void, read-only GET,
// and Roost's own RPC errors coming through unchanged (decision 003).
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
  db = await plainClient(stack, await createUser(stack.admin, 'caller'));
});

describe('calling functions', () => {
  it('passes named arguments by POST and GET and answers scalars', async () => {
    expect(await db.rpc('t_add', { a: 2, b: 3 })).toMatchObject({ data: 5, status: 200 });
    expect((await db.rpc('t_add', { a: 2, b: 40 }, { get: true })).data).toBe(42);
    expect((await db.rpc('t_sum', { nums: [1, 2, 3] })).data).toBe(6);
    expect((await db.rpc('t_sum', { nums: [4, 5] }, { get: true })).data).toBe(9);
  });

  it('chooses overloads by argument names and reports missing functions with PGRST202', async () => {
    expect((await db.rpc('t_greet', { name: 'Ana' })).data).toBe('hello Ana');
    expect((await db.rpc('t_greet', { first: 'Ana', last: 'Costa' })).data).toBe('hello Ana Costa');
    const wrong = await db.rpc('t_greet', { nickname: 'A' });
    expect(wrong.status).toBe(404);
    expect(wrong.error).toMatchObject({
      code: 'PGRST202',
      message: 'Could not find the function public.t_greet(nickname) in the schema cache',
    });
    const missing = await db.rpc('t_nothing');
    expect(missing.error?.code).toBe('PGRST202');
  });

  it('hands the whole body to a single json argument, and with Prefer: params=single-object', async () => {
    expect((await db.rpc('t_echo', { any: ['shape', 1] })).data).toEqual({ any: ['shape', 1] });
    const single = await restFetch(stack, '/rpc/t_echo_object', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Prefer: 'params=single-object' },
      body: JSON.stringify({ a: 1, b: [true] }),
    });
    expect(await single.json()).toEqual({ a: 1, b: [true] });
  });

  it('answers composite results as objects and sets as arrays shaped by select, filters, order and paging', async () => {
    const author = await db.rpc('t_author', { author: 2 });
    expect(author.data).toMatchObject({ id: 2, name: 'Octavia' });
    const books = await db
      .rpc('t_books_by', { author: 1 })
      .select('title, author:t_authors!t_books_author_fkey(name)')
      .order('title', { ascending: false });
    expect(books.data).toEqual([
      { title: 'The Dispossessed', author: { name: 'Ursula' } },
      { title: 'A Wizard of Earthsea', author: { name: 'Ursula' } },
    ]);
    const filtered = await db.rpc('t_books_by', { author: 1 }).gt('pages', 200).select('id');
    expect(filtered.data).toEqual([{ id: 1 }]);
    const table = await db.rpc('t_stats').select('author_id, books').gte('books', 1).order('author_id').limit(2);
    expect(table.data).toEqual([
      { author_id: 1, books: 2 },
      { author_id: 2, books: 1 },
    ]);
    const counted = await db.rpc('t_stats', {}, { count: 'exact' }).range(0, 0);
    expect(counted).toMatchObject({ count: 3, status: 206 });
    expect((await db.rpc('t_numbers', { n: 4 })).data).toEqual([1, 2, 3, 4]);
    const one = await db.rpc('t_books_by', { author: 2 }).select('title').single();
    expect(one.data).toEqual({ title: 'Kindred' });
  });

  it('answers void with 204, and refuses volatile functions over GET (read-only) with 405', async () => {
    const touched = await db.rpc('t_touch', { book: 4 });
    expect(touched).toMatchObject({ status: 204, data: null, error: null });
    expect((await stack.admin`select pages from public.t_books where id = 4`)[0]?.pages).toBe(1);
    const viaGet = await db.rpc('t_touch', { book: 4 }, { get: true });
    expect(viaGet.status).toBe(405);
    const volatileRead = await db.rpc('t_volatile_read', {}, { get: true });
    expect(volatileRead.status).toBe(405);
    const put = await restFetch(stack, '/rpc/t_add', { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(((await put.json()) as { code: string }).code).toBe('PGRST101');
  });

  it('maps raised errors: P0001 → 400 with message and detail, PTxyz → status xyz', async () => {
    const rule = await db.rpc('t_rule');
    expect(rule.status).toBe(400);
    expect(rule.error).toEqual({
      code: 'P0001',
      message: 'custom_rule',
      details: 'A business rule said no.',
      hint: null,
    });
    const payment = await db.rpc('t_payment');
    expect(payment.status).toBe(402);
    expect(payment.error).toMatchObject({ code: 'PT402', message: 'payment_required' });
    const badArgument = await db.rpc('t_add', { a: 'two', b: 3 });
    expect(badArgument.status).toBe(400);
    expect(badArgument.error?.code).toBe('22P02');
  });

  it('commits nothing with Prefer: tx=rollback', async () => {
    const before = (await stack.admin`select pages from public.t_books where id = 4`)[0]?.pages;
    const response = await restFetch(stack, '/rpc/t_touch', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Prefer: 'tx=rollback',
        Authorization: `Bearer ${await userToken()}`,
      },
      body: JSON.stringify({ book: 4 }),
    });
    expect(response.status).toBe(204);
    expect((await stack.admin`select pages from public.t_books where id = 4`)[0]?.pages).toBe(before);
  });
});

async function userToken(): Promise<string> {
  const { userToken: mint } = await import('./test-support.ts');
  return mint(stack, await createUser(stack.admin, 'rollback'));
}

describe("Roost's RPCs through the Data API", () => {
  it('searches availability as a member and passes decision-003 errors through unchanged', async () => {
    const staff = await userClient(stack, tenants.a.members.staff);
    const hotel = tenants.a.propertyIds[0];
    const arrival = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const departure = new Date(Date.now() + 62 * 86_400_000).toISOString().slice(0, 10);
    const found = await staff.rpc('search_availability', {
      p_property_id: hotel,
      p_arrival: arrival,
      p_departure: departure,
      p_party_size: 2,
    });
    expect(found.error).toBeNull();
    expect(found.data?.length).toBeGreaterThan(0);
    expect(found.data?.[0]?.currency).toMatch(/^[A-Z]{3}$/);
    const backwards = await staff.rpc('search_availability', {
      p_property_id: hotel,
      p_arrival: departure,
      p_departure: arrival,
      p_party_size: 2,
    });
    expect(backwards.status).toBe(400);
    expect(backwards.error?.message).toMatch(/^[a-z_]+$/);
    const outsider = await userClient(stack, tenants.b.members.owner);
    const foreign = await outsider.rpc('search_availability', {
      p_property_id: hotel,
      p_arrival: arrival,
      p_departure: departure,
      p_party_size: 2,
    });
    // Not found (decision 003's amendment: PT404), never a 500 as P0002 would be through PostgREST.
    expect(foreign.status).toBe(404);
    expect(foreign.error).toMatchObject({ code: 'PT404', message: 'property_not_found' });
  });
});
