// Objects through storage-js: upload (raw bytes and a Blob as multipart), download, upsert,
// info and exists, HEAD, byte ranges, ETag revalidation, downloads as attachments, metadata.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytes, createBucket, filesOnDisk, serviceClient, useStorageStack } from './test-support.ts';

const stack = useStorageStack();
let bucket: string;

beforeAll(async () => {
  bucket = await createBucket(stack);
});

const md5 = (data: Buffer) => `"${createHash('md5').update(data).digest('hex')}"`;

describe('uploads and downloads', () => {
  it('stores raw bytes and gives them back unchanged', async () => {
    const storage = serviceClient(stack).storage.from(bucket);
    const data = bytes(300_000);
    const { data: uploaded, error } = await storage.upload('raw/data.bin', data, {
      contentType: 'application/octet-stream',
      cacheControl: '60',
    });
    expect(error, 'upload error').toBeNull();
    expect(uploaded?.fullPath, 'Key is bucket/path').toBe(`${bucket}/raw/data.bin`);
    expect(uploaded?.id, 'an object id').toMatch(/^[0-9a-f-]{36}$/);

    const { data: blob, error: downloadError } = await storage.download('raw/data.bin');
    expect(downloadError, 'download error').toBeNull();
    expect(Buffer.from(await (blob as Blob).arrayBuffer()).equals(data), 'same bytes back').toBe(true);

    const [row] =
      await stack.admin`select metadata from storage.objects where bucket_id = ${bucket} and name = 'raw/data.bin'`;
    expect(row?.metadata, 'metadata as upstream records it').toMatchObject({
      eTag: md5(data),
      size: 300_000,
      contentLength: 300_000,
      mimetype: 'application/octet-stream',
      cacheControl: 'max-age=60',
      httpStatusCode: 200,
    });
    expect(Number.isNaN(Date.parse(row?.metadata.lastModified)), 'lastModified is a date').toBe(false);
  });

  it('stores a Blob sent as multipart with its type and user metadata', async () => {
    const storage = serviceClient(stack).storage.from(bucket);
    const { error } = await storage.upload('multi/note.txt', new Blob(['hello multipart'], { type: 'text/plain' }), {
      metadata: { source: 'test', n: 1 },
    });
    expect(error, 'upload error').toBeNull();
    const { data: info, error: infoError } = await storage.info('multi/note.txt');
    expect(infoError, 'info error').toBeNull();
    expect(info, 'info of the object').toMatchObject({
      name: 'multi/note.txt',
      bucketId: bucket,
      size: 15,
      contentType: 'text/plain',
      cacheControl: 'max-age=3600',
      metadata: { source: 'test', n: 1 },
    });
    const { data: blob } = await storage.download('multi/note.txt');
    expect(await (blob as Blob).text(), 'content').toBe('hello multipart');
  });

  it('keeps raw x-metadata as user metadata', async () => {
    const storage = serviceClient(stack).storage.from(bucket);
    await storage.upload('raw/meta.txt', Buffer.from('m'), { contentType: 'text/plain', metadata: { tag: 'x' } });
    const { data } = await storage.info('raw/meta.txt');
    expect(data?.metadata, 'user metadata from x-metadata').toEqual({ tag: 'x' });
  });

  it('refuses to overwrite without upsert, replaces with it and with update()', async () => {
    const storage = serviceClient(stack).storage.from(bucket);
    await storage.upload('up/file.txt', Buffer.from('one'), { contentType: 'text/plain' });
    const { error } = await storage.upload('up/file.txt', Buffer.from('two'), { contentType: 'text/plain' });
    expect(error, 'a second upload is refused').toMatchObject({
      statusCode: '409',
      status: 400,
      message: 'The resource already exists',
    });
    const upserted = await storage.upload('up/file.txt', Buffer.from('three'), {
      contentType: 'text/plain',
      upsert: true,
    });
    expect(upserted.error, 'upsert').toBeNull();
    expect(await (await storage.download('up/file.txt')).data?.text(), 'upserted content').toBe('three');
    const updated = await storage.update('up/file.txt', Buffer.from('four'), { contentType: 'text/plain' });
    expect(updated.error, 'update').toBeNull();
    expect(await (await storage.download('up/file.txt')).data?.text(), 'updated content').toBe('four');
    const [{ n }] = (await stack.admin`
      select count(*)::int as n from storage.objects where bucket_id = ${bucket} and name = 'up/file.txt'`) as [
      { n: number },
    ];
    expect(n, 'still one row').toBe(1);
  });

  it('takes keys with spaces and non-ASCII characters, also through signed URLs', async () => {
    const storage = serviceClient(stack).storage.from(bucket);
    const key = 'reçus/été 2026/facture n°1.txt';
    expect((await storage.upload(key, Buffer.from('merci'), { contentType: 'text/plain' })).error, 'upload').toBeNull();
    expect(await (await storage.download(key)).data?.text(), 'download').toBe('merci');
    const { data } = await storage.createSignedUrl(key, 60);
    expect(await (await fetch(data?.signedUrl as string)).text(), 'signed download').toBe('merci');
    const listed = await storage.list('reçus/été 2026');
    expect(
      listed.data?.map((entry) => entry.name),
      'listed by its name',
    ).toEqual(['facture n°1.txt']);
  });

  it('answers exists() and HEAD, and NoSuchKey for what is not there', async () => {
    const storage = serviceClient(stack).storage.from(bucket);
    await storage.upload('head/here.txt', Buffer.from('here'), { contentType: 'text/plain' });
    expect((await storage.exists('head/here.txt')).data, 'exists').toBe(true);
    expect((await storage.exists('head/missing.txt')).data, 'does not exist').toBe(false);
    const response = await fetch(`${stack.url}/storage/v1/object/${bucket}/head/here.txt`, {
      method: 'HEAD',
      headers: { apikey: stack.keys.secret_key },
    });
    expect(response.status, 'HEAD status').toBe(200);
    expect(response.headers.get('content-length'), 'HEAD length').toBe('4');
    const missing = await storage.download('head/missing.txt');
    expect(missing.error, 'download of a missing object').toMatchObject({ status: 400, statusCode: '404' });
    const body = await fetch(`${stack.url}/storage/v1/object/${bucket}/head/missing.txt`, {
      headers: { apikey: stack.keys.secret_key },
    });
    expect(await body.json(), 'upstream error body').toEqual({
      statusCode: '404',
      code: 'NoSuchKey',
      error: 'NoSuchKey',
      message: 'Object not found',
    });
  });
});

describe('concurrent writers', () => {
  it('keeps one row and one file when many upsert one key at once', async () => {
    const target = await createBucket(stack);
    const storage = serviceClient(stack).storage.from(target);
    const bodies = Array.from({ length: 8 }, (_, i) => Buffer.from(`writer ${i}`));
    const results = await Promise.all(
      bodies.map((body) => storage.upload('race.txt', body, { contentType: 'text/plain', upsert: true })),
    );
    expect(
      results.map((result) => result.error),
      'every upsert succeeds',
    ).toEqual(bodies.map(() => null));
    const rows = await stack.admin`select version from storage.objects where bucket_id = ${target}`;
    expect(rows, 'one row').toHaveLength(1);
    const files = filesOnDisk(stack).filter((file) => file.startsWith(`buckets/${target}/`));
    expect(files, 'one file, the current version').toEqual([
      `buckets/${target}/${rows[0]?.version.slice(0, 2)}/${rows[0]?.version}`,
    ]);
    const content = await (await storage.download('race.txt')).data?.text();
    expect(bodies.map(String), 'the content is one of the writes, whole').toContain(content);
  });
});

describe('ranges, revalidation and attachments', () => {
  const data = bytes(10_000);
  let url: string;
  const headers = () => ({ apikey: stack.keys.secret_key });

  beforeAll(async () => {
    await serviceClient(stack)
      .storage.from(bucket)
      .upload('range/data.bin', data, { contentType: 'application/x-test' });
    url = `${stack.url}/storage/v1/object/authenticated/${bucket}/range/data.bin`;
  });

  it('answers a byte range with 206 and Content-Range', async () => {
    const response = await fetch(url, { headers: { ...headers(), Range: 'bytes=100-199' } });
    expect(response.status, 'partial content').toBe(206);
    expect(response.headers.get('content-range'), 'content range').toBe('bytes 100-199/10000');
    expect(Buffer.from(await response.arrayBuffer()).equals(data.subarray(100, 200)), 'the range').toBe(true);
    const suffix = await fetch(url, { headers: { ...headers(), Range: 'bytes=-10' } });
    expect(suffix.headers.get('content-range'), 'suffix range').toBe('bytes 9990-9999/10000');
    expect(Buffer.from(await suffix.arrayBuffer()).equals(data.subarray(9990)), 'the last bytes').toBe(true);
    const open = await fetch(url, { headers: { ...headers(), Range: 'bytes=9000-' } });
    expect((await open.arrayBuffer()).byteLength, 'open-ended range').toBe(1000);
    const beyond = await fetch(url, { headers: { ...headers(), Range: 'bytes=20000-' } });
    expect(beyond.status, 'unsatisfiable range').toBe(400);
    expect(await beyond.json(), 'InvalidRange').toMatchObject({ code: 'InvalidRange' });
  });

  it('ignores an invalid range (last before first) and serves the whole object', async () => {
    for (const range of ['bytes=5-3', 'bytes=-']) {
      const response = await fetch(url, { headers: { ...headers(), Range: range } });
      expect(response.status, `${range}: the whole object`).toBe(200);
      expect(response.headers.get('content-range'), `${range}: no content range`).toBeNull();
      expect(Buffer.from(await response.arrayBuffer()).equals(data), `${range}: all bytes`).toBe(true);
    }
  });

  it('answers 304 to a matching If-None-Match and full content otherwise', async () => {
    const first = await fetch(url, { headers: headers() });
    const etag = first.headers.get('etag');
    expect(etag, 'ETag is the quoted MD5').toBe(md5(data));
    expect(first.headers.get('content-type'), 'content type').toBe('application/x-test');
    expect(first.headers.get('cache-control'), 'cache control').toBe('max-age=3600');
    await first.arrayBuffer();
    const again = await fetch(url, { headers: { ...headers(), 'If-None-Match': etag as string } });
    expect(again.status, 'not modified').toBe(304);
    const changed = await fetch(url, { headers: { ...headers(), 'If-None-Match': '"other"' } });
    expect(changed.status, 'another ETag gets the content').toBe(200);
    await changed.arrayBuffer();
  });

  it('serves objects with nosniff, and SVGs sandboxed so their scripts cannot run on the API origin', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    await serviceClient(stack)
      .storage.from(bucket)
      .upload('range/logo.svg', new Blob([svg], { type: 'image/svg+xml' }), { contentType: 'image/svg+xml' });
    const response = await fetch(`${stack.url}/storage/v1/object/authenticated/${bucket}/range/logo.svg`, {
      headers: headers(),
    });
    expect(await response.text(), 'the bytes as stored').toBe(svg);
    expect(response.headers.get('x-content-type-options'), 'no type sniffing').toBe('nosniff');
    expect(response.headers.get('content-security-policy'), 'scripts blocked').toContain('sandbox');
    const plain = await fetch(url, { headers: headers() });
    await plain.arrayBuffer();
    expect(plain.headers.get('content-security-policy'), 'other types are served as they are').toBeNull();
  });

  it('sets Content-Disposition for downloads', async () => {
    const named = await fetch(`${url}?download=report%20v1.bin`, { headers: headers() });
    expect(named.headers.get('content-disposition'), 'named attachment').toBe(
      "attachment; filename=report%20v1.bin; filename*=UTF-8''report%20v1.bin;",
    );
    await named.arrayBuffer();
    const plain = await fetch(`${url}?download`, { headers: headers() });
    expect(plain.headers.get('content-disposition'), 'attachment').toBe('attachment;');
    await plain.arrayBuffer();
  });

  it('streams an upload given as a ReadableStream (no Content-Length)', async () => {
    const storage = serviceClient(stack).storage.from(bucket);
    const big = bytes(3 * 1024 * 1024);
    const stream = new ReadableStream({
      start(controller) {
        for (let offset = 0; offset < big.length; offset += 65536)
          controller.enqueue(big.subarray(offset, offset + 65536));
        controller.close();
      },
    });
    const { error } = await storage.upload('stream/big.bin', stream, { contentType: 'application/octet-stream' });
    expect(error, 'streamed upload').toBeNull();
    const { data: blob } = await storage.download('stream/big.bin');
    expect(Buffer.from(await (blob as Blob).arrayBuffer()).equals(big), 'same bytes').toBe(true);
  });
});
