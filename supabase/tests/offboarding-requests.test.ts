// Offboarding requests (migration 20261206190510, decision 038): only an owner exports the
// organization or requests its deletion, confirmed by typing its slug; one pending deletion at a
// time, which every member sees (the flag); an owner cancels it during the grace period; once the
// grace period is over the deletion starts and can no longer be cancelled. The deletion itself
// and the export's contents: offboarding-deletion.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { attempt } from './support/access-matrix.ts';
import { asUser, type TestUser, useTestDatabase } from './support/db.ts';
import { createTenant, type Tenant } from './support/tenants.ts';

const db = useTestDatabase();
let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  a = await createTenant(db.admin, 'leave-a');
  b = await createTenant(db.admin, 'leave-b');
});

const requestDeletion = (who: TestUser | 'anon', organizationId: string, confirmation: string | null) =>
  attempt(db.admin, who, async (tx) => {
    await tx`select * from public.request_organization_deletion(${organizationId}, ${confirmation})`;
    return 'ok';
  });

describe('requesting the deletion of an organization', () => {
  it('is for owners only, with the slug typed exactly', async () => {
    for (const role of ['admin', 'manager', 'staff', 'viewer'] as const) {
      expect(await requestDeletion(a.members[role], a.organizationId, a.slug), role).toBe('insufficient_role');
    }
    expect(await requestDeletion(b.members.owner, a.organizationId, a.slug), 'another owner').toBe(
      'organization_not_found',
    );
    expect(await requestDeletion('anon', a.organizationId, a.slug), 'anon').toBe('42501');
    expect(await requestDeletion(a.members.owner, a.organizationId, 'delete'), 'a wrong confirmation').toBe(
      'confirmation_mismatch',
    );
    expect(await requestDeletion(a.members.owner, a.organizationId, null), 'no confirmation').toBe(
      'confirmation_mismatch',
    );
    expect(await requestDeletion(a.members.owner, a.organizationId, ` ${a.slug} `), 'the slug').toBe('ok');
  });

  it('flags the organization for 30 days, visible to every member; an owner cancels it', async () => {
    const request = await asUser(db.admin, a.members.owner, async (tx) => {
      const [row] = await tx`select * from public.request_organization_deletion(${a.organizationId}, ${a.slug})`;
      return row as { id: string; delete_after: Date; requested_at: Date };
    });
    expect(request.delete_after.getTime() - request.requested_at.getTime()).toBe(30 * 86_400_000);
    expect(await requestDeletion(a.members.owner, a.organizationId, a.slug), 'twice').toBe(
      'deletion_already_requested',
    );
    const seen = (who: TestUser) =>
      attempt(
        db.admin,
        who,
        async (tx) =>
          (
            await tx`select 1 from public.organization_deletion_requests where organization_id = ${a.organizationId} and cancelled_at is null`
          ).length,
      );
    expect(await seen(a.members.viewer), 'a viewer sees the flag').toBe(1);
    expect(await seen(b.members.owner), 'another organization does not').toBe(0);

    const cancel = (who: TestUser) =>
      attempt(db.admin, who, async (tx) => {
        await tx`select * from public.cancel_organization_deletion(${a.organizationId})`;
        return 'ok';
      });
    expect(await cancel(a.members.admin), 'an admin cannot cancel').toBe('insufficient_role');
    // Not due within the grace period.
    const due = async (days: number) =>
      (
        await db.admin<{ id: string }[]>`
        select id from private.due_organization_deletions(now() + make_interval(days => ${days})) id`
      ).map((r) => r.id);
    expect(await due(29)).not.toContain(a.organizationId);
    expect(await due(31)).toContain(a.organizationId);
    const [notYet] =
      await db.admin`select private.begin_organization_deletion(${a.organizationId}, now() + interval '29 days') as ok`;
    expect(notYet?.ok, 'cannot start during the grace period').toBe(false);

    await asUser(
      db.admin,
      a.members.owner,
      (tx) => tx`select * from public.cancel_organization_deletion(${a.organizationId})`,
    );
    expect(await due(31), 'a cancelled request is never due').not.toContain(a.organizationId);
    const again = await asUser(db.admin, a.members.owner, async (tx) => {
      const [row] = await tx`select (public.cancel_organization_deletion(${a.organizationId})).id as id`;
      return row?.id ?? null;
    });
    expect(again, 'cancelling again changes nothing and raises nothing').toBeNull();
    const [audit] = await db.admin<{ n: number }[]>`
      select count(*)::int as n from public.audit_log
      where organization_id = ${a.organizationId} and table_name = 'organization_deletion_requests' and row_id = ${request.id}`;
    expect(audit?.n, 'requests and cancellations are audited').toBe(2);
  });

  it('cannot be cancelled once the deletion has started', async () => {
    await asUser(
      db.admin,
      b.members.owner,
      (tx) => tx`select * from public.request_organization_deletion(${b.organizationId}, ${b.slug})`,
    );
    const [started] =
      await db.admin`select private.begin_organization_deletion(${b.organizationId}, now() + interval '31 days') as ok`;
    expect(started?.ok).toBe(true);
    const outcome = await attempt(db.admin, b.members.owner, async (tx) => {
      await tx`select * from public.cancel_organization_deletion(${b.organizationId})`;
      return 'ok';
    });
    expect(outcome).toBe('deletion_in_progress');
    // Never started for a request that was not due: deleting refuses.
    const refused = await db.admin`select private.delete_organization(${a.organizationId}, 0)`.then(
      () => null,
      (e: { message: string }) => e.message,
    );
    expect(refused).toBe('deletion_not_started');
  });
});

describe('requesting an export', () => {
  it('is for owners only, one at a time, and queues a job', async () => {
    const request = (who: TestUser | 'anon') =>
      attempt(db.admin, who, async (tx) => {
        await tx`select * from public.request_organization_export(${a.organizationId})`;
        return 'ok';
      });
    expect(await request(a.members.admin)).toBe('insufficient_role');
    expect(await request(b.members.owner)).toBe('organization_not_found');
    expect(await request('anon')).toBe('42501');
    const created = await asUser(db.admin, a.members.owner, async (tx) => {
      const [row] = await tx`select * from public.request_organization_export(${a.organizationId})`;
      return row as { id: string; status: string };
    });
    expect(created.status).toBe('queued');
    const [job] = await db.admin`select data from pgboss.job where name = 'organization_export' and id = ${created.id}`;
    expect(job?.data).toEqual({ exportId: created.id, organizationId: a.organizationId });
    expect(await request(a.members.owner), 'while one is queued').toBe('export_in_progress');
    const read = (who: TestUser) =>
      attempt(
        db.admin,
        who,
        async (tx) => (await tx`select 1 from public.organization_exports where id = ${created.id}`).length,
      );
    expect(await read(a.members.owner)).toBe(1);
    expect(await read(a.members.admin), 'exports are for owners').toBe(0);
  });
});
