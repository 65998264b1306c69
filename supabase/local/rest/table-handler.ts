// Requests on a table or view: GET/HEAD read it; POST inserts or upserts, PUT upserts one row,
// PATCH updates and DELETE deletes the rows its filters name.
import { bodyError, RestError } from './errors.ts';
import { negotiate } from './media.ts';
import { mutationResponse } from './mutation.ts';
import { readPayload } from './payload.ts';
import { readRequestQuery } from './request-query.ts';
import type { Table } from './schema-cache.ts';
import { header, pagingFor, type RequestScope, transactionOf } from './scope.ts';
import { qualified } from './sql-text.ts';
import { newReadContext, readResponse, readStatement, runRead } from './table-read.ts';
import {
  deleteStatement,
  insertStatement,
  payloadRows,
  putConflict,
  updateStatement,
  type WriteStatement,
} from './table-write.ts';
import { inRequestTransaction, type RestResponse } from './transaction.ts';

export function methodNotAllowed(method: string): RestError {
  return new RestError(405, { code: 'PGRST117', message: `Unsupported HTTP method: ${method}` });
}

export async function tableResponse(scope: RequestScope, table: Table): Promise<RestResponse> {
  const { context, method, cache, preferences } = scope;
  if (!['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) throw methodNotAllowed(method);
  const query = readRequestQuery(context.url.searchParams);
  const negotiated = negotiate(header(context, 'accept'), ['json', 'object', 'csv']);
  const readContext = newReadContext(cache, query);

  if (method === 'GET' || method === 'HEAD') {
    const head = method === 'HEAD';
    const paging = pagingFor(scope, query);
    const source = { from: qualified(table.schema, table.name), table, columns: null };
    const statement = readStatement(readContext, source, query, paging, preferences, negotiated, head);
    const result = await inRequestTransaction(transactionOf(scope, true), (tx) =>
      runRead(tx, statement, preferences.count, scope.maxRows),
    );
    return readResponse(result, paging, negotiated, head);
  }

  let statement: WriteStatement | null;
  if (method === 'DELETE') {
    statement = deleteStatement(readContext, table, query, preferences, negotiated.stripNulls);
  } else if (method === 'PATCH') {
    const body = await readPayload(context);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw bodyError(body === undefined ? 'Empty or invalid json' : 'Expected a JSON object to update with');
    }
    statement = updateStatement(
      readContext,
      table,
      body as Record<string, unknown>,
      query,
      preferences,
      negotiated.stripNulls,
    );
  } else {
    const body = await readPayload(context);
    if (body === undefined) throw bodyError('Empty or invalid json');
    const rows = payloadRows(body);
    if (method === 'PUT') {
      const conflict = putConflict(table, query, rows);
      const merge = { ...preferences, resolution: 'merge-duplicates' as const };
      statement = insertStatement(readContext, table, rows, query, merge, negotiated.stripNulls, conflict);
    } else {
      statement = rows.length
        ? insertStatement(readContext, table, rows, query, preferences, negotiated.stripNulls)
        : null;
    }
  }
  return mutationResponse(scope, table, statement, negotiated.media);
}
