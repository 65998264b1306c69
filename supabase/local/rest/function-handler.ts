// /rpc/<function>: arguments from the query string (GET/HEAD, read only) or the body (POST), the
// function chosen among its overloads, and its result as a scalar, one object or shaped rows.
import { bodyError, RestError } from './errors.ts';
import { contentType, negotiate } from './media.ts';
import { readPayload } from './payload.ts';
import { rangeAnswer } from './range.ts';
import { readRequestQuery } from './request-query.ts';
import { callSource, callSql, chooseFunction, returnsRows, scalarSql } from './rpc.ts';
import { tableKey } from './schema-cache.ts';
import { header, pagingFor, type RequestScope, transactionOf } from './scope.ts';
import { newReadContext, readResponse, readStatement, runRead } from './table-read.ts';
import { inRequestTransaction, PREPARED, type RestResponse } from './transaction.ts';

/** The arguments of a POST call: one JSON object (a single json argument may take any). */
function argumentsOf(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (Array.isArray(body)) throw bodyError('Calling a function with an array of argument sets is not supported');
  if (typeof body !== 'object' || body === null) throw bodyError('Expected a JSON object of arguments');
  return body as Record<string, unknown>;
}

export async function functionResponse(scope: RequestScope, name: string): Promise<RestResponse> {
  const { context, method, cache, preferences } = scope;
  if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') {
    throw new RestError(405, { code: 'PGRST101', message: `Cannot use the ${method} method on RPC` });
  }
  const readOnly = method !== 'POST';
  const overloads = cache.functions.get(tableKey(scope.schema, name)) ?? [];
  const argumentNames = new Set(overloads.flatMap((fn) => fn.inputs.map((arg) => arg.name)));
  // Over GET, query parameters named like an argument are arguments; the rest filter the result.
  const query = readRequestQuery(context.url.searchParams, readOnly ? (key) => argumentNames.has(key) : undefined);
  const args = readOnly ? Object.fromEntries(query.args) : argumentsOf(await readPayload(context));
  const singleObject = preferences.params === 'single-object';
  const { fn, wholeBody } = chooseFunction(cache, scope.schema, name, Object.keys(args), singleObject);
  if (readOnly && fn.volatility === 'v') {
    throw new RestError(405, {
      code: '25006',
      message: `cannot execute ${fn.name} in a read-only transaction: it is VOLATILE, call it with POST`,
    });
  }
  const head = method === 'HEAD';
  const negotiated = negotiate(header(context, 'accept'), ['json', 'object', 'csv']);
  const readContext = newReadContext(cache, query);
  const chosen = callSql(fn, args, wholeBody, readContext.params);
  const transaction = transactionOf(scope, readOnly);

  if (returnsRows(fn)) {
    const paging = pagingFor(scope, query);
    const statement = readStatement(readContext, callSource(chosen), query, paging, preferences, negotiated, head);
    const result = await inRequestTransaction(transaction, (tx) =>
      runRead(tx, statement, preferences.count, scope.maxRows),
    );
    if (!fn.returnsSet && negotiated.media === 'json') {
      // One composite value: answered as an object, not an array.
      const rows = JSON.parse(result.body ?? '[]') as unknown[];
      return {
        status: 200,
        headers: { 'Content-Type': contentType('json') },
        body: head ? null : JSON.stringify(rows[0] ?? null),
      };
    }
    return readResponse(result, paging, negotiated, head);
  }

  const text = scalarSql(chosen);
  const row = await inRequestTransaction(transaction, async (tx) => {
    const [first] = await tx.unsafe<{ page: number; body: string | null }[]>(text, readContext.params.values, PREPARED);
    return first;
  });
  if (fn.returnsVoid) return { status: 204, headers: {}, body: null };
  const { contentRange } = rangeAnswer(0, row?.page ?? 0, null);
  return {
    status: 200,
    headers: { 'Content-Type': contentType('json'), 'Content-Range': contentRange },
    body: head ? null : (row?.body ?? 'null'),
  };
}
