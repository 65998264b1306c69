// Phoenix channel frames as realtime-js speaks them: vsn 1.0.0 (JSON objects), vsn 2.0.0 (JSON
// arrays, plus binary user broadcasts: kind 3 from the client, kind 4 to the client).
export type Vsn = '1.0.0' | '2.0.0';

export interface Frame {
  joinRef: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: unknown;
}

/** A broadcast as the channel sees it; `payload` is bytes for binary broadcasts. */
export interface BroadcastMessage {
  event: string;
  payload: unknown;
  binary: boolean;
}

export class ProtocolError extends Error {}

const KIND_PUSH = 3;
const KIND_BROADCAST = 4;
const BINARY = 0;
const JSON_ENCODING = 1;

function decodeText(data: Buffer, vsn: Vsn): Frame {
  const value: unknown = JSON.parse(data.toString('utf8'));
  if (vsn === '2.0.0') {
    if (!Array.isArray(value) || value.length !== 5)
      throw new ProtocolError('expected [join_ref, ref, topic, event, payload]');
    const [joinRef, ref, topic, event, payload] = value as unknown[];
    return frameOf(joinRef, ref, topic, event, payload);
  }
  if (typeof value !== 'object' || value === null) throw new ProtocolError('expected {topic, event, payload, ref}');
  const message = value as Record<string, unknown>;
  return frameOf(message.join_ref, message.ref, message.topic, message.event, message.payload);
}

function frameOf(joinRef: unknown, ref: unknown, topic: unknown, event: unknown, payload: unknown): Frame {
  if (typeof topic !== 'string' || typeof event !== 'string')
    throw new ProtocolError('topic and event must be strings');
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return { joinRef: text(joinRef), ref: text(ref), topic, event, payload: payload ?? {} };
}

/** Kind 3: [3, joinRefLen, refLen, topicLen, eventLen, metaLen, encoding, ...strings, payload]. */
function decodeBinary(data: Buffer): Frame {
  if (data.length < 7 || data[0] !== KIND_PUSH) throw new ProtocolError('unknown binary frame kind');
  const lengths = [data[1], data[2], data[3], data[4], data[5]] as number[];
  const encoding = data[6];
  let offset = 7;
  const parts = lengths.map((length) => {
    const part = data.subarray(offset, offset + length).toString('utf8');
    offset += length;
    return part;
  });
  if (offset > data.length) throw new ProtocolError('truncated binary frame');
  const [joinRef, ref, topic, event, meta] = parts as [string, string, string, string, string];
  const body = data.subarray(offset);
  const payload = encoding === JSON_ENCODING ? JSON.parse(body.toString('utf8')) : Buffer.from(body);
  const metadata = meta ? (JSON.parse(meta) as Record<string, unknown>) : {};
  return {
    joinRef: joinRef || null,
    ref: ref || null,
    topic,
    event: 'broadcast',
    payload: { ...metadata, type: 'broadcast', event, payload, binary: encoding === BINARY },
  };
}

export function decodeFrame(data: Buffer, isBinary: boolean, vsn: Vsn): Frame {
  try {
    return isBinary ? decodeBinary(data) : decodeText(data, vsn);
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError(error instanceof Error ? error.message : String(error));
  }
}

export function encodeFrame(frame: Frame, vsn: Vsn): string {
  if (vsn === '2.0.0') return JSON.stringify([frame.joinRef, frame.ref, frame.topic, frame.event, frame.payload]);
  return JSON.stringify({
    join_ref: frame.joinRef,
    ref: frame.ref,
    topic: frame.topic,
    event: frame.event,
    payload: frame.payload,
  });
}

/** A frame whose payload is already JSON text (encoded once for every subscriber). */
export function encodeFramePreencoded(topic: string, event: string, payloadJson: string, vsn: Vsn): string {
  const head = JSON.stringify(topic);
  if (vsn === '2.0.0') return `[null,null,${head},${JSON.stringify(event)},${payloadJson}]`;
  return `{"join_ref":null,"ref":null,"topic":${head},"event":${JSON.stringify(event)},"payload":${payloadJson}}`;
}

/** Kind 4: [4, topicLen, eventLen, metaLen, encoding, topic, event, meta, payload]. */
export function encodeBinaryBroadcast(topic: string, event: string, payload: Uint8Array): Buffer {
  const topicBytes = Buffer.from(topic);
  const eventBytes = Buffer.from(event);
  const header = Buffer.from([KIND_BROADCAST, topicBytes.length, eventBytes.length, 0, BINARY]);
  return Buffer.concat([header, topicBytes, eventBytes, payload]);
}

/** The frame (text or binary) a broadcast goes out as on a socket of this protocol version. */
export function broadcastFrame(topic: string, message: BroadcastMessage, vsn: Vsn, json?: string): string | Buffer {
  if (message.binary && vsn === '2.0.0') {
    return encodeBinaryBroadcast(topic, message.event, message.payload as Uint8Array);
  }
  if (json !== undefined && !message.binary) return encodeFramePreencoded(topic, 'broadcast', json, vsn);
  const payload = message.binary ? Array.from(message.payload as Uint8Array) : message.payload;
  const body = { type: 'broadcast', event: message.event, payload };
  return encodeFrame({ joinRef: null, ref: null, topic, event: 'broadcast', payload: body }, vsn);
}
