// Reads through supabase-js: select trees with embeds, filters, ordering, paging, counts, media.
import { describe, expect, it } from 'vitest';
import { useRestStack, userClient, useTenants } from './test-support.ts';

const stack = useRestStack();
const tenants = useTenants(stack);

describe('reads through supabase-js', () => {
  it('lists only the caller organization rows, with embedded resources', async () => {
    const db = await userClient(stack, tenants.a.members.manager);
    const { data, error } = await db
      .from('bookings')
      .select('id, reference, status, resources(name), guests(full_name)')
      .order('reference');
    expect(error).toBeNull();
    expect(data?.length).toBeGreaterThan(0);
    const org =
      await stack.admin`select count(*)::int as n from public.bookings where organization_id = ${tenants.a.organizationId}`;
    expect(data?.length).toBe(org[0]?.n);
    expect(data?.every((row) => typeof row.resources?.name === 'string')).toBe(true);
  });
});
