// Realtime's REST broadcast: `POST /api/broadcast {messages: [{topic, event, payload, private}]}`
// and `POST /api/broadcast/<topic>/events/<event>[?private=true]` (supabase-js `httpSend`: the
// body is the payload, JSON or bytes); both answer 202. A private message goes to the private
// channel only, and only when the caller passes the insert policies of realtime.messages for
// the topic (checked as the caller); otherwise it is dropped, as upstream does.
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { decodePathSegment } from '../gateway/decode-path.ts';
import { sendJson } from '../gateway/http.ts';
import type { ServiceContext } from '../gateway/services.ts';
import { accessOf, type RightsCache } from './authorize.ts';
import type { Hub } from './hub.ts';

const message = z.object({
  topic: z.string().min(1).max(255),
  event: z.string().min(1).max(255),
  payload: z.unknown().optional(),
  private: z.boolean().optional(),
});
const batch = z.object({ messages: z.array(message).min(1).max(100) });

async function readBody(context: ServiceContext, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of context.req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function handleBroadcastRequest(
  context: ServiceContext,
  res: ServerResponse,
  deps: { rights: RightsCache; hub: Hub; maxPayloadBytes: number },
): Promise<void> {
  const single = /^\/api\/broadcast\/([^/]+)\/events\/([^/]+)$/.exec(context.path);
  if (context.path !== '/api/broadcast' && !single) return sendJson(res, 404, { message: 'Not found' });
  // The gateway's one path decoder: a malformed percent-escape is a 400, not a URIError's 500.
  const [topic, event] = [decodePathSegment(single?.[1] ?? ''), decodePathSegment(single?.[2] ?? '')];
  if (topic === null || event === null) return sendJson(res, 400, { message: 'Malformed percent-escape in the path' });
  if (context.req.method !== 'POST') return sendJson(res, 405, { message: 'Method not allowed' });
  if (!context.caller.ok) return sendJson(res, 401, { message: context.caller.message });
  const body = await readBody(context, deps.maxPayloadBytes);
  if (body === null) return sendJson(res, 413, { message: 'Payload size exceeds tenant limit' });
  // httpSend sends bytes (ArrayBuffer, typed arrays) as application/octet-stream.
  const binary = single !== null && /^application\/octet-stream\b/i.test(context.req.headers['content-type'] ?? '');
  let json: unknown;
  try {
    json = binary ? null : body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    return sendJson(res, 400, { message: 'The body is not valid JSON' });
  }
  const input = single
    ? {
        messages: [
          {
            topic,
            event,
            payload: json,
            private: context.url.searchParams.get('private') === 'true',
          },
        ],
      }
    : json;
  const parsed = batch.safeParse(input);
  if (!parsed.success) {
    return sendJson(res, 422, { message: `Invalid broadcast: ${parsed.error.issues[0]?.message ?? 'unknown'}` });
  }
  const access = accessOf(context.caller);
  const rights = new Map<string, boolean>();
  for (const item of parsed.data.messages) {
    const isPrivate = item.private === true;
    if (isPrivate) {
      if (!rights.has(item.topic)) rights.set(item.topic, (await deps.rights(access, item.topic)).write);
      if (!rights.get(item.topic)) continue;
    }
    const message = binary
      ? { event: item.event, payload: new Uint8Array(body), binary: true }
      : { event: item.event, payload: item.payload ?? {}, binary: false };
    deps.hub.broadcast(isPrivate, item.topic, message);
  }
  res.writeHead(202).end();
}
