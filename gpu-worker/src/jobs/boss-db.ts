// pg-boss's database, split for a transaction-mode pooler (decision 040): its statements go through
// `dbUrl` (each is one transaction, with unnamed statements only, so Supavisor's port 6543 or
// PgBouncer in transaction mode carry them), while its LISTEN connection, which must keep one
// server session, goes to `sessionDbUrl` (session pooler or direct). Without a session URL it is
// pg-boss's own single pool, as before.
import type { Db as BossDb } from 'pg-boss';
import PgBossDb from 'pg-boss/dist/db.js';

export interface BossDatabase {
  db: BossDb;
  close(): Promise<void>;
}

export async function openBossDatabase(options: {
  dbUrl: string;
  sessionDbUrl?: string | undefined;
  max: number;
  applicationName: string;
  /** Connection errors of the pools (an unheard 'error' event would end the process). */
  onError: (error: unknown) => void;
}): Promise<BossDatabase> {
  const pooled = new PgBossDb({
    connectionString: options.dbUrl,
    max: options.max,
    application_name: options.applicationName,
  });
  pooled.on('error', options.onError);
  await pooled.open();
  // A plain adapter, never the Db itself: pg-boss then neither re-emits its errors nor closes it.
  if (!options.sessionDbUrl || options.sessionDbUrl === options.dbUrl) {
    const db: BossDb = {
      executeSql: (text, values) => pooled.executeSql(text, values),
      listen: (channel, onNotification, onReconnect) => pooled.listen(channel, onNotification, onReconnect),
    };
    return { db, close: () => pooled.close() };
  }
  // The listener opens its own dedicated client from this Db's settings; the pool stays empty.
  const session = new PgBossDb({
    connectionString: options.sessionDbUrl,
    max: 1,
    application_name: `${options.applicationName}-listen`,
  });
  session.on('error', options.onError);
  try {
    await session.open();
  } catch (error) {
    await pooled.close();
    throw error;
  }
  const db: BossDb = {
    executeSql: (text, values) => pooled.executeSql(text, values),
    listen: (channel, onNotification, onReconnect) => session.listen(channel, onNotification, onReconnect),
  };
  return {
    db,
    async close() {
      await session.close();
      await pooled.close();
    },
  };
}
