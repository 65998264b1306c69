// The two tenant-scoped queries and the two ways a request runs them, exactly as PostgREST (and
// the app's server code) does: a transaction that first sets `role` and `request.jwt.claims`.
// As `service_role` RLS is bypassed; as `authenticated` with a member's claims, RLS decides.
import type { Sql, TransactionSql } from 'postgres';
import { asRequest, keyClaims, userClaims } from '../../supabase/local/rls-request.ts';
import type { Input } from './dataset.ts';
import { elapsedMs } from './stats.ts';

export const MODES = ['service', 'member'] as const;
export type Mode = (typeof MODES)[number];

export const QUERIES = {
  /** A property's most recent rows, as a list screen shows them. */
  list_property: {
    text: `select id, kind, occurred_at, amount_minor, currency from public.bench_events
      where property_id = $1 order by occurred_at desc limit 50`,
    parameter: (input: Input) => input.propertyId,
  },
  /** A dashboard figure over the whole organization. */
  org_aggregate: {
    text: `select count(*) as events, sum(amount_minor) as amount_minor from public.bench_events
      where organization_id = $1`,
    parameter: (input: Input) => input.organizationId,
  },
} as const;

export type QueryName = keyof typeof QUERIES;
export const QUERY_NAMES = Object.keys(QUERIES) as QueryName[];

/** What the gateway would put in `request.jwt.claims` for this mode and input. */
function asMode<T>(sql: Sql, mode: Mode, input: Input, fn: (tx: TransactionSql) => Promise<T>): Promise<T> {
  if (mode === 'service') return asRequest(sql, 'service_role', keyClaims('service_role'), fn);
  return asRequest(sql, 'authenticated', userClaims({ id: input.ownerId, email: input.ownerEmail }), fn);
}

export interface Sample {
  /** The whole request: begin, set_config, query, commit. */
  transactionMs: number;
  /** The query statement alone. */
  statementMs: number;
  /** The result, to check that both modes see the same rows. */
  result: string;
}

/** Runs one query in one request and times it (prepared statement, like the app's queries). */
export async function timeQuery(sql: Sql, mode: Mode, query: QueryName, input: Input): Promise<Sample> {
  const { text, parameter } = QUERIES[query];
  let statementMs = 0;
  let result = '';
  const start = process.hrtime.bigint();
  await asMode(sql, mode, input, async (tx) => {
    const statementStart = process.hrtime.bigint();
    const rows = await tx.unsafe(text, [parameter(input)], { prepare: true });
    statementMs = elapsedMs(statementStart, process.hrtime.bigint());
    result = query === 'list_property' ? rows.map((row) => row.id).join(',') : JSON.stringify(rows[0]);
  });
  return { transactionMs: elapsedMs(start, process.hrtime.bigint()), statementMs, result };
}

/** EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) of a query, run in the same kind of request. */
export async function explainQuery(sql: Sql, mode: Mode, query: QueryName, input: Input): Promise<unknown> {
  const { text, parameter } = QUERIES[query];
  return asMode(sql, mode, input, async (tx) => {
    const rows = await tx.unsafe(`explain (analyze, buffers, format json) ${text}`, [parameter(input)]);
    return rows[0]?.['QUERY PLAN'];
  });
}
