// The bell publisher against a real database: a stream of notifications for a user reaches their
// topic bell:<user> as a few pushes (not one per notification), the last holding the bell as it
// stands after the last commit; another user's topic hears nothing.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useTestStack } from '../../../supabase/local/testing/test-stack.ts';
import { createSmallTenant, quietLogger, type SmallTenant, waitFor } from '../jobs/testing/support.ts';
import { type BellPublisher, bellTopic, startBellPublisher } from './bell-publisher.ts';

const stack = useTestStack();
let tenant: SmallTenant;
const running: BellPublisher[] = [];

interface SentBell {
  unread: number;
  notifications: { title: string; read_at: string | null }[];
}

async function sentBells(userId: string): Promise<SentBell[]> {
  const rows = await stack.admin<{ payload: SentBell }[]>`
    select payload from realtime.messages
    where topic = ${bellTopic(userId)} and event = 'bell' and private
    order by inserted_at, id`;
  return rows.map((row) => row.payload);
}

beforeAll(async () => {
  tenant = await createSmallTenant(stack.admin, 'bell');
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((publisher) => publisher.stop()));
  await stack.admin`delete from realtime.messages`;
});

describe('bell publisher', () => {
  it('sends a stream of notifications as a few pushes, the last one as the bell stands', async () => {
    const publisher = await startBellPublisher({ sql: stack.admin, log: quietLogger(), intervalMs: 300 });
    running.push(publisher);
    expect(publisher.active).toBe(true);
    for (let n = 1; n <= 25; n++) {
      await stack.admin`
        insert into public.notifications (user_id, event, title) values (${tenant.owner.id}, 'booking_created', ${`n${n}`})`;
    }
    const sent = await waitFor('the bell after the 25th notification', async () => {
      const bells = await sentBells(tenant.owner.id);
      return bells.at(-1)?.unread === 25 ? bells : undefined;
    });
    expect(sent.length, 'fewer pushes than notifications: the stream was paced').toBeLessThan(25);
    const last = sent.at(-1) as SentBell;
    expect(last.notifications).toHaveLength(20);
    expect(last.notifications[0]?.title).toBe('n25');

    // Read elsewhere: the next push says so.
    await stack.admin`update public.notifications set read_at = now() where user_id = ${tenant.owner.id}`;
    await waitFor('the bell read', async () =>
      (await sentBells(tenant.owner.id)).at(-1)?.unread === 0 ? true : undefined,
    );
    expect(await sentBells(tenant.staff.id), 'the other member heard nothing').toEqual([]);
    expect(publisher.counts.failed).toBe(0);
  });
});
