// The benchmark's own tenant table, created in the throwaway `bench` database only (no domain
// table exists yet). It is shaped like a future bookings/orders table: uuid keys, organization
// and property columns, timestamptz, integer minor units, RLS with a policy of the project's
// shape, the audit trigger, and indexes that lead with the columns the policies filter on.
import type { Sql } from 'postgres';

/**
 * The two policy shapes the project uses, each measured in its own phase: `organization` for
 * organization-wide tables (as on memberships), `property` for tables a restricted member sees
 * only part of (as on properties).
 */
export const POLICIES = {
  organization: {
    name: 'members can read events of their organizations',
    using: `organization_id in (select private.orgs_with_role('viewer'))`,
  },
  property: {
    name: 'members can read events of properties they work in',
    using: `organization_id in (select private.orgs_with_role_over_all_properties('viewer'))
      or property_id in (select private.listed_properties('viewer'))`,
  },
} as const;

export type PolicyName = keyof typeof POLICIES;
export const POLICY_NAMES = Object.keys(POLICIES) as PolicyName[];

const CREATE_TABLE = `
  create table public.bench_events (
    id uuid primary key default gen_random_uuid(),
    organization_id uuid not null references public.organizations (id) on delete cascade,
    property_id uuid not null,
    kind text not null,
    occurred_at timestamptz not null,
    amount_minor bigint not null,
    currency text not null,
    created_at timestamptz not null default now(),
    constraint bench_events_property_fkey foreign key (organization_id, property_id)
      references public.properties (organization_id, id) on delete cascade,
    constraint bench_events_kind_valid check (kind in ('booking', 'order', 'payment', 'refund')),
    constraint bench_events_currency_format check (currency ~ '^[A-Z]{3}$')
  );
  create trigger bench_events_audit after insert or update or delete on public.bench_events
    for each row execute function private.record_audit('organization_id');
  alter table public.bench_events enable row level security;
  revoke all on table public.bench_events from anon, authenticated, service_role;
  grant select on table public.bench_events to authenticated, service_role;
`;

/** Built after the bulk load (faster than maintaining them row by row). */
const CREATE_INDEXES = `
  create index bench_events_property_id_occurred_at_idx on public.bench_events (property_id, occurred_at);
  create index bench_events_organization_id_occurred_at_idx on public.bench_events (organization_id, occurred_at);
`;

export async function createEventsTable(sql: Sql): Promise<void> {
  await sql.unsafe(CREATE_TABLE);
}

export async function createEventsIndexes(sql: Sql): Promise<void> {
  await sql.unsafe(CREATE_INDEXES);
}

/** Makes `policy` the table's only select policy (the other shape is dropped). */
export async function usePolicy(sql: Sql, policy: PolicyName): Promise<void> {
  await sql.begin(async (tx) => {
    for (const { name } of Object.values(POLICIES)) {
      await tx.unsafe(`drop policy if exists "${name}" on public.bench_events`);
    }
    const { name, using } = POLICIES[policy];
    await tx.unsafe(`create policy "${name}" on public.bench_events for select to authenticated using (${using})`);
  });
}
