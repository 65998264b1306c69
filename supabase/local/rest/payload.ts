// A write's body as PostgREST reads it: JSON (an object or an array), CSV or a urlencoded form,
// per Content-Type, through the gateway's one body reader with a size limit.
import { BodyError, readBody } from '../gateway/read-body.ts';
import type { ServiceContext } from '../gateway/services.ts';
import { bodyError, RestError } from './errors.ts';
import { parseCsv } from './media.ts';
import { header } from './scope.ts';

/** Bodies larger than this are refused with 413 (bulk inserts of a few thousand rows fit). */
const BODY_LIMIT_BYTES = 8 * 1024 * 1024;
/** Deeper JSON bodies are refused (400): serialising them again would overflow the stack (a 500). */
const MAX_JSON_DEPTH = 512;

/** Whether arrays and objects in `value` nest deeper than `limit` (walked without recursion). */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}

/** The parsed body, or undefined when it is empty. */
export async function readPayload(context: ServiceContext): Promise<unknown> {
  let buffer: Buffer;
  try {
    buffer = await readBody(context.req, BODY_LIMIT_BYTES);
  } catch (error) {
    if (error instanceof BodyError) {
      throw new RestError(413, { code: 'PGRST413', message: 'Payload Too Large', details: error.message });
    }
    throw error;
  }
  const text = buffer.toString('utf8');
  const type = (header(context, 'content-type') ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'text/csv') return parseCsv(text);
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(text));
  if (type !== 'application/json' && !type.endsWith('+json') && type !== '') {
    throw new RestError(415, { code: 'PGRST107', message: `Content-Type not acceptable: ${type}` });
  }
  if (text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw bodyError('Empty or invalid json', (error as Error).message);
  }
  if (nestedDeeperThan(parsed, MAX_JSON_DEPTH)) {
    throw bodyError(`The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
  return parsed;
}
