// The replication stream's hand-over contract (issue 12, item 15): when a batch of transactions
// fails after the handler delivered some of them, a retry starts after those, so each
// transaction reaches the clients exactly once.
import { afterEach, describe, expect, it } from 'vitest';
import { useTestStack } from '../testing/test-stack.ts';
import { type CommittedTransaction, type Replication, startReplication } from './replication.ts';
import { waitFor } from './test-support.ts';

const stack = useTestStack();
let replication: Replication | undefined;
const slot = `test_replication_${process.pid}`;

afterEach(async () => {
  await replication?.close();
  await stack.admin`select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = ${slot} and not active`;
});

const topicOf = (transaction: CommittedTransaction) => transaction.changes[0]?.record?.topic ?? '';

async function send(topic: string): Promise<void> {
  await stack.admin`insert into realtime.messages (topic, extension, event, payload, private)
    values (${topic}, 'broadcast', 'e', '{}', false)`;
}

describe('the replication hand-over', () => {
  it('does not hand over again what a failing batch already delivered', async () => {
    const heard: string[] = [];
    const batches: string[][] = [];
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let failed = false;
    replication = startReplication({
      sql: stack.admin,
      dbUrl: stack.dbUrl,
      slot,
      publications: ['supabase_realtime_messages_publication'],
      onRelation: () => {},
      async onTransactions(transactions, delivered) {
        const topics = transactions.map(topicOf).filter((topic) => topic.startsWith('once-'));
        batches.push(topics);
        if (topics.includes('once-0')) await gate; // the others queue up behind it meanwhile
        for (const [index, topic] of topics.entries()) {
          // As a dispatch whose later step fails: what came before reached the clients.
          if (topic === 'once-2' && !failed) {
            failed = true;
            delivered?.(index);
            throw new Error('a later step of the batch failed');
          }
          heard.push(topic);
        }
        delivered?.(transactions.length);
      },
    });
    replication.start();
    await replication.ready;
    await send('once-0');
    await waitFor('the first hand-over', () => batches.length > 0);
    for (const topic of ['once-1', 'once-2', 'once-3']) await send(topic);
    await new Promise((resolve) => setTimeout(resolve, 800));
    release();
    await waitFor('every message', () => heard.includes('once-3'), 15_000);
    expect(
      batches.some((batch) => batch.length > 1 && batch.includes('once-2')),
      'the failing transaction came in a batch with others',
    ).toBe(true);
    expect(heard, 'each transaction delivered exactly once, in commit order').toEqual([
      'once-0',
      'once-1',
      'once-2',
      'once-3',
    ]);
  });
});
