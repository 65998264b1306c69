// Demo data facts shared by `npm start` and the tests that check the seed.
import type { Sql } from 'postgres';

/** Every demo user in supabase/seed.sql signs in with this password (local demo data only). */
export const DEMO_PASSWORD = 'roost-demo-1234';
export const DEMO_EMAIL_DOMAIN = 'demo.roost.test';

export interface DemoLogin {
  email: string;
  role: string;
  organization: string;
}

export async function listDemoLogins(sql: Sql): Promise<DemoLogin[]> {
  const exists = await sql`select to_regclass('public.memberships') as t`;
  if (!exists[0]?.t) return [];
  return sql<DemoLogin[]>`
    select u.email::text as email, m.role::text as role, o.name as organization
    from auth.users u
    join public.memberships m on m.user_id = u.id
    join public.organizations o on o.id = m.organization_id
    where u.email like ${`%@${DEMO_EMAIL_DOMAIN}`}
    order by o.name, m.role desc, u.email`;
}
