// What a Data API handler works with for one request: the request, its caller and preferences,
// the schema cache it was resolved against, and where its transaction runs.
import type { Sql } from 'postgres';
import type { ServiceContext } from '../gateway/services.ts';
import type { Preferences } from './prefer.ts';
import { type Paging, pagingOf } from './range.ts';
import { emptyModifiers } from './read.ts';
import type { RequestQuery } from './request-query.ts';
import type { SchemaCache } from './schema-cache.ts';
import type { RequestInfo, TransactionTarget } from './transaction.ts';

export interface RequestScope {
  context: ServiceContext;
  method: string;
  cache: SchemaCache;
  /** The exposed schema the request is about (its profile). */
  schema: string;
  info: RequestInfo;
  preferences: Preferences;
  pool: Sql;
  maxRows: number;
  apiUrl: string;
}

/** A request header as one string (repeated headers joined). */
export function header(context: ServiceContext, name: string): string | undefined {
  const value = context.req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The transaction of a request: read only, or committed unless `Prefer: tx=rollback`. */
export function transactionOf(scope: RequestScope, readOnly: boolean): TransactionTarget {
  return {
    pool: scope.pool,
    cache: scope.cache,
    info: scope.info,
    readOnly,
    rollback: !readOnly && scope.preferences.tx === 'rollback',
  };
}

/** The root's paging: `limit`/`offset`, the Range header, capped by `max_rows`. */
export function pagingFor(scope: RequestScope, query: RequestQuery): Paging {
  const root = query.modifiers.get('') ?? emptyModifiers();
  return pagingOf(root.limit, root.offset, header(scope.context, 'range'), scope.maxRows);
}
