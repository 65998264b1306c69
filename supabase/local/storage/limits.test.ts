// What the Storage API refuses before anything is kept: bodies over the bucket's or the global
// size limit (also while streaming a body of unknown length, leaving no bytes and no row), MIME
// types a bucket does not allow (with wildcards), and keys or bucket names that could name a path
// outside the bucket (`..`, NUL, backslash, absolute, over-long).
import { request as httpRequest } from 'node:http';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { bytes, createBucket, filesOnDisk, PNG_1X1, serviceClient, useStorageStack } from './test-support.ts';

const stack = useStorageStack({ config: (config) => ({ ...config, storage: { file_size_limit: '2MiB' } }) });
let limited: string;
let open: string;
let images: string;

beforeAll(async () => {
  limited = await createBucket(stack, { fileSizeLimit: '1MiB' });
  open = await createBucket(stack);
  images = await createBucket(stack, { allowedMimeTypes: ['image/*', 'application/pdf'] });
});

function streamOf(total: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= total) return controller.close();
      const chunk = bytes(Math.min(256 * 1024, total - sent));
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
}

async function rowsIn(bucket: string): Promise<number> {
  const [row] = await stack.admin`select count(*)::int as n from storage.objects where bucket_id = ${bucket}`;
  return row?.n as number;
}

const tooLarge = { statusCode: '413', status: 400, message: 'The object exceeded the maximum allowed size' };

describe('size limits', () => {
  it('refuses a body whose declared length is over the bucket limit', async () => {
    const { error } = await serviceClient(stack)
      .storage.from(limited)
      .upload('declared.bin', bytes(1024 * 1024 + 1));
    expect(error, 'EntityTooLarge').toMatchObject(tooLarge);
    const exact = await serviceClient(stack)
      .storage.from(limited)
      .upload('exact.bin', bytes(1024 * 1024));
    expect(exact.error, 'exactly the limit is fine').toBeNull();
  });

  it('stops a streamed body of unknown length at the limit and keeps nothing', async () => {
    const before = filesOnDisk(stack);
    const rows = await rowsIn(limited);
    const storage = serviceClient(stack).storage.from(limited);
    const { error } = await storage.upload('streamed.bin', streamOf(8 * 1024 * 1024), {
      contentType: 'application/octet-stream',
    });
    expect(error, 'EntityTooLarge while streaming').toMatchObject(tooLarge);
    expect(filesOnDisk(stack), 'no bytes left on disk, not even a temp file').toEqual(before);
    expect(await rowsIn(limited), 'no row').toBe(rows);
  });

  it('stops a multipart upload at the limit and keeps nothing', async () => {
    const before = filesOnDisk(stack);
    const blob = new Blob([bytes(1536 * 1024)], { type: 'application/octet-stream' });
    const { error } = await serviceClient(stack).storage.from(limited).upload('multipart.bin', blob);
    expect(error, 'EntityTooLarge for multipart').toMatchObject(tooLarge);
    expect(filesOnDisk(stack), 'no bytes left on disk').toEqual(before);
  });

  it('removes the partial file when the client goes away mid-upload', async () => {
    const url = new URL(stack.url);
    for (const type of ['application/octet-stream', 'multipart/form-data; boundary=xyz']) {
      const req = httpRequest({
        host: url.hostname,
        port: url.port,
        path: `/storage/v1/object/${open}/aborted.bin`,
        method: 'POST',
        headers: { apikey: stack.keys.secret_key, 'content-type': type, 'content-length': String(1024 * 1024) },
      });
      req.on('error', () => {});
      const head = '--xyz\r\nContent-Disposition: form-data; name=""; filename="a.bin"\r\n\r\n';
      req.write(type.startsWith('multipart') ? head : '');
      req.write(bytes(200 * 1024));
      await vi.waitFor(() =>
        expect(
          filesOnDisk(stack).some((file) => file.startsWith('tmp/')),
          'upload in flight',
        ).toBe(true),
      );
      req.destroy();
      await vi.waitFor(() =>
        expect(
          filesOnDisk(stack).filter((file) => file.startsWith('tmp/')),
          `${type}: temp file removed`,
        ).toEqual([]),
      );
    }
    expect(await rowsIn(open), 'no row').toBe(0);
  });

  it('applies the global [storage] limit to buckets without one (and above theirs)', async () => {
    const { error } = await serviceClient(stack)
      .storage.from(open)
      .upload('global.bin', streamOf(3 * 1024 * 1024));
    expect(error, 'over the global 2MiB').toMatchObject(tooLarge);
    const bucket = await serviceClient(stack).storage.createBucket('too-big', { public: false, fileSizeLimit: '3MB' });
    expect(bucket.error?.message, 'a bucket limit above the global one').toBe(
      'file_size_limit exceeds the global file size limit',
    );
  });
});

describe('MIME types', () => {
  it('takes types matching the allowed list (wildcards included) and refuses others', async () => {
    const storage = serviceClient(stack).storage.from(images);
    expect(
      (await storage.upload('a.png', PNG_1X1, { contentType: 'image/png' })).error,
      'image/* takes png',
    ).toBeNull();
    expect(
      (await storage.upload('b.pdf', Buffer.from('%PDF'), { contentType: 'application/pdf' })).error,
      'pdf',
    ).toBeNull();
    const text = await storage.upload('c.txt', Buffer.from('x'), { contentType: 'text/plain' });
    expect(text.error, 'text is refused').toMatchObject({
      statusCode: '415',
      status: 400,
      message: 'mime type text/plain is not supported',
    });
    const blob = await storage.upload('d.html', new Blob(['<p>x</p>'], { type: 'text/html' }));
    expect(blob.error, 'multipart with a refused type').toMatchObject({ statusCode: '415' });
    expect(
      filesOnDisk(stack).filter((file) => file.startsWith('tmp')),
      'no temp files',
    ).toEqual([]);
  });
});

/** A request with the path exactly as given (fetch would normalise dot segments). */
function rawRequest(path: string, method = 'POST'): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = new URL(stack.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path,
        method,
        headers: { apikey: stack.keys.secret_key, 'content-type': 'text/plain' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) }),
        );
      },
    );
    req.on('error', reject);
    req.end('payload');
  });
}

describe('keys and bucket names', () => {
  it('refuses keys that try to leave the bucket', async () => {
    const keys = [
      '..%2F..%2Foutside.txt',
      'a/..%2F..%2F..%2Foutside.txt',
      'a%00b.txt',
      'a%5Cb.txt',
      `${'k'.repeat(1100)}`,
    ];
    for (const key of keys) {
      const { status, body } = await rawRequest(`/storage/v1/object/${open}/${key}`);
      expect(status, `HTTP status for ${key.slice(0, 40)}`).toBe(400);
      expect(body.code, `InvalidKey for ${key.slice(0, 40)}`).toBe('InvalidKey');
    }
    const storage = serviceClient(stack).storage.from(open);
    await storage.upload('inside.txt', Buffer.from('x'), { contentType: 'text/plain' });
    const moved = await storage.move('inside.txt', '../../escaped.txt');
    expect(moved.error, 'a move out of the bucket').toMatchObject({
      statusCode: '400',
      message: 'Invalid key: ../../escaped.txt',
    });
    const copied = await storage.copy('inside.txt', '/etc/passwd');
    expect(copied.error?.message, 'a copy to an absolute key').toBe('Invalid key: /etc/passwd');
    const onDisk = filesOnDisk(stack);
    expect(
      onDisk.every((file) => /^buckets\/[^/]+\/[0-9a-f]{2}\/[0-9a-f-]{36}$/.test(file)),
      'only version files inside bucket folders',
    ).toBe(true);
  });

  it('never follows a version that is not one of its own uuids to a file', async () => {
    // storage.objects is writable by SQL (roles with update rights there): a version is not a path.
    const storage = serviceClient(stack).storage.from(open);
    await storage.upload('victim.txt', Buffer.from('v'), { contentType: 'text/plain' });
    await stack.admin`update storage.objects set version = '../keys.json' where bucket_id = ${open} and name = 'victim.txt'`;
    const { data, error } = await storage.download('victim.txt');
    expect(await data?.text(), "the stack's keys file").toBeUndefined();
    expect(error, 'no such object').toMatchObject({ statusCode: '404' });
    expect((await storage.remove(['victim.txt'])).error, 'the row can still be deleted').toBeNull();
  });

  it('refuses bucket names that are not names', async () => {
    for (const name of ['..', '.', 'a/b', ' padded', 'x'.repeat(101)]) {
      const { error } = await serviceClient(stack).storage.createBucket(name);
      expect(error, `bucket name ${JSON.stringify(name.slice(0, 10))}`).toMatchObject({ statusCode: '400' });
    }
  });
});
