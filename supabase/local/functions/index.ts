// The local Edge Functions runtime behind `/functions/v1/<name>[/rest]`: one warm Deno process
// per function (started by its first request), requests proxied to it over loopback with both
// bodies streamed, `verify_jwt` from config.toml, upstream's 404/401/503/500/546 answers, a
// restart after a crash, and (with `watch`) a reload when the function's files change.
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { ProjectConfig } from '../config.ts';
import type { Service, ServiceContext } from '../gateway/services.ts';
import type { LocalKeys } from '../keys.ts';
import { projectRoot, stateDir } from '../paths.ts';
import { type DenoProcess, type LogLine, startDenoProcess } from './deno-process.ts';
import { type RuntimeError, sendInvalidJwt, sendRuntimeError } from './errors.ts';
import { functionEnv } from './function-env.ts';
import { createProxyAgent, proxyRequest } from './proxy.ts';
import { watchFunctions } from './watch.ts';

export interface FunctionsDependencies {
  keys: LocalKeys;
  config: ProjectConfig;
  dbUrl: string;
  /** Functions get this as SUPABASE_DB_URL when set (a transaction pooler, as hosted functions reach Supavisor). */
  poolerDbUrl?: string;
  apiUrl: string;
  /** Folder of `<name>/index.ts` functions; default the project's `functions/`. */
  functionsDir?: string;
  /** Secrets (dotenv); default `<functionsDir>/.env`. */
  envFile?: string;
  /** Variables every function gets from the stack (the Stripe stand-in's STRIPE_*); the secrets file overrides them. */
  extraEnv?: Record<string, string>;
  /** Restart a function when its files (or `_shared/`, `.env`) change. */
  watch?: boolean;
  /** Deno's cache (npm metadata, compiled modules); default `.roost/deno`. */
  denoDir?: string;
  limits?: Partial<FunctionLimits>;
  /** Where function output goes; default stderr, one prefixed line each. */
  log?: LogLine;
}

export interface FunctionLimits {
  /** V8 heap of one function process (upstream: 256 MB). */
  memoryMb: number;
  /** Wall clock of one request (upstream's free plan: 150 s); past it the process is killed. */
  requestTimeoutMs: number;
  bootTimeoutMs: number;
}

const DEFAULT_LIMITS: FunctionLimits = { memoryMb: 256, requestTimeoutMs: 150_000, bootTimeoutMs: 30_000 };
/** Function folder names: as config.toml allows them; `_shared` and dot folders are not functions. */
const FUNCTION_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

interface Slot {
  process: DenoProcess;
  inflight: number;
  retired: boolean;
}

export interface FunctionsService {
  service: Service;
  /** Boots a function now (or finds it warm): its process id and loopback port. */
  warm(name: string): Promise<{ pid: number | undefined; port: number }>;
  /** Stops serving a function's current process (it ends once its requests are done); null: all. */
  restart(name: string | null): void;
  close(): Promise<void>;
}

const defaultLog: LogLine = (name, _stream, line) => process.stderr.write(`functions:${name} | ${line}\n`);

export function createFunctionsService(deps: FunctionsDependencies): FunctionsService {
  const functionsDir = deps.functionsDir ?? join(projectRoot, 'functions');
  const envFile = deps.envFile ?? join(functionsDir, '.env');
  const denoDir = deps.denoDir ?? join(stateDir, 'deno');
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const log = deps.log ?? defaultLog;
  const agent = createProxyAgent();
  const slots = new Map<string, Slot>();
  const live = new Set<DenoProcess>();

  function start(name: string): Slot {
    const process = startDenoProcess({
      name,
      entry: join(functionsDir, name, 'index.ts'),
      deno: join(projectRoot, 'node_modules', '.bin', 'deno'),
      denoDir,
      env: functionEnv({ ...deps, dbUrl: deps.poolerDbUrl ?? deps.dbUrl, envFile }, (line) =>
        log(name, 'stderr', line),
      ),
      readPaths: [functionsDir, join(projectRoot, 'node_modules')],
      memoryLimitMb: limits.memoryMb,
      bootTimeoutMs: limits.bootTimeoutMs,
      log,
    });
    const slot: Slot = { process, inflight: 0, retired: false };
    live.add(process);
    void process.exited.then(() => {
      live.delete(process);
      if (slots.get(name) === slot) slots.delete(name);
    });
    slots.set(name, slot);
    return slot;
  }

  function slotFor(name: string): Slot {
    const slot = slots.get(name);
    return slot?.process.isAlive() ? slot : start(name);
  }

  function retire(slot: Slot): void {
    slot.retired = true;
    if (slot.inflight === 0) slot.process.kill();
  }

  function restart(name: string | null): void {
    for (const [slotName, slot] of [...slots]) {
      if (name !== null && slotName !== name) continue;
      slots.delete(slotName);
      retire(slot);
    }
  }

  /** Why the function's side failed: a limit (546), a crash (503), or a bad answer (500). */
  async function failureOf(process: DenoProcess): Promise<RuntimeError> {
    const exit = await Promise.race([
      process.exited,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 2000).unref()),
    ]);
    if (exit === null) return 'worker';
    return exit.overLimit ? 'limit' : 'boot';
  }

  async function forward(name: string, context: ServiceContext, res: ServerResponse): Promise<void> {
    const slot = slotFor(name);
    slot.inflight += 1;
    try {
      let port: number;
      try {
        port = await slot.process.ready;
      } catch {
        return sendRuntimeError(res, 'boot');
      }
      const rest = context.path.slice(name.length + 1);
      const outcome = proxyRequest({
        req: context.req,
        res,
        port,
        path: `/${name}${rest}${context.url.search}`,
        agent,
      });
      // Past the wall clock the process is killed (a CPU-bound handler never yields otherwise).
      const timer = setTimeout(() => slot.process.kill('limit'), limits.requestTimeoutMs);
      const result = await outcome.finally(() => clearTimeout(timer));
      if (result.kind === 'failed_before_response') sendRuntimeError(res, await failureOf(slot.process));
      else if (result.kind === 'failed_mid_response') res.destroy();
    } finally {
      slot.inflight -= 1;
      if (slot.retired && slot.inflight === 0) slot.process.kill();
    }
  }

  function verifies(name: string): boolean {
    return deps.config.functions[name]?.verify_jwt ?? true;
  }

  const service: Service = {
    async handle(context, res) {
      const name = /^\/([^/]+)/.exec(context.path)?.[1];
      if (!name || !FUNCTION_NAME.test(name) || !existsSync(join(functionsDir, name, 'index.ts'))) {
        return sendRuntimeError(res, 'not_found');
      }
      if (context.req.method !== 'OPTIONS' && verifies(name)) {
        // A JWT is required: a user's access token or a legacy JWT key; an sb_ key is not one.
        if (!context.req.headers.authorization) return sendInvalidJwt(res, 'Missing authorization header');
        if (!context.caller.ok || context.caller.jwt === null) return sendInvalidJwt(res);
      }
      await forward(name, context, res);
    },
  };

  const watcher = deps.watch ? watchFunctions(functionsDir, restart) : undefined;

  return {
    service,
    async warm(name) {
      const slot = slotFor(name);
      return { pid: slot.process.pid, port: await slot.process.ready };
    },
    restart,
    async close() {
      watcher?.close();
      const exits = [...live].map((process) => {
        process.kill();
        return process.exited;
      });
      await Promise.all(exits);
      agent.destroy();
    },
  };
}
