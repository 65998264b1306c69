// Hostile input through storage-js and raw HTTP (issue 12): active content types in any spelling,
// NUL characters, malformed escapes, oversized JSON bodies, CR/LF in stored metadata, and the
// upstream differences a client suite found (render content type, X-Transformations, info
// metadata, list-v2, signed transform URLs).
import { request } from 'node:http';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBucket, errorBody, serviceClient, useStorageStack } from './test-support.ts';

const stack = useStorageStack();
let bucket: string;
let publicBucket: string;

beforeAll(async () => {
  bucket = await createBucket(stack);
  publicBucket = await createBucket(stack, { public: true });
});

const secret = () => ({ apikey: stack.keys.secret_key, authorization: `Bearer ${stack.keys.secret_key}` });

/** A raw request (fetch refuses CR/LF in header values and bodies it sends are well-formed). */
function rawRequest(
  path: string,
  init: { method: string; headers: Record<string, string>; body?: Buffer },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${stack.url}${path}`, { method: init.method, headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

function multipart(fields: Record<string, string>, file: Buffer): { body: Buffer; type: string } {
  const boundary = '----roost-hardening';
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const head = `${parts.join('')}--${boundary}\r\nContent-Disposition: form-data; name=""; filename="f"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    body: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

describe('active content (stored XSS)', () => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>';

  it.each([
    'image/SVG+xml',
    'image/svg+xml; charset=utf-8',
    'IMAGE/SVG+XML',
    'text/HTML',
    'application/xhtml+xml',
    'text/xml',
    'image/png, text/html',
  ])('serves %s from a public bucket sandboxed, as an attachment, never sniffed', async (type) => {
    const key = `xss/${type.replace(/[^a-z]/gi, '-')}.svg`;
    const { error } = await serviceClient(stack)
      .storage.from(publicBucket)
      .upload(key, Buffer.from(svg), { contentType: type }); // raw: a Blob would lower-case its type
    expect(error, 'upload').toBeNull();
    const { data } = serviceClient(stack).storage.from(publicBucket).getPublicUrl(key);
    const response = await fetch(data.publicUrl);
    expect(response.status, 'served').toBe(200);
    expect(response.headers.get('x-content-type-options'), 'no sniffing').toBe('nosniff');
    expect(response.headers.get('content-security-policy'), 'scripts cannot run').toContain('sandbox');
    expect(response.headers.get('content-disposition'), 'opened by a link, it is saved').toMatch(/^attachment/);
    expect(response.headers.get('content-type')?.toLowerCase(), 'never served as HTML').not.toMatch(/^text\/html/);
    await response.arrayBuffer();
  });

  it('leaves passive types as they are (an image stays inline)', async () => {
    const png = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    await serviceClient(stack).storage.from(publicBucket).upload('xss/fine.png', png, { contentType: 'image/png' });
    const response = await fetch(
      serviceClient(stack).storage.from(publicBucket).getPublicUrl('xss/fine.png').data.publicUrl,
    );
    expect(response.headers.get('content-disposition'), 'inline').toBeNull();
    expect(response.headers.get('content-security-policy'), 'no sandbox needed').toBeNull();
    await response.arrayBuffer();
  });
});

describe('NUL characters and malformed escapes (400, never 500)', () => {
  it('refuses NUL in a path, a JSON body, metadata and the query string with a validation error', async () => {
    const storage = serviceClient(stack).storage;
    const download = await fetch(`${stack.url}/storage/v1/object/${bucket}/a%00b`, { headers: secret() });
    expect(download.status, 'NUL in a key').toBe(400);
    expect((await errorBody(download)).code).toBe('InvalidKey');

    const inBucket = await fetch(`${stack.url}/storage/v1/object/bu%00cket/a`, { headers: secret() });
    expect(inBucket.status, 'NUL in a bucket').toBe(400);
    expect((await errorBody(inBucket)).code).toBe('InvalidBucketName');

    const moved = await storage.from(bucket).move('a', 'b\u0000c');
    expect(moved.error, 'NUL in a JSON body').toMatchObject({ statusCode: '400' });

    const created = await storage.createBucket('nul\u0000bucket');
    expect(created.error, 'NUL in a bucket name').toMatchObject({ statusCode: '400' });

    const listed = await fetch(`${stack.url}/storage/v1/bucket?search=a%00b`, { headers: secret() });
    expect(listed.status, 'NUL in the query').toBe(400);
    expect((await errorBody(listed)).code).toBe('InvalidRequest');

    const uploaded = await storage.from(bucket).upload('nul/meta.txt', new Blob(['x']), { metadata: { a: 'b\u0000' } });
    expect(uploaded.error, 'NUL in user metadata').toMatchObject({ statusCode: '400' });
    const signed = await storage.from(bucket).createSignedUrls(['a\u0000'], 60);
    expect(signed.error, 'NUL in signed paths').toMatchObject({ statusCode: '400' });
  });

  it('answers a malformed percent-escape as an invalid key', async () => {
    for (const path of [`/object/${bucket}/%E0%A4%A`, `/object/${bucket}/%zz`, '/object/%E0%A4%A/key', '/bucket/%ff']) {
      const response = await fetch(`${stack.url}/storage/v1${path}`, { headers: secret() });
      expect(response.status, path).toBe(400);
      await response.arrayBuffer();
    }
  });
});

describe('JSON bodies over the limit', () => {
  it('answers 413 as upstream, with the connection still able to carry the answer', async () => {
    const big = JSON.stringify({ prefix: 'x'.repeat(2 * 1024 * 1024) });
    const response = await fetch(`${stack.url}/storage/v1/object/list/${bucket}`, {
      method: 'POST',
      headers: { ...secret(), 'content-type': 'application/json' },
      body: big,
    });
    expect(response.status, 'payload too large').toBe(413);
    expect(await errorBody(response)).toMatchObject({ statusCode: '413', code: 'EntityTooLarge' });

    // Chunked (no Content-Length): the limit holds while bytes flow.
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(64 * 1024)));
        controller.close();
      },
    });
    const streamed = await fetch(`${stack.url}/storage/v1/bucket`, {
      method: 'POST',
      headers: { ...secret(), 'content-type': 'application/json' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status, 'streamed payload too large').toBe(413);
    await streamed.arrayBuffer();
  });
});

describe('CR/LF in stored metadata', () => {
  it('refuses CR/LF in multipart cacheControl and contentType (400)', async () => {
    const cases: Record<string, string>[] = [
      { cacheControl: '60\r\nSet-Cookie: a=b' },
      { contentType: 'text/plain\r\nX-Evil: 1' },
    ];
    for (const fields of cases) {
      const { body, type } = multipart(fields, Buffer.from('hello'));
      const response = await rawRequest(`/storage/v1/object/${bucket}/crlf/${Object.keys(fields)[0]}.txt`, {
        method: 'POST',
        headers: { ...secret(), 'content-type': type, 'content-length': String(body.length) },
        body,
      });
      expect(response.status, JSON.stringify(fields)).toBe(400);
      expect(JSON.parse(response.body).code).toBe('InvalidRequest');
    }
  });

  it('serves an object whose stored metadata already holds CR/LF, safely', async () => {
    const storage = serviceClient(stack).storage.from(bucket);
    await storage.upload('crlf/old.txt', new Blob(['old bytes']), { contentType: 'text/plain' });
    await stack.admin`
      update storage.objects
      set metadata = metadata || ${stack.admin.json({ mimetype: 'text/html\r\nX-Evil: 1', cacheControl: 'max-age=1\r\nX-Evil: 2' })}
      where bucket_id = ${bucket} and name = 'crlf/old.txt'`;
    const { data, error } = await storage.download('crlf/old.txt');
    expect(error, 'download').toBeNull();
    expect(await (data as Blob).text(), 'the bytes').toBe('old bytes');
    const response = await fetch(`${stack.url}/storage/v1/object/${bucket}/crlf/old.txt`, { headers: secret() });
    expect(response.headers.get('x-evil'), 'no injected header').toBeNull();
    expect(response.headers.get('content-type'), 'a safe type').toBe('application/octet-stream');
    expect(response.headers.get('cache-control'), 'a safe cache control').toBe('no-cache');
    await response.arrayBuffer();
    const info = await fetch(`${stack.url}/storage/v1/object/info/${bucket}/crlf/old.txt`, { headers: secret() });
    expect(info.status, 'info').toBe(200);
    await info.arrayBuffer();
  });
});

describe('upstream differences', () => {
  let jpeg: Buffer;
  beforeAll(async () => {
    jpeg = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#336699' } })
      .jpeg()
      .toBuffer();
    const { error } = await serviceClient(stack)
      .storage.from(publicBucket)
      .upload('img/mislabelled.txt', jpeg, { contentType: 'text/plain' });
    expect(error, 'upload').toBeNull();
  });

  it('labels a transformed image by its bytes and reports quality in X-Transformations', async () => {
    const { data } = serviceClient(stack)
      .storage.from(publicBucket)
      .getPublicUrl('img/mislabelled.txt', { transform: { width: 10, quality: 50 } });
    const response = await fetch(data.publicUrl);
    expect(response.status, 'rendered').toBe(200);
    expect(response.headers.get('content-type'), 'JPEG bytes are image/jpeg').toBe('image/jpeg');
    expect(response.headers.get('x-transformations'), 'what was applied').toContain('quality:50');
    expect((await sharp(Buffer.from(await response.arrayBuffer())).metadata()).format).toBe('jpeg');
  });

  it('renders an SVG as PNG, so a rendering never carries script', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>';
    await serviceClient(stack)
      .storage.from(publicBucket)
      .upload('img/logo.svg', new Blob([svg]), { contentType: 'image/svg+xml' });
    const { data } = serviceClient(stack)
      .storage.from(publicBucket)
      .getPublicUrl('img/logo.svg', { transform: { width: 4 } });
    const response = await fetch(data.publicUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    await response.arrayBuffer();
  });

  it('gives info() metadata {} for an object uploaded without user metadata', async () => {
    const response = await fetch(`${stack.url}/storage/v1/object/info/${publicBucket}/img/mislabelled.txt`, {
      headers: secret(),
    });
    const info = (await response.json()) as { metadata: unknown };
    expect(info.metadata, 'upstream answers an empty object').toEqual({});
  });

  it('answers list-v2 with an honest 501 not_implemented', async () => {
    const response = await fetch(`${stack.url}/storage/v1/object/list-v2/${bucket}`, {
      method: 'POST',
      headers: { ...secret(), 'content-type': 'application/json' },
      body: JSON.stringify({ prefix: '' }),
    });
    expect(response.status).toBe(501);
    expect((await errorBody(response)).code).toBe('not_implemented');
  });

  it('never serves the original through a signed URL made for a transformed image', async () => {
    const { data, error } = await serviceClient(stack)
      .storage.from(publicBucket)
      .createSignedUrl('img/mislabelled.txt', 60, { transform: { width: 10 } });
    expect(error, 'sign').toBeNull();
    const signed = new URL(data?.signedUrl as string);
    const rendered = await fetch(signed);
    expect(rendered.status, 'the transformed image').toBe(200);
    await rendered.arrayBuffer();
    const original = new URL(signed.href.replace('/render/image/sign/', '/object/sign/'));
    const response = await fetch(original);
    expect(response.status, 'the token does not open the original').toBe(400);
    expect((await errorBody(response)).code).toBe('InvalidSignature');
  });
});
