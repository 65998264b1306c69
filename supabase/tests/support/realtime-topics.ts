// Realtime Authorization as a test sees it: whether a user may listen to a private topic.
import type { Tx } from './db.ts';

/** Whether the user may read realtime.messages of `topic` (as Realtime checks a join). */
export async function canListen(tx: Tx, topic: string): Promise<boolean> {
  await tx`select set_config('realtime.topic', ${topic}, true)`;
  await tx`reset role`;
  await tx`insert into realtime.messages (topic, extension, event, private) values (${topic}, 'broadcast', 'probe', true)`;
  await tx`set local role authenticated`;
  const [row] = await tx<{ n: number }[]>`select count(*)::int as n from realtime.messages where topic = ${topic}`;
  return (row?.n ?? 0) > 0;
}
