// A transaction that never commits: checks run inside it against real rows and triggers, and
// nothing they wrote outlives them, so one test database serves every case of a file.
import type { Sql, TransactionSql } from 'postgres';

/** Thrown to roll back a transaction whose checks all passed. */
class Rollback extends Error {}

/** Runs `fn` in a transaction on `sql` that is always rolled back; `fn`'s own errors still fail. */
export async function inRolledBackTransaction(sql: Sql, fn: (tx: TransactionSql) => Promise<void>): Promise<void> {
  await sql
    .begin(async (tx) => {
      await fn(tx);
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
}
