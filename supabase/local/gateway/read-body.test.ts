// The stack's one body reader: the limit holds (declared or streamed) and the service's 413 still
// reaches the client; a request gone before it is read never leaves a handler hanging.
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BodyError, containsNul, readBody, readJsonBody } from './read-body.ts';

let server: Server;
let url: string;
let onRequest: (req: IncomingMessage) => Promise<{ status: number; text: string }>;

beforeAll(async () => {
  server = createServer((req, res) => {
    void onRequest(req).then(({ status, text }) => res.writeHead(status).end(text));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const answer = (error: unknown) =>
  error instanceof BodyError ? { status: error.problem === 'too_large' ? 413 : 400, text: error.problem } : null;

describe('readBody', () => {
  it('answers 413 to a body over the limit, declared or streamed, and the client reads it', async () => {
    onRequest = (req) =>
      readBody(req, 1000).then(
        (body) => ({ status: 200, text: String(body.length) }),
        (error) => answer(error) ?? { status: 500, text: String(error) },
      );
    const small = await fetch(url, { method: 'POST', body: 'x'.repeat(1000) });
    expect([small.status, await small.text()], 'at the limit').toEqual([200, '1000']);
    const declared = await fetch(url, { method: 'POST', body: 'x'.repeat(5000) });
    expect([declared.status, await declared.text()], 'declared over').toEqual([413, 'too_large']);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 8; i++) controller.enqueue(new TextEncoder().encode('y'.repeat(500)));
        controller.close();
      },
    });
    const streamed = await fetch(url, { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect([streamed.status, await streamed.text()], 'streamed over').toEqual([413, 'too_large']);
  });

  it('parses JSON, refuses broken JSON, and rejects (never hangs) when the client left first', async () => {
    onRequest = (req) =>
      readJsonBody(req).then(
        (value) => ({ status: 200, text: JSON.stringify(value ?? null) }),
        (error) => answer(error) ?? { status: 500, text: String(error) },
      );
    const ok = await fetch(url, { method: 'POST', body: '{"a":1}' });
    expect(await ok.text()).toBe('{"a":1}');
    const broken = await fetch(url, { method: 'POST', body: '{"a":' });
    expect([broken.status, await broken.text()]).toEqual([400, 'invalid_json']);

    let settled: Promise<string> | undefined;
    const arrived = new Promise<void>((resolve) => {
      onRequest = async (req) => {
        // The client aborts while the "handler" is busy; the body is read only afterwards.
        await new Promise<void>((done) => req.once('close', () => done()));
        settled = readBody(req, 1000).then(
          () => 'resolved',
          (error: Error) => error.message,
        );
        resolve();
        return { status: 200, text: '' };
      };
    });
    const client = request(url, { method: 'POST', headers: { 'content-length': '100' } });
    client.on('error', () => {});
    client.write('partial');
    setTimeout(() => client.destroy(), 50);
    await arrived;
    expect(await settled, 'an aborted request rejects at once').toBe('request aborted');
  });
});

describe('containsNul', () => {
  it('finds NUL in nested strings and keys', () => {
    expect(containsNul({ a: [{ b: 'x\u0000' }] })).toBe(true);
    expect(containsNul({ 'k\u0000': 1 })).toBe(true);
    expect(containsNul({ a: ['\u2028', 1, null] })).toBe(false);
  });
});
