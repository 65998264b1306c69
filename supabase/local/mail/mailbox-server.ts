// The local mailbox on 127.0.0.1 (port from supabase/config.toml [inbucket]): a small page for
// people, a JSON API for tests that follow confirmation and reset links.
//   GET    /                     messages, newest first, links clickable (?to= filters)
//   GET    /api/messages?to=     JSON list
//   GET    /api/messages/<id>    JSON message with html, text and links
//   GET    /api/messages/<id>/attachments/<n>   the n-th attachment's bytes (n from 0)
//   DELETE /api/messages?to=     clears the mailbox (or one recipient's messages)
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Sql } from 'postgres';
import { escapeHtml } from '../../../shared/mail/html.ts';
import { isWebLink } from '../../../shared/mail/outbox/links.ts';
import { clearMailbox, getMailboxMessage, listMailbox, type MailboxRow } from '../../../shared/mail/outbox/queries.ts';
import { isLoopbackHost } from '../gateway/loopback-host.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface MailboxMessage {
  id: string;
  outboxId: string | null;
  to: string;
  from: string;
  subject: string;
  html: string | null;
  text: string | null;
  links: string[];
  replyTo: string | null;
  /** What came with the message; `url` is the attachment's path on this server. */
  attachments: { filename: string; contentType: string; size: number; url: string }[];
  deliveredAt: string;
}

export function toMailboxMessage(row: MailboxRow): MailboxMessage {
  return {
    id: row.id,
    outboxId: row.outbox_id,
    to: row.recipient,
    from: row.sender,
    subject: row.subject,
    html: row.html,
    text: row.text,
    links: row.links,
    replyTo: row.reply_to,
    attachments: row.attachments.map((file, index) => ({
      filename: file.filename,
      contentType: file.content_type,
      size: file.size,
      url: `/api/messages/${row.id}/attachments/${index}`,
    })),
    deliveredAt: row.delivered_at.toISOString(),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function attachmentList(m: MailboxRow): string {
  if (m.attachments.length === 0) return '';
  const items = m.attachments
    .map(
      (file, index) =>
        `<li><a href="/api/messages/${escapeHtml(m.id)}/attachments/${index}">${escapeHtml(file.filename)}</a> (${escapeHtml(file.content_type)}, ${file.size} bytes)</li>`,
    )
    .join('');
  return `<p class="meta">Attachments:</p><ul>${items}</ul>`;
}

function renderMessage(m: MailboxRow): string {
  const links = m.links
    .filter(isWebLink)
    .map((link) => `<li><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></li>`)
    .join('');
  return `<article>
<h2>${escapeHtml(m.subject)}</h2>
<p class="meta">To ${escapeHtml(m.recipient)} · from ${escapeHtml(m.sender)} · ${escapeHtml(m.delivered_at.toISOString())}</p>
${links ? `<ul>${links}</ul>` : ''}
${attachmentList(m)}
${m.html !== null ? `<iframe sandbox="" title="HTML part" srcdoc="${escapeHtml(m.html)}"></iframe>` : ''}
${m.text !== null ? `<pre>${escapeHtml(m.text)}</pre>` : ''}
</article>`;
}

export function renderMailboxPage(messages: MailboxRow[], to?: string): string {
  const title = to === undefined ? 'Roost mailbox' : `Roost mailbox: ${to}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
article{border-top:1px solid #ccc;padding:.5rem 0}.meta{color:#555;font-size:13px}
pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem}iframe{width:100%;height:16rem;border:1px solid #ddd}</style></head>
<body><h1>${escapeHtml(title)}</h1>
<p>${messages.length} message${messages.length === 1 ? '' : 's'}, newest first. JSON: <a href="/api/messages">/api/messages</a></p>
${messages.map(renderMessage).join('\n')}
</body></html>`;
}

async function route(sql: Sql, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // The mailbox shows magic links: only pages of this machine may read it (DNS rebinding).
  if (!isLoopbackHost(req.headers.host)) {
    sendJson(res, 403, { code: 'host_not_allowed', message: 'The mailbox answers only localhost and 127.0.0.1.' });
    return;
  }
  const url = new URL(req.url ?? '/', 'http://mailbox.localhost');
  const to = url.searchParams.get('to') ?? undefined;
  if (url.pathname === '/' && req.method === 'GET') {
    const page = renderMailboxPage(await listMailbox(sql, to === undefined ? {} : { to }), to);
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    });
    res.end(page);
    return;
  }
  if (url.pathname === '/api/messages' && req.method === 'GET') {
    const rows = await listMailbox(sql, to === undefined ? {} : { to });
    sendJson(res, 200, { messages: rows.map(toMailboxMessage) });
    return;
  }
  if (url.pathname === '/api/messages' && req.method === 'DELETE') {
    sendJson(res, 200, { deleted: await clearMailbox(sql, to === undefined ? {} : { to }) });
    return;
  }
  const file = /^\/api\/messages\/([^/]+)\/attachments\/(\d{1,2})$/.exec(url.pathname);
  if (file && req.method === 'GET') {
    const id = file[1] ?? '';
    const row = UUID.test(id) ? await getMailboxMessage(sql, id) : undefined;
    const attachment = row?.attachments[Number(file[2])];
    if (!attachment) {
      sendJson(res, 404, { code: 'attachment_not_found', message: 'No such attachment.' });
      return;
    }
    const body = Buffer.from(attachment.content, 'base64');
    // A download, never rendered here: the mailbox's origin must not run what a message carried.
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="${attachment.filename.replace(/"/g, '')}"`,
      'content-length': String(body.length),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    res.end(body);
    return;
  }
  const one = /^\/api\/messages\/([^/]+)$/.exec(url.pathname);
  if (one && req.method === 'GET') {
    const id = one[1] ?? '';
    const row = UUID.test(id) ? await getMailboxMessage(sql, id) : undefined;
    if (row) sendJson(res, 200, toMailboxMessage(row));
    else sendJson(res, 404, { code: 'message_not_found', message: 'No such message.' });
    return;
  }
  sendJson(res, 404, { code: 'not_found', message: 'Not found.' });
}

export interface MailboxServer {
  url: string;
  close(): Promise<void>;
}

export function startMailboxServer(options: { sql: Sql; port: number; host?: string }): Promise<MailboxServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    route(options.sql, req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { code: 'mailbox_error', message: String(error) });
      else res.end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
