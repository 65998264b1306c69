// The 32 booking clients: one connection each, driven concurrently through a list of attempts
// per client until the list ends or the time cap passes. An attempt is either the product path
// (`public.create_booking` in a request as a staff member, exactly as PostgREST runs it) or one
// autocommit `insert … values (…)` of a booking row as the superuser.
import type { Sql } from 'postgres';
import { asRequest, userClaims } from '../../supabase/local/rls-request.ts';
import { elapsedMs } from '../rls/stats.ts';

export interface Staff {
  id: string;
  email: string;
}

/** A lodging booking request: which room (an index into the property's rooms) and when. */
export interface Attempt {
  resource: number;
  arrival: string;
  departure: string;
  partySize: number;
}

/** What one side did: per attempt its latency and whether it booked; attempts made per client. */
export interface SideRun {
  elapsedMs: number;
  latenciesMs: number[];
  booked: number;
  /** Refused with the conflict code (not_available for the RPC, 23P01 for an insert). */
  conflicts: number;
  /** Aborted by PostgreSQL's deadlock detector (40P01) while checking the exclusion constraint. */
  deadlocks: number;
  attemptsPerClient: number[];
}

export type Outcome = 'booked' | 'conflict' | 'deadlock';

/** One attempt's outcome; errors other than a conflict or a deadlock throw. */
export type Try = (sql: Sql, client: number, index: number) => Promise<Outcome>;

function refusal(error: unknown, conflict: (e: { code?: string; message?: string }) => boolean): Outcome {
  const e = error as { code?: string; message?: string };
  if (conflict(e)) return 'conflict';
  if (e.code === '40P01') return 'deadlock';
  throw error;
}

export async function drive(
  clients: readonly Sql[],
  countOf: (client: number) => number,
  attempt: Try,
  capMs: number,
): Promise<SideRun> {
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(capMs * 1e6));
  const run: SideRun = { elapsedMs: 0, latenciesMs: [], booked: 0, conflicts: 0, deadlocks: 0, attemptsPerClient: [] };
  await Promise.all(
    clients.map(async (sql, client) => {
      const count = countOf(client);
      let index = 0;
      for (; index < count && process.hrtime.bigint() < deadline; index++) {
        const begin = process.hrtime.bigint();
        const outcome = await attempt(sql, client, index);
        run.latenciesMs.push(elapsedMs(begin, process.hrtime.bigint()));
        if (outcome === 'booked') run.booked++;
        else if (outcome === 'conflict') run.conflicts++;
        else run.deadlocks++;
      }
      run.attemptsPerClient[client] = index;
    }),
  );
  run.elapsedMs = elapsedMs(start, process.hrtime.bigint());
  return run;
}

/** `public.create_booking` (confirmed, source staff) in a request as the client's staff member. */
export function rpcAttempt(
  staff: readonly Staff[],
  rooms: { rpc: readonly string[]; ratePlans: readonly string[] },
  attempts: (c: number) => Attempt[],
): Try {
  const claims = staff.map((member) => userClaims(member));
  return async (sql, client, index) => {
    const attempt = attempts(client)[index] as Attempt;
    try {
      await asRequest(sql, 'authenticated', claims[client] as Record<string, unknown>, (tx) =>
        tx.unsafe(
          'select (public.create_booking($1, null, $2, $3, $4, p_confirm => true, p_rate_plan_id => $5)).id',
          [
            rooms.rpc[attempt.resource] as string,
            attempt.arrival,
            attempt.departure,
            attempt.partySize,
            rooms.ratePlans[attempt.resource] as string,
          ],
          { prepare: true },
        ),
      );
      return 'booked';
    } catch (error) {
      return refusal(error, (e) => e.message === 'not_available');
    }
  };
}

/** The columns `public.create_booking` writes (id, reference and timestamps come from defaults). */
export const ROW_COLUMNS = [
  ['organization_id', 'uuid'],
  ['property_id', 'uuid'],
  ['resource_id', 'uuid'],
  ['guest_id', 'uuid'],
  ['rate_plan_id', 'uuid'],
  ['status', 'public.booking_status'],
  ['period', 'tstzrange'],
  ['blocked_period', 'tstzrange'],
  ['arrival_date', 'date'],
  ['departure_date', 'date'],
  ['party_size', 'integer'],
  ['currency', 'text'],
  ['total_minor', 'bigint'],
  ['price_breakdown', 'jsonb'],
  ['source', 'public.booking_source'],
  ['idempotency_key', 'text'],
  ['hold_expires_at', 'timestamptz'],
  ['confirmed_at', 'timestamptz'],
  ['created_by', 'uuid'],
] as const;

export type RowValues = (string | null)[];

/** One autocommit insert of a prepared row; an exclusion violation (23P01) is a conflict. */
export function insertAttempt(table: string, rows: (c: number) => RowValues[]): Try {
  const text = `insert into ${table} (${ROW_COLUMNS.map(([name]) => name).join(', ')}) values (${ROW_COLUMNS.map(
    // jsonb through text: postgres.js would encode a string parameter typed jsonb as a JSON string.
    ([, type], i) => `$${i + 1}::${type === 'jsonb' ? 'text::jsonb' : type}`,
  ).join(', ')})`;
  return async (sql, client, index) => {
    try {
      await sql.unsafe(text, rows(client)[index] as RowValues, { prepare: true });
      return 'booked';
    } catch (error) {
      return refusal(error, (e) => e.code === '23P01');
    }
  };
}
