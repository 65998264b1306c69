// A per-file local stack for tests that go through HTTP with the official clients: a clone of the
// migrated template database (the global setup's throwaway cluster), keys of its own, the gateway
// on a free port with the services under test, and optionally the mailer with its mailbox.
// ROOST_TEST_POOLER=transaction puts PgBouncer in transaction mode in front of the database, as
// Supavisor's port 6543 in production (decision 040): `dbUrl` (the web app's, the functions' and
// the worker's SUPABASE_DB_URL) goes through it; `sessionDbUrl`, the platform services (Auth,
// Storage, Realtime, Data API: Supabase's own, on direct connections) and `admin` stay direct.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import postgres, { type Sql } from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import { type Mailer, startMailer } from '../../../shared/mail/outbox/mailer.ts';
import { localMailboxTransport } from '../../../shared/mail/outbox/transports.ts';
import type { Database } from '../../database.types.ts';
import { type ProjectConfig, readProjectConfig } from '../config.ts';
import { type Gateway, startGateway } from '../gateway/server.ts';
import { ensureLocalKeys, type LocalKeys } from '../keys.ts';
import { type MailboxServer, startMailboxServer } from '../mail/mailbox-server.ts';
import type { StackDependencies, StackServices } from '../platform-services.ts';
import { freePort } from '../throwaway.ts';
import { type Pooler, startPooler } from './pgbouncer.ts';

export type { StackDependencies, StackServices };

export interface TestStackOptions {
  /** Builds the services under test (Auth, Storage, …) on the test database. */
  services?: (deps: StackDependencies) => Promise<StackServices> | StackServices;
  /** Adjusts supabase/config.toml for this file (e.g. email confirmations off). */
  config?: (config: ProjectConfig) => ProjectConfig;
  /** Runs the mailer into the local mailbox and serves the mailbox on a free port. */
  mail?: boolean;
  /** Puts the transaction pooler in front whatever ROOST_TEST_POOLER says (tests of the switch itself). */
  pooler?: 'transaction';
}

export interface TestStack {
  url: string;
  keys: LocalKeys;
  config: ProjectConfig;
  /** Superuser pool on the test database: fixtures and checks behind RLS's back. */
  admin: Sql;
  /** SUPABASE_DB_URL of the code under test: direct, or through the transaction pooler (ROOST_TEST_POOLER). */
  dbUrl: string;
  /** Always a direct session connection: LISTEN and session locks (the worker's ROOST_WORKER_SESSION_DB_URL). */
  sessionDbUrl: string;
  /** The transaction pooler in front of the database, with ROOST_TEST_POOLER=transaction. */
  pooler?: Pooler;
  dataDir: string;
  /** The mailbox page/API (with `mail: true`). */
  mailboxUrl: string;
  /** A supabase-js client typed by `Database`, with the publishable key (or another), no session persistence. */
  client(key?: string): SupabaseClient<Database>;
}

/** `transaction` when the tests' database URL should go through a transaction-mode pooler. */
export function testPoolerMode(): 'transaction' | undefined {
  const mode = process.env.ROOST_TEST_POOLER;
  if (!mode || mode === 'off') return undefined;
  if (mode !== 'transaction') throw new Error(`ROOST_TEST_POOLER=${mode}: only "transaction" (or "off") is known`);
  return mode;
}

function databaseUrl(database: string): string {
  const { port, password } = inject('database');
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

function connect(database: string, max: number): Sql {
  return postgres(databaseUrl(database), { max, onnotice: () => {} });
}

/** Starts a stack for this test file in beforeAll and tears it down in afterAll. */
export function useTestStack(options: TestStackOptions = {}): TestStack {
  const name = `stack_${randomBytes(6).toString('hex')}`;
  const stack = {} as TestStack;
  let gateway: Gateway | undefined;
  let built: StackServices | undefined;
  let mailer: Mailer | undefined;
  let mailbox: MailboxServer | undefined;

  beforeAll(async () => {
    const maintenance = connect('template1', 1);
    await maintenance.unsafe(`create database ${name} template ${inject('database').template}`);
    await maintenance.end();
    stack.dataDir = mkdtempSync(join(tmpdir(), 'roost-stack-'));
    stack.sessionDbUrl = databaseUrl(name);
    stack.dbUrl = stack.sessionDbUrl;
    if (options.pooler ?? testPoolerMode()) {
      const { port, password } = inject('database');
      stack.pooler = await startPooler({ serverPort: port, user: 'postgres', password });
      stack.dbUrl = stack.pooler.url(name);
    }
    stack.admin = connect(name, 6);
    stack.keys = await ensureLocalKeys({ file: join(stack.dataDir, 'keys.json'), pins: {} });
    stack.config = options.config ? options.config(readProjectConfig()) : readProjectConfig();
    const port = await freePort();
    const apiUrl = `http://127.0.0.1:${port}`;
    built = await options.services?.({
      sql: stack.admin,
      dbUrl: stack.sessionDbUrl,
      ...(stack.pooler ? { poolerDbUrl: stack.dbUrl } : {}),
      keys: stack.keys,
      config: stack.config,
      dataDir: stack.dataDir,
      apiUrl,
    });
    gateway = await startGateway({ port, keys: stack.keys, config: stack.config, services: built?.services });
    stack.url = gateway.url;
    if (options.mail) {
      mailer = startMailer({ sql: stack.admin, transport: localMailboxTransport(stack.admin), pollIntervalMs: 50 });
      mailbox = await startMailboxServer({ sql: stack.admin, port: await freePort() });
      stack.mailboxUrl = mailbox.url;
    }
    stack.client = (key = stack.keys.publishable_key) =>
      createClient<Database>(stack.url, key, { auth: { persistSession: false, autoRefreshToken: false } });
  });

  afterAll(async () => {
    await mailer?.stop();
    await mailbox?.close();
    await gateway?.close();
    await built?.close?.();
    await stack.admin?.end();
    await stack.pooler?.stop();
    const maintenance = connect('template1', 1);
    await maintenance.unsafe(`drop database if exists ${name} with (force)`);
    await maintenance.end();
    if (stack.dataDir) rmSync(stack.dataDir, { recursive: true, force: true });
  });
  return stack;
}
