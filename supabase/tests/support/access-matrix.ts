// Building blocks of the access matrices (role-matrix, catalogue-access, orders-access): who
// tries, what they try, and what happened, each cell in a transaction that is rolled back.
import type { Sql } from 'postgres';
import { asAnon, asUser, type TestUser, type Tx } from './db.ts';

export const ACTORS = ['owner', 'admin', 'manager', 'staff', 'viewer', 'restricted', 'outsider', 'anon'] as const;
export type Actor = (typeof ACTORS)[number];

/** A row count, 'ok' for a call that succeeded, or the error: its stable code, else its SQLSTATE. */
export type Outcome = number | 'ok' | string;
export type Expectation = Record<Actor, Outcome>;

/** `everyone` for every actor, then the exceptions. */
export function expectation(everyone: Outcome, exceptions: Partial<Expectation> = {}): Expectation {
  return Object.fromEntries(ACTORS.map((actor) => [actor, exceptions[actor] ?? everyone])) as Expectation;
}

export const count = async (rows: Promise<{ n: number }[]>): Promise<number> => (await rows)[0]?.n ?? 0;
export const done = async (result: Promise<unknown>): Promise<'ok'> => {
  await result;
  return 'ok';
};

class Rollback extends Error {
  readonly outcome: Outcome;
  constructor(outcome: Outcome) {
    super('rollback');
    this.outcome = outcome;
  }
}

/**
 * Runs one cell as `who` (a user, or 'anon') and rolls it back, returning what happened. Errors
 * become their stable code when they carry one, else their SQLSTATE (`sqlstateOnly`: always).
 */
export async function attempt(
  sql: Sql,
  who: TestUser | 'anon',
  action: (tx: Tx) => Promise<Outcome>,
  options: { sqlstateOnly?: boolean } = {},
): Promise<Outcome> {
  const run = async (tx: Tx) => {
    throw new Rollback(await action(tx));
  };
  try {
    await (who === 'anon' ? asAnon(sql, run) : asUser(sql, who, run));
  } catch (error) {
    if (error instanceof Rollback) return error.outcome;
    const { code, message } = error as { code?: string; message: string };
    if (!code) throw error;
    return !options.sqlstateOnly && /^[a-z_]+$/.test(message) ? message : code;
  }
  throw new Error('unreachable: the cell always rolls back');
}
