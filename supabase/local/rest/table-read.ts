// GET and HEAD on a table or view, and the shared query that turns a select tree into the JSON
// body, the row count of the page and (when asked) the total.
import type { TransactionSql } from 'postgres';
import { contentType, type Negotiated, notOneRow, singleObject, toCsv } from './media.ts';
import type { Preferences } from './prefer.ts';
import { type Paging, rangeAnswer } from './range.ts';
import { checkModifierPaths, type ReadContext, renderNode, type Source } from './read.ts';
import type { RequestQuery } from './request-query.ts';
import type { SchemaCache } from './schema-cache.ts';
import { Params } from './sql-text.ts';
import { PREPARED, type RestResponse } from './transaction.ts';

export interface ReadStatement {
  text: string;
  values: (string | null)[];
  /** The statement whose plan estimates the total (count=planned/estimated), with its own values. */
  count: { text: string; values: (string | null)[] } | null;
}

export function newReadContext(cache: SchemaCache, query: RequestQuery): ReadContext {
  return { cache, params: new Params(), modifiers: query.modifiers, used: new Set(), aliases: 0, embeds: 0 };
}

/** `select total, page, body` over the rows of `source` shaped by the query. */
export function readStatement(
  context: ReadContext,
  source: Source,
  query: RequestQuery,
  paging: Paging,
  preferences: Pick<Preferences, 'count'>,
  negotiated: Negotiated,
  head: boolean,
): ReadStatement {
  // The source's own parameters (a function's arguments), bound before the select tree's.
  const sourceValues = [...context.params.values];
  // HEAD answers no body: its page is counted without building the rows' columns and embeds.
  const rows = renderNode(context, source, query.select, '', { join: [], paging, countOnly: head });
  checkModifierPaths(context);
  let total = 'null::bigint';
  let count: ReadStatement['count'] = null;
  if (preferences.count === 'exact') {
    const counted = renderNode({ ...context, embeds: 0 }, source, query.select, '', { join: [], countOnly: true });
    total = `(select count(*) from (${counted.sql}) as "pgrst_count")`;
  } else if (preferences.count) {
    // Estimated separately (EXPLAIN): its own statement, so its own parameters after the source's.
    const own = { ...context, params: new Params(), embeds: 0 };
    own.params.values.push(...sourceValues);
    count = {
      text: renderNode(own, source, query.select, '', { join: [], countOnly: true }).sql,
      values: own.params.values,
    };
  }
  const aggregate = `coalesce(json_agg("pgrst_t"), '[]')`;
  const body = head ? 'null' : negotiated.stripNulls ? `json_strip_nulls(${aggregate})::text` : `${aggregate}::text`;
  return {
    text: `with "pgrst_source" as (${rows.sql}) select ${total} as "total", count(*)::int as "page", ${body} as "body" from "pgrst_source" as "pgrst_t"`,
    values: context.params.values,
    count,
  };
}

/** The planner's row estimate of `text` (count=planned), or the exact count when small (estimated). */
async function plannedCount(tx: TransactionSql, text: string, values: (string | null)[]): Promise<number> {
  const [row] = await tx.unsafe<{ 'QUERY PLAN': string }[]>(`explain (format json) ${text}`, values);
  // The pool hands json back as text (pool.ts).
  const plan = JSON.parse(row?.['QUERY PLAN'] ?? '[]') as { Plan?: { 'Plan Rows'?: number } }[];
  return plan[0]?.Plan?.['Plan Rows'] ?? 0;
}

export interface ReadResult {
  total: number | null;
  page: number;
  body: string | null;
}

export async function runRead(
  tx: TransactionSql,
  statement: ReadStatement,
  count: Preferences['count'],
  maxRows: number,
): Promise<ReadResult> {
  const [row] = await tx.unsafe<{ total: string | null; page: number; body: string | null }[]>(
    statement.text,
    statement.values,
    PREPARED,
  );
  let total = row?.total === null || row?.total === undefined ? null : Number(row.total);
  if (statement.count && (count === 'planned' || count === 'estimated')) {
    const planned = await plannedCount(tx, statement.count.text, statement.count.values);
    total = planned;
    if (count === 'estimated' && planned <= maxRows) {
      const [exact] = await tx.unsafe<{ count: string }[]>(
        `select count(*) from (${statement.count.text}) as "pgrst_count"`,
        statement.count.values,
      );
      total = Number(exact?.count ?? 0);
    }
  }
  return { total, page: row?.page ?? 0, body: row?.body ?? null };
}

/** The HTTP answer of a read: JSON array, single object or CSV, with its Content-Range. */
export function readResponse(result: ReadResult, paging: Paging, negotiated: Negotiated, head: boolean): RestResponse {
  const { status, contentRange } = rangeAnswer(paging.offset, result.page, result.total);
  const headers = { 'Content-Range': contentRange, 'Content-Type': contentType(negotiated.media) };
  if (negotiated.media === 'object') {
    if (result.page !== 1) throw notOneRow(result.page);
    return { status: 200, headers, body: head ? null : singleObject(result.body ?? '[]', 1) };
  }
  const body = head || result.body === null ? null : negotiated.media === 'csv' ? toCsv(result.body) : result.body;
  return { status, headers, body };
}
