// Health that includes the database: Auth's `/health` answers 200 only while PostgreSQL answers. Every real request of those services needs the database, so a 200
// while it is down told monitors (and a second `npm start`) that a broken stack was fine.
import type { Sql } from 'postgres';
import { sendJson } from './gateway/http.ts';
import type { Service } from './gateway/services.ts';

/** How long the probe may take before the database counts as down. */
const PROBE_TIMEOUT_MS = 2000;

/** Whether the database answers `select 1` within the probe timeout. */
export async function databaseAnswers(sql: Sql, timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([sql`select 1`.then(() => true as const), late]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `service` with its health path answering 503 while the database does not answer; while it
 * does, the service's own answer goes out unchanged.
 */
export function withDatabaseHealth(service: Service, sql: Sql, healthPath: string): Service {
  return {
    ...service,
    // The gateway's /health runs this check too; the operator's statements page reads this pool.
    observability: {
      ...service.observability,
      checks: { ...service.observability?.checks, database: () => databaseAnswers(sql) },
      database: sql,
    },
    async handle(context, res) {
      const isHealth = context.path === healthPath && (context.req.method === 'GET' || context.req.method === 'HEAD');
      if (isHealth && !(await databaseAnswers(sql))) {
        return sendJson(res, 503, {
          code: 503,
          error_code: 'database_unavailable',
          msg: 'The database is not answering.',
        });
      }
      return service.handle(context, res);
    },
  };
}
