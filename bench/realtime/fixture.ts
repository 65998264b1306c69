// The benchmark's tenant: one organization with one property and `users` members (the first the
// owner, the others managers), each with an access token as Supabase Auth would issue it.
import { randomUUID } from 'node:crypto';
import type { Sql } from 'postgres';
import { signJwt } from '../../supabase/local/gateway/jwt.ts';
import type { LocalKeys } from '../../supabase/local/keys.ts';
import { userClaims } from '../../supabase/local/rls-request.ts';

export interface Fixture {
  organizationId: string;
  propertyId: string;
  tokens: string[];
}

export async function createFixture(sql: Sql, keys: LocalKeys, users: number): Promise<Fixture> {
  const people = Array.from({ length: users }, (_, i) => ({ id: randomUUID(), email: `bench-${i}@example.test` }));
  const ids = await sql.begin(async (tx) => {
    for (const person of people) {
      await tx`
        insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
          raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
        values ('00000000-0000-0000-0000-000000000000', ${person.id}, 'authenticated', 'authenticated',
          ${person.email}, '', now(), ${tx.json({ provider: 'email', providers: ['email'] })}, ${tx.json({})}, now(), now())`;
    }
    const owner = people[0]?.id as string;
    const [org] = await tx`
      insert into public.organizations (slug, name, time_zone, currency, created_by)
      values (${`bench-${randomUUID().slice(0, 8)}`}, 'Bench', 'Europe/Lisbon', 'EUR', ${owner}) returning id`;
    const organizationId = org?.id as string;
    for (const [index, person] of people.entries()) {
      await tx`insert into public.memberships (organization_id, user_id, role)
        values (${organizationId}, ${person.id}, ${index === 0 ? 'owner' : 'manager'})`;
    }
    const [property] = await tx`
      insert into public.properties (organization_id, name, kind) values (${organizationId}, 'Hotel', 'hotel') returning id`;
    return { organizationId, propertyId: property?.id as string };
  });
  const exp = Math.floor(Date.now() / 1000) + 7200;
  const tokens = await Promise.all(people.map((person) => signJwt(keys, userClaims(person, { exp }))));
  return { ...ids, tokens };
}
