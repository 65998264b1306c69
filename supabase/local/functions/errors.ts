// The answers of Supabase's functions gateway and edge runtime, in upstream's shapes.
import type { ServerResponse } from 'node:http';
import { sendJson } from '../gateway/http.ts';

export const RUNTIME_ERRORS = {
  not_found: { status: 404, code: 'NOT_FOUND', message: 'Requested function was not found' },
  boot: { status: 503, code: 'BOOT_ERROR', message: 'Function failed to start (please check logs)' },
  worker: { status: 500, code: 'WORKER_ERROR', message: 'Function exited due to an error (please check logs)' },
  limit: {
    status: 546,
    code: 'WORKER_LIMIT',
    message: 'Function failed due to not having enough compute resources (please check logs)',
  },
} as const;

export type RuntimeError = keyof typeof RUNTIME_ERRORS;

export function sendRuntimeError(res: ServerResponse, error: RuntimeError): void {
  const { status, code, message } = RUNTIME_ERRORS[error];
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status, { code, message });
}

/** verify_jwt refusals: upstream answers `{msg}` with 401. */
export function sendInvalidJwt(res: ServerResponse, msg = 'Invalid JWT'): void {
  sendJson(res, 401, { msg });
}
