// The one request-body reader of the local stack: every service reads a body through it, with a
// size limit, so an oversized or malformed body is a 4xx decided here, once, for all services.
// Over the limit it stops buffering but does not destroy the request: the rest is discarded, so
// the service's 413 reaches the client intact (destroying the socket would leave it no answer).
import type { IncomingMessage } from 'node:http';

export type BodyProblem = 'too_large' | 'invalid_json';

/** A body the stack refuses; each service answers it in its own error shape. */
export class BodyError extends Error {
  readonly problem: BodyProblem;
  constructor(problem: BodyProblem, message: string) {
    super(message);
    this.problem = problem;
  }
}

/** The usual limit of a JSON request body (upstream Storage's and GoTrue's order of size). */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

function tooLarge(limit: number): BodyError {
  return new BodyError('too_large', `The request body exceeds the limit of ${limit} bytes`);
}

/** The whole body, at most `limit` bytes (a larger declared or sent body is `too_large`). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  // Gone before we asked (the handler awaited something first): no event would ever come.
  if (req.destroyed && !req.readableEnded) return Promise.reject(new Error('request aborted'));
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(tooLarge(limit));
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      cleanup();
      req.resume(); // discard the rest, keep the socket for the answer
      reject(tooLarge(limit));
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    // A client that goes away mid-body: nothing more will come.
    const onClose = () => {
      if (req.readableEnded) return;
      cleanup();
      reject(new Error('request aborted'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** A JSON body (undefined when empty); `invalid_json` when it does not parse. */
export async function readJsonBody(req: IncomingMessage, limit = JSON_BODY_LIMIT_BYTES): Promise<unknown> {
  const text = (await readBody(req, limit)).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BodyError('invalid_json', (error as Error).message);
  }
}

/**
 * Whether a parsed value holds a NUL character in a string or a key. PostgreSQL's text and jsonb
 * cannot store one (a 5xx if it got there), so services refuse such input as a validation error.
 */
export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (value === null || typeof value !== 'object' || depth > 64) return false;
  if (Array.isArray(value)) return value.some((item) => containsNul(item, depth + 1));
  return Object.entries(value).some(([key, item]) => key.includes('\u0000') || containsNul(item, depth + 1));
}
