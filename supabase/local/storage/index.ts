// The local Storage API (supabase/storage compatible) behind the gateway's /storage/v1: buckets and
// objects in the storage schema, every operation as the caller so RLS decides, bytes streamed to
// and from files under a data folder. `createStorageService(deps)` → `{ service, close() }`.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Sql } from 'postgres';
import type { ProjectConfig } from '../config.ts';
import { sendJson } from '../gateway/http.ts';
import type { Service, ServiceContext } from '../gateway/services.ts';
import type { LocalKeys } from '../keys.ts';
import { createDisk } from './disk.ts';
import { ERRORS, sendStorageError, toStorageError } from './errors.ts';
import { drain, type StorageEnv } from './request.ts';
import { findRoute } from './routes.ts';
import { parseSize } from './rules.ts';

export interface StorageDependencies {
  /** Superuser pool; caller work switches role and claims per transaction. */
  sql: Sql;
  keys: LocalKeys;
  config: ProjectConfig;
  /** Folder for object bytes (`buckets/`) and uploads in flight (`tmp/`). */
  dataDir: string;
  apiUrl: string;
}

export interface StorageService {
  service: Service;
  close(): Promise<void>;
}

export function createStorageService(deps: StorageDependencies): StorageService {
  const globalSizeLimit = parseSize(deps.config.storage.file_size_limit);
  if (globalSizeLimit === null) {
    throw new Error(`[storage] file_size_limit "${deps.config.storage.file_size_limit}" is not a size (e.g. 50MiB)`);
  }
  const disk = createDisk(deps.dataDir);
  // Uploads that were in flight when a previous process died never committed: drop them.
  rmSync(join(deps.dataDir, 'tmp'), { recursive: true, force: true });
  mkdirSync(join(deps.dataDir, 'tmp'), { recursive: true, mode: 0o700 });
  mkdirSync(join(deps.dataDir, 'buckets'), { recursive: true, mode: 0o700 });
  const env: StorageEnv = { sql: deps.sql, disk, globalSizeLimit };
  const inFlight = new Set<Promise<void>>();

  async function handle(context: ServiceContext, res: Parameters<Service['handle']>[1]): Promise<void> {
    const { req } = context;
    const method = req.method ?? 'GET';
    try {
      const found = findRoute(method, context.path);
      if (!found) {
        drain(req);
        sendJson(res, 404, {
          statusCode: 404,
          error: 'Not Found',
          message: `Route ${method}:${context.path} not found`,
        });
        return;
      }
      // PostgreSQL cannot store NUL: a query parameter holding one is bad input, not a 500.
      for (const [name, value] of context.url.searchParams) {
        if (value.includes('\u0000') || name.includes('\u0000')) throw ERRORS.nulCharacter('querystring');
      }
      await found.handler({ context, req, res, env, params: found.params });
    } catch (error) {
      if (req.socket.destroyed) return; // the client went away: nobody to answer, nothing to report
      const answer = toStorageError(error);
      if (answer.status >= 500 && answer.status !== 501) {
        process.stderr.write(`storage: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      }
      drain(req);
      if (!res.headersSent) sendStorageError(res, answer);
      else res.destroy();
    }
  }

  return {
    service: {
      handle(context, res) {
        const work = handle(context, res);
        inFlight.add(work);
        return work.finally(() => inFlight.delete(work));
      },
    },
    async close() {
      await Promise.allSettled([...inFlight]);
    },
  };
}
