// What the gateway hands each service, and the answer of a service that is not built yet.
// Later work plugs the real Auth, Storage, Functions, Realtime and REST handlers in here.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Sql } from 'postgres';
import type { Registry } from 'prom-client';
import type { ProjectConfig } from '../config.ts';
import type { LocalKeys } from '../keys.ts';
import { sendJson } from './http.ts';
import type { KeyRing, Resolution } from './resolve-caller.ts';

export const SERVICE_NAMES = ['auth', 'storage', 'functions', 'realtime', 'rest'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Everything a service needs to answer one request. */
export interface ServiceContext {
  req: IncomingMessage;
  url: URL;
  /** The path after the service prefix, starting with `/` (`/auth/v1/health` → `/health`). */
  path: string;
  /**
   * The caller (role and claims), or why the token was refused. API-key problems never reach a
   * service (the gateway answers them); a refused user JWT does, because each service answers it
   * in its own shape, and some endpoints (Auth's /settings, /health) ignore it.
   */
  caller: Resolution;
  keys: LocalKeys;
  ring: KeyRing;
  config: ProjectConfig;
  /** The gateway's own URL, e.g. `http://127.0.0.1:54321`. */
  apiUrl: string;
}

/** What a service offers the gateway's own endpoints (/metrics, /health, the operator page). */
export interface ServiceObservability {
  /** Prometheus metrics the service keeps; the gateway's /metrics serves them with its own. */
  metrics?: Registry;
  /** Dependency checks for the gateway's /health, by name: each true while it answers. */
  checks?: Record<string, () => Promise<boolean>>;
  /** The database pool (superuser), for the operator's slow-statements page. */
  database?: Sql;
}

export interface Service {
  handle(context: ServiceContext, res: ServerResponse): Promise<void> | void;
  /** Websocket upgrades (Realtime); without it the gateway answers 501. */
  upgrade?(context: ServiceContext, socket: Duplex, head: Buffer): void;
  observability?: ServiceObservability;
}

const TITLES: Record<ServiceName, string> = {
  auth: 'Auth',
  storage: 'Storage',
  functions: 'Functions',
  realtime: 'Realtime',
  rest: 'The REST API (PostgREST)',
};

export function notImplementedBody(service: ServiceName, path: string) {
  return {
    code: 'not_implemented',
    message: `${TITLES[service]} (/${service}/v1${path}) is not implemented by the Roost local stack yet`,
  };
}

/** A service that answers every request 501 `{code: "not_implemented", message}`. */
export function notImplemented(service: ServiceName): Service {
  return {
    handle(context, res) {
      sendJson(res, 501, notImplementedBody(service, context.path));
    },
  };
}
