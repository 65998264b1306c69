// Running a write statement and answering it as PostgREST does: 201/204 or the representation,
// Content-Range with the affected count, Location for headers-only, max-affected with
// handling=strict, a single object only when exactly one row changed, and tx=rollback.
import { RestError } from './errors.ts';
import { contentType, type Media, notOneRow, toCsv } from './media.ts';
import { appliedPreferences } from './prefer.ts';
import type { Table } from './schema-cache.ts';
import { type RequestScope, transactionOf } from './scope.ts';
import type { WriteStatement } from './table-write.ts';
import { inRequestTransaction, PREPARED, type RestResponse } from './transaction.ts';

interface Outcome {
  page: number;
  body: string | null;
  location: string | null;
}

/** `/table?pk=eq.value` of the one row a headers-only insert created. */
function locationOf(table: Table, location: string | null): string | null {
  const keys = location ? (JSON.parse(location) as Record<string, unknown>[]) : [];
  const only = keys.length === 1 ? keys[0] : undefined;
  if (!only) return null;
  const query = Object.entries(only).map(
    ([name, value]) => `${encodeURIComponent(name)}=eq.${encodeURIComponent(String(value))}`,
  );
  return `/${table.name}?${query.join('&')}`;
}

/** The answer of a write; `statement` null means there was nothing to write (an empty payload). */
export async function mutationResponse(
  scope: RequestScope,
  table: Table,
  statement: WriteStatement | null,
  media: Media,
): Promise<RestResponse> {
  const { preferences } = scope;
  const created = scope.method === 'POST' || scope.method === 'PUT';
  const representation = preferences.return === 'representation';
  const applied = appliedPreferences(preferences, ['return', 'resolution', 'missing', 'tx', 'maxAffected', 'handling']);
  const headers: Record<string, string> = applied ? { 'Preference-Applied': applied } : {};

  const outcome = statement
    ? await inRequestTransaction(transactionOf(scope, false), async (tx): Promise<Outcome> => {
        let result: Outcome;
        if (statement.returnsRows) {
          const [row] = await tx.unsafe<Outcome[]>(statement.text, statement.values, PREPARED);
          result = { page: row?.page ?? 0, body: row?.body ?? null, location: row?.location ?? null };
        } else {
          const done = await tx.unsafe(statement.text, statement.values, PREPARED);
          result = { page: done.count ?? 0, body: null, location: null };
        }
        // Refusals thrown here roll the write back.
        if (
          preferences.maxAffected !== null &&
          preferences.handling === 'strict' &&
          result.page > preferences.maxAffected
        ) {
          throw new RestError(400, {
            code: 'PGRST124',
            message: 'Query result exceeds max-affected preference constraint',
            details: `The query affects ${result.page} rows`,
          });
        }
        if (media === 'object' && result.page !== 1) throw notOneRow(result.page);
        return result;
      })
    : { page: 0, body: '[]', location: null };
  if (!statement && media === 'object') throw notOneRow(0);

  const { page } = outcome;
  headers['Content-Range'] =
    preferences.count === 'exact' ? (page > 0 ? `0-${page - 1}/${page}` : '*/0') : page > 0 ? `0-${page - 1}/*` : '*/*';
  const location = locationOf(table, outcome.location);
  if (location) headers.Location = location;
  if (!representation) return { status: created ? 201 : 204, headers, body: null };
  let body = outcome.body ?? '[]';
  if (media === 'object') body = JSON.stringify((JSON.parse(body) as unknown[])[0]);
  else if (media === 'csv') body = toCsv(body);
  return { status: created ? 201 : 200, headers: { ...headers, 'Content-Type': contentType(media) }, body };
}
