// The API services behind the gateway, built on one database: what `npm start` serves and what
// stack tests can serve whole. Each service gets the same dependencies and is closed in reverse.
import { join } from 'node:path';
import type { Sql } from 'postgres';
import { createAuthService } from './auth/service.ts';
import type { ProjectConfig } from './config.ts';
import { withDatabaseHealth } from './database-health.ts';
import { createFunctionsService } from './functions/index.ts';
import type { Service, ServiceName } from './gateway/services.ts';
import type { LocalKeys } from './keys.ts';
import { createRealtimeService } from './realtime/index.ts';
import { createRestService } from './rest/index.ts';
import { createStorageService } from './storage/index.ts';
import { type StripeStandIn, startStripeStandIn, stripeLocalKeys } from './stripe/index.ts';

/** What every service factory is built from. */
export interface StackDependencies {
  /** Superuser pool on the database (services switch role and claims per transaction). */
  sql: Sql;
  /** postgres:// URL of the database (superuser). */
  dbUrl: string;
  /** The same through a transaction pooler (tests with ROOST_TEST_POOLER): the functions' SUPABASE_DB_URL. */
  poolerDbUrl?: string;
  keys: LocalKeys;
  config: ProjectConfig;
  /** A folder for the services' files (storage bytes under `storage/`). */
  dataDir: string;
  /** The gateway's URL (its port is chosen before the services are built). */
  apiUrl: string;
}

export interface StackServices {
  services: Partial<Record<ServiceName, Service>>;
  /** Stops what the services run (pools, processes, replication); called after the gateway closed. */
  close?(): Promise<void>;
  /** The local Stripe stand-in the functions' SDK talks to (decision 036). */
  stripe?: StripeStandIn;
}

export interface PlatformOptions {
  /** Restart a function when its files change (npm start); tests leave it off. */
  watchFunctions?: boolean;
}

/** Builds every service the local stack has: Auth, Storage, Functions, Realtime and the Data API. */
export async function startPlatformServices(
  deps: StackDependencies,
  options: PlatformOptions = {},
): Promise<StackServices> {
  const closers: (() => Promise<void>)[] = [];
  const auth = createAuthService(deps);
  closers.push(auth.close);
  const storage = createStorageService({ ...deps, dataDir: join(deps.dataDir, 'storage') });
  closers.push(storage.close);
  // Stripe's servers are out of reach: the functions' SDK talks to the stand-in, which sends its
  // signed events to the stripe-webhook function through the gateway.
  const stripe = await startStripeStandIn({
    ...stripeLocalKeys(deps.keys),
    webhookUrl: `${deps.apiUrl}/functions/v1/stripe-webhook`,
    stateFile: join(deps.dataDir, 'stripe', 'state.json'),
  });
  closers.push(stripe.close);
  const functions = createFunctionsService({
    ...deps,
    watch: options.watchFunctions ?? false,
    extraEnv: stripe.env(),
  });
  closers.push(functions.close);
  // Keeps its replication slot on close: the next start resumes where this one stopped.
  const realtime = createRealtimeService(deps);
  closers.push(() => realtime.close());
  const rest = createRestService(deps);
  await rest.cache();
  closers.push(rest.close);
  return {
    services: {
      // /auth/v1/health says 503 while the database is down (monitors, a second npm start).
      auth: withDatabaseHealth(auth.service, deps.sql, '/health'),
      storage: storage.service,
      functions: functions.service,
      realtime: realtime.service,
      rest: rest.service,
    },
    stripe,
    async close() {
      for (const close of closers.reverse()) await close().catch(() => {});
    },
  };
}
