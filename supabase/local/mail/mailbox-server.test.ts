// The mailbox answers only loopback Host headers (DNS rebinding, issue 12): a page whose name
// was re-pointed at 127.0.0.1 must not read magic links. No database is needed to see the guard.
import { request } from 'node:http';
import type { Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../throwaway.ts';
import { type MailboxServer, startMailboxServer } from './mailbox-server.ts';

let mailbox: MailboxServer;

beforeAll(async () => {
  // Every request below is answered before any query: the guard first, then an unknown path.
  mailbox = await startMailboxServer({ sql: {} as Sql, port: await freePort() });
});
afterAll(() => mailbox?.close());

/** GET with a chosen Host header (fetch does not let a caller set it). */
function get(path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${mailbox.url}${path}`, { headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('mailbox Host check', () => {
  it.each(['evil.example', 'evil.example:54324', 'localhost.evil.example', '127.0.0.1.nip.io'])(
    'refuses Host %j with 403 before reading any message',
    async (host) => {
      for (const path of ['/', '/api/messages', '/api/messages/00000000-0000-0000-0000-000000000000']) {
        const answer = await get(path, host);
        expect(answer.status, `${host} ${path} ${answer.body}`).toBe(403);
        expect(JSON.parse(answer.body)).toMatchObject({ code: 'host_not_allowed' });
      }
    },
  );

  it.each(['localhost', 'LOCALHOST:54324', '127.0.0.1', '127.0.0.1:54324', '[::1]:54324'])(
    'serves Host %s',
    async (host) => {
      const answer = await get('/no-such-page', host);
      expect(answer.status, host).toBe(404);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'not_found' });
    },
  );
});
