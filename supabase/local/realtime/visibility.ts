// Which changed rows a subscriber could `select`, decided by the table's own RLS policies run as
// that subscriber (role and claims), on the row values the WAL carries: one query per group of
// subscribers with identical access and per table and batch (split only where the rows exceed a
// statement's parameter limit).
// The policies' USING expressions come from pg_policies deparsed with an empty search_path (so
// every name in them is qualified) and are evaluated over a VALUES list named like the table.
import type { Sql } from 'postgres';
import type { Access } from './authorize.ts';

export interface TableColumn {
  name: string;
  /** pg_type.typname (what `columns[].type` reports). */
  type: string;
  /** format_type(): what a text value is cast to. */
  sqlType: string;
}

interface Policy {
  roles: string[];
  permissive: boolean;
  /** The USING expression; null when the policy has none (it then plays no part in reading). */
  using: string | null;
}

export interface TableInfo {
  schema: string;
  table: string;
  columns: TableColumn[];
  rlsEnabled: boolean;
  policies: Policy[];
  /** In the publication supabase_realtime (other streamed tables never reach subscribers). */
  published: boolean;
}

export type RowValues = Record<string, string | null>;

export interface VisibilityRequest {
  oid: number;
  access: Access;
  rows: RowValues[];
}

/** Subscriber groups checked in one transaction. */
const CHUNK = 50;
/** Parameters of one statement: postgres.js (and the protocol) allow at most 65,534. */
const MAX_PARAMETERS = 60_000;

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

export class Visibility {
  readonly #sql: Sql;
  readonly #tables = new Map<number, Promise<TableInfo>>();
  readonly #privileges = new Map<string, Promise<boolean>>();

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  /** Drops what is known of a table (its relation message came again: it may have changed). */
  forget(relationOid: number): void {
    this.#tables.delete(relationOid);
    for (const key of this.#privileges.keys()) if (key.startsWith(`${relationOid}:`)) this.#privileges.delete(key);
  }

  forgetAll(): void {
    this.#tables.clear();
    this.#privileges.clear();
  }

  table(relationOid: number): Promise<TableInfo> {
    let info = this.#tables.get(relationOid);
    if (!info) {
      info = this.#load(relationOid);
      info.catch(() => this.#tables.delete(relationOid));
      this.#tables.set(relationOid, info);
    }
    return info;
  }

  async #load(oid: number): Promise<TableInfo> {
    return (await this.#sql.begin(async (tx) => {
      await tx`set local search_path = ''`;
      const [table] = await tx<{ schema: string; table: string; rls: boolean }[]>`
        select n.nspname as schema, c.relname as table, c.relrowsecurity as rls
        from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where c.oid = ${oid}`;
      // Dropped since the change was made: nobody receives its changes any more.
      if (!table) return { published: false, schema: '', table: '', columns: [], rlsEnabled: true, policies: [] };
      const columns = await tx<TableColumn[]>`
        select a.attname as name, t.typname as type, pg_catalog.format_type(a.atttypid, a.atttypmod) as "sqlType"
        from pg_catalog.pg_attribute a join pg_catalog.pg_type t on t.oid = a.atttypid
        where a.attrelid = ${oid} and a.attnum > 0 and not a.attisdropped
        order by a.attnum`;
      const policies = await tx<{ roles: string[]; permissive: string; qual: string | null }[]>`
        select roles::text[] as roles, permissive, qual from pg_catalog.pg_policies
        where schemaname = ${table.schema} and tablename = ${table.table} and cmd in ('SELECT', 'ALL')`;
      const [published] = await tx`
        select 1 from pg_catalog.pg_publication_tables
        where pubname = 'supabase_realtime' and schemaname = ${table.schema} and tablename = ${table.table}`;
      return {
        published: published !== undefined,
        schema: table.schema,
        table: table.table,
        columns: [...columns],
        rlsEnabled: table.rls,
        policies: policies.map((p) => ({
          roles: p.roles,
          permissive: p.permissive === 'PERMISSIVE',
          // As PostgreSQL: WITH CHECK never applies to reading, and a policy without USING
          // neither grants (permissive) nor restricts (restrictive) what is read.
          using: p.qual,
        })),
      };
    })) as TableInfo;
  }

  #canSelect(oid: number, role: string): Promise<boolean> {
    const key = `${oid}:${role}`;
    let allowed = this.#privileges.get(key);
    if (!allowed) {
      allowed = this.#sql<
        { ok: boolean }[]
      >`select pg_catalog.has_table_privilege(${role}, ${oid}::oid, 'SELECT') as ok`.then(([row]) => row?.ok === true);
      this.#privileges.set(key, allowed);
    }
    return allowed;
  }

  /** The RLS check of `rows` (all of one table) as `access`: a query, or the answer at once. */
  async #plan(
    request: VisibilityRequest,
  ): Promise<{ all: boolean } | { queries: { query: string; params: (string | number | null)[] }[] }> {
    const { oid, access, rows } = request;
    if (!(await this.#canSelect(oid, access.role))) return { all: false };
    const info = await this.table(oid);
    if (access.role === 'service_role' || !info.rlsEnabled) return { all: true };
    const applies = (p: Policy) => p.using !== null && (p.roles.includes('public') || p.roles.includes(access.role));
    const permissive = info.policies.filter((p) => p.permissive && applies(p)).map((p) => `(${p.using})`);
    if (permissive.length === 0) return { all: false };
    const restrictive = info.policies.filter((p) => !p.permissive && applies(p)).map((p) => `(${p.using})`);
    const condition = [`(${permissive.join(' or ')})`, ...restrictive].join(' and ');
    const alias = quoteIdent(info.table);
    const names = ['__roost_row', ...info.columns.map((c) => c.name)].map(quoteIdent).join(', ');
    // Many rows (a bulk write) take several statements, each within the parameter limit.
    const rowsPerQuery = Math.max(1, Math.floor(MAX_PARAMETERS / (info.columns.length + 1)));
    const queries: { query: string; params: (string | number | null)[] }[] = [];
    for (let start = 0; start < rows.length; start += rowsPerQuery) {
      const params: (string | number | null)[] = [];
      const tuples = rows.slice(start, start + rowsPerQuery).map((row, offset) => {
        params.push(start + offset);
        const cells = [`$${params.length}::int`];
        for (const column of info.columns) {
          params.push(row[column.name] ?? null);
          cells.push(`$${params.length}::${column.sqlType}`);
        }
        return `(${cells.join(', ')})`;
      });
      const query = `select ${alias}.__roost_row as i from (values ${tuples.join(', ')}) as ${alias} (${names}) where ${condition}`;
      queries.push({ query, params });
    }
    return { queries };
  }

  /**
   * For each request, the indexes of its rows its subscriber group may see. The checks of up to
   * CHUNK groups share one transaction and one round trip (statements pipelined, role and claims
   * switched between them); chunks run side by side on the pool.
   */
  async visibleBatch(requests: VisibilityRequest[]): Promise<Set<number>[]> {
    const plans = await Promise.all(
      requests.map((request) =>
        this.#plan(request).catch((error: Error) => {
          // As a failed check below: that group sees nothing, the others are not held up; a lost
          // database fails the handover, so it is retried.
          if (isConnectionLoss(error)) throw error;
          process.stderr.write(`realtime: RLS check failed, nothing delivered to that group: ${error.message}\n`);
          return { all: false };
        }),
      ),
    );
    const results = requests.map((request, index) => {
      const plan = plans[index];
      return plan && 'all' in plan && plan.all ? new Set(request.rows.map((_, i) => i)) : new Set<number>();
    });
    const queued = plans.flatMap((plan, index) =>
      plan && 'queries' in plan ? plan.queries.map((query) => ({ plan: query, index })) : [],
    );
    const chunks: (typeof queued)[] = [];
    for (let i = 0; i < queued.length; i += CHUNK) chunks.push(queued.slice(i, i + CHUNK));
    const check = (chunk: typeof queued) =>
      this.#sql.begin((tx) => {
        const statements = chunk.flatMap(({ plan, index }) => {
          const { access } = requests[index] as VisibilityRequest;
          const claims = JSON.stringify(access.claims);
          return [
            tx`select set_config('role', ${access.role}, true), set_config('request.jwt.claims', ${claims}, true), set_config('search_path', '', true)`.then(
              () => {},
            ),
            tx.unsafe<{ i: number }[]>(plan.query, plan.params).then((rows) => {
              for (const row of rows) results[index]?.add(row.i);
            }),
          ];
        });
        return Promise.all(statements);
      });
    await Promise.all(
      chunks.map((chunk) =>
        check(chunk).catch(async () => {
          // One group's policies failed (claims a policy cannot read, say): check the groups one
          // by one, and a group whose check fails sees nothing, so the others are not held up.
          for (const [index] of requests.entries())
            if (chunk.some((item) => item.index === index)) results[index]?.clear();
          await Promise.all(
            chunk.map((item) =>
              check([item]).catch((error: Error) => {
                // The database went away (a restart): fail the handover, so it is retried from
                // the slot's confirmed position instead of these changes being dropped.
                if (isConnectionLoss(error)) throw error;
                results[item.index]?.clear();
                process.stderr.write(`realtime: RLS check failed, nothing delivered to that group: ${error.message}\n`);
              }),
            ),
          );
        }),
      ),
    );
    return results;
  }
}

/** Whether `error` says the connection to PostgreSQL was lost, rather than that a check failed. */
export function isConnectionLoss(error: unknown): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  return (
    code.startsWith('CONNECT') || // postgres.js: CONNECTION_CLOSED, _ENDED, _DESTROYED, CONNECT_TIMEOUT
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(code) ||
    code.startsWith('08') || // connection exception
    code.startsWith('57P') // admin shutdown, crash shutdown, cannot connect now
  );
}
