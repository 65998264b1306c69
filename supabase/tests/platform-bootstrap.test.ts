// What the local bootstrap promises, checked the way application code relies on it: the API
// roles, auth.* helpers reading the PostgREST claims, extensions, storage helpers, publication.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { asAnon, asServiceRole, asUser, useTestDatabase } from './support/db.ts';

const db = useTestDatabase();

describe('platform bootstrap', () => {
  it('has the Supabase roles with their attributes', async () => {
    const roles = await db.admin`
      select rolname, rolcanlogin as login, rolbypassrls as bypassrls from pg_roles
      where rolname in ('anon', 'authenticated', 'service_role', 'authenticator') order by rolname`;
    expect(roles, 'API roles').toEqual([
      { rolname: 'anon', login: false, bypassrls: false },
      { rolname: 'authenticated', login: false, bypassrls: false },
      { rolname: 'authenticator', login: true, bypassrls: false },
      { rolname: 'service_role', login: false, bypassrls: true },
    ]);
    const [member] = await db.admin`
      select bool_and(pg_has_role('authenticator', r, 'member')) as ok from unnest(array['anon', 'authenticated', 'service_role']) r`;
    expect(member?.ok, 'authenticator can become each API role').toBe(true);
  });

  it('reads the caller from request.jwt.claims in auth.uid(), auth.role(), auth.email(), auth.jwt()', async () => {
    const user = { id: randomUUID(), email: 'claims@example.test' };
    const [row] = await asUser(
      db.admin,
      user,
      (tx) => tx`
      select auth.uid() as uid, auth.role() as role, auth.email() as email, auth.jwt() ->> 'aal' as aal, current_user as db_role`,
    );
    expect(row, 'as a signed-in user').toEqual({
      uid: user.id,
      role: 'authenticated',
      email: user.email,
      aal: 'aal1',
      db_role: 'authenticated',
    });
    const [anon] = await asAnon(db.admin, (tx) => tx`select auth.uid() as uid, auth.role() as role`);
    expect(anon, 'as anon').toEqual({ uid: null, role: 'anon' });
    const [service] = await asServiceRole(db.admin, (tx) => tx`select auth.role() as role, current_user as db_role`);
    expect(service, 'as the service role').toEqual({ role: 'service_role', db_role: 'service_role' });
  });

  it('installs the extensions into the extensions schema', async () => {
    const extensions = await db.admin`
      select e.extname from pg_extension e join pg_namespace n on n.oid = e.extnamespace
      where n.nspname = 'extensions' order by 1`;
    expect(
      extensions.map((e) => e.extname),
      'extensions',
    ).toEqual(expect.arrayContaining(['btree_gist', 'citext', 'pg_trgm', 'pgcrypto', 'uuid-ossp']));
  });

  it('has the storage path helpers and an RLS-protected storage.objects', async () => {
    const [row] = await db.admin`
      select storage.foldername('org/property/invoice.pdf') as folders, storage.filename('org/property/invoice.pdf') as file,
             storage.extension('org/property/invoice.pdf') as ext,
             (select relrowsecurity from pg_class where oid = 'storage.objects'::regclass) as rls`;
    expect(row, 'helpers').toEqual({ folders: ['org', 'property'], file: 'invoice.pdf', ext: 'pdf', rls: true });
  });

  it('has the supabase_realtime publication for postgres_changes', async () => {
    const [row] = await db.admin`select count(*)::int as n from pg_publication where pubname = 'supabase_realtime'`;
    expect(row?.n, 'publication').toBe(1);
  });

  it('gives every new auth user a profile named from the sign-up metadata', async () => {
    const id = randomUUID();
    await db.admin`
      insert into auth.users (instance_id, id, aud, role, email, raw_user_meta_data, created_at, updated_at)
      values ('00000000-0000-0000-0000-000000000000', ${id}, 'authenticated', 'authenticated', 'named@example.test',
              ${db.admin.json({ full_name: 'Nadia Named' })}, now(), now())`;
    const [profile] = await db.admin`select display_name from public.profiles where user_id = ${id}`;
    expect(profile?.display_name, 'profile created by the trigger').toBe('Nadia Named');
  });
});
