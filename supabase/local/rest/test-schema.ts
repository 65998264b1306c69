// A small library schema the Data API tests create in their cloned database: every relationship
// kind PostgREST knows (many-to-one, one-to-many, many-to-many through a junction, self-reference,
// two keys to one table, a view), a computed column and functions of every return shape. The
// Roost schema has few of these; RLS on the tables lets everyone read and authenticated write.
import type { RestStack } from './test-support.ts';

export const LIBRARY_SQL = `
create table public.t_authors (
  id int primary key, name text not null, data jsonb, parent_id int references public.t_authors (id),
  born date, email text unique
);
create table public.t_books (
  id int primary key,
  author_id int not null constraint t_books_author_fkey references public.t_authors (id),
  editor_id int constraint t_books_editor_fkey references public.t_authors (id),
  title text not null, tags text[] not null default '{}', pages int check (pages is null or pages > 0),
  published timestamptz, summary text, created_at timestamptz not null default now()
);
create table public.t_genres (id int primary key, name text not null);
create table public.t_book_genres (
  book_id int references public.t_books (id) on delete cascade,
  genre_id int references public.t_genres (id),
  primary key (book_id, genre_id)
);
create table public.t_notes (id bigint generated always as identity primary key, body text not null default 'empty', author_id int references public.t_authors (id));
create view public.t_book_titles as select id, author_id, title from public.t_books;
create function public.author_label(public.t_authors) returns text language sql stable
  as $$ select $1.name || ' #' || $1.id $$;

create function public.t_add(a int, b int) returns int language sql immutable as 'select a + b';
create function public.t_greet(name text) returns text language sql immutable as $$ select 'hello ' || name $$;
create function public.t_greet(first text, last text) returns text language sql immutable
  as $$ select 'hello ' || first || ' ' || last $$;
create function public.t_books_by(author int) returns setof public.t_books language sql stable
  as $$ select * from public.t_books where author_id = author order by id $$;
create function public.t_author(author int) returns public.t_authors language sql stable
  as $$ select * from public.t_authors where id = author $$;
create function public.t_stats() returns table (author_id int, books bigint) language sql stable
  as $$ select author_id, count(*) from public.t_books group by author_id order by author_id $$;
create function public.t_numbers(n int) returns setof int language sql immutable as 'select generate_series(1, n)';
create function public.t_echo(jsonb) returns jsonb language sql immutable as 'select $1';
create function public.t_echo_object(payload json) returns json language sql immutable as 'select payload';
create function public.t_sum(nums int[]) returns int language sql immutable as 'select sum(x)::int from unnest(nums) x';
create function public.t_touch(book int) returns void language sql volatile
  as $$ update public.t_books set pages = coalesce(pages, 0) + 1 where id = book $$;
create function public.t_ranges() returns table (id int, during int4range) language sql immutable
  as $$ values (1, int4range(1, 5)), (2, int4range(5, 10)), (3, int4range(10, 20)) $$;
create function public.t_volatile_read() returns int language sql volatile as 'select 1';
create function public.t_rule() returns void language plpgsql
  as $$ begin raise exception using message = 'custom_rule', detail = 'A business rule said no.', errcode = 'P0001'; end $$;
create function public.t_payment() returns void language plpgsql
  as $$ begin raise sqlstate 'PT402' using message = 'payment_required'; end $$;

alter table public.t_authors enable row level security;
alter table public.t_books enable row level security;
alter table public.t_genres enable row level security;
alter table public.t_book_genres enable row level security;
alter table public.t_notes enable row level security;
create policy read_all on public.t_authors for select to anon, authenticated using (true);
create policy read_all on public.t_books for select to anon, authenticated using (true);
create policy read_all on public.t_genres for select to anon, authenticated using (true);
create policy read_all on public.t_book_genres for select to anon, authenticated using (true);
create policy read_all on public.t_notes for select to anon, authenticated using (true);
create policy write_all on public.t_authors for all to authenticated using (true) with check (true);
create policy write_all on public.t_books for all to authenticated using (id < 1000) with check (id < 1000);
create policy write_all on public.t_notes for all to authenticated using (true) with check (true);
create policy write_all on public.t_book_genres for all to authenticated using (true) with check (true);

insert into public.t_authors (id, name, data, parent_id, born, email) values
  (1, 'Ursula', '{"address": {"city": "Portland"}, "awards": 8}', null, '1929-10-21', 'ursula@example.test'),
  (2, 'Octavia', '{"address": {"city": "Pasadena"}, "awards": 3}', 1, '1947-06-22', null),
  (3, 'Italo', '{"address": {"city": "Sanremo"}}', 1, null, null);
insert into public.t_books (id, author_id, editor_id, title, tags, pages, published, summary) values
  (1, 1, 2, 'The Dispossessed', '{scifi,utopia}', 387, '1974-05-01', 'An ambiguous utopia on twin planets'),
  (2, 1, null, 'A Wizard of Earthsea', '{fantasy}', 183, '1968-11-01', 'A young wizard and his shadow'),
  (3, 2, 1, 'Kindred', '{scifi,history}', 264, '1979-06-01', 'A woman is pulled back in time'),
  (4, 3, null, 'Invisible Cities', '{}', null, null, 'Marco Polo describes cities to Kublai Khan');
insert into public.t_genres (id, name) values (1, 'Science fiction'), (2, 'Fantasy'), (3, 'History');
insert into public.t_book_genres values (1, 1), (3, 1), (3, 3), (2, 2);
`;

/** Creates the library schema and waits until the Data API's schema cache has reloaded it. */
export async function createLibrary(stack: RestStack): Promise<void> {
  await stack.admin.unsafe(LIBRARY_SQL).simple();
  await stack.admin`select pg_notify('pgrst', 'reload schema')`;
  const deadline = Date.now() + 10_000;
  while (!(await stack.rest.cache()).tables.has('public.t_book_genres')) {
    if (Date.now() > deadline) throw new Error('the schema cache did not reload the library tables');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
