// Image transforms through storage-js: download({transform}), getPublicUrl({transform}) and
// createSignedUrl({transform}) resize with cover/contain/fill and convert to WebP.
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBucket, serviceClient, useStorageStack } from './test-support.ts';

const stack = useStorageStack();
let bucket: string;

beforeAll(async () => {
  bucket = await createBucket(stack, { public: true });
  const image = await sharp({ create: { width: 80, height: 40, channels: 3, background: '#c04020' } })
    .png()
    .toBuffer();
  const { error } = await serviceClient(stack).storage.from(bucket).upload('img/wide.png', image, {
    contentType: 'image/png',
  });
  expect(error, 'upload').toBeNull();
});

async function sizeOf(data: ArrayBuffer | Blob) {
  const buffer = Buffer.from(data instanceof Blob ? await data.arrayBuffer() : data);
  const { width, height, format } = await sharp(buffer).metadata();
  return { width, height, format };
}

describe('image transforms', () => {
  it('resizes on an authenticated download', async () => {
    const { data, error } = await serviceClient(stack)
      .storage.from(bucket)
      .download('img/wide.png', { transform: { width: 20, height: 20, resize: 'contain' } });
    expect(error, 'download').toBeNull();
    expect(await sizeOf(data as Blob), 'contain keeps the ratio inside the box').toEqual({
      width: 20,
      height: 10,
      format: 'png',
    });
    const cover = await serviceClient(stack)
      .storage.from(bucket)
      .download('img/wide.png', { transform: { width: 20, height: 20, resize: 'cover' } });
    expect(await sizeOf(cover.data as Blob), 'cover fills the box').toMatchObject({ width: 20, height: 20 });
  });

  it('converts on a public URL', async () => {
    const { data } = stack
      .client()
      .storage.from(bucket)
      .getPublicUrl('img/wide.png', {
        transform: { width: 40, format: 'webp' as never, quality: 50 },
      });
    const response = await fetch(data.publicUrl);
    expect(response.headers.get('content-type'), 'webp').toBe('image/webp');
    expect(await sizeOf(await response.arrayBuffer()), 'width 40, ratio kept').toEqual({
      width: 40,
      height: 20,
      format: 'webp',
    });
  });

  it('signs the transform into a signed URL', async () => {
    const { data, error } = await serviceClient(stack)
      .storage.from(bucket)
      .createSignedUrl('img/wide.png', 60, { transform: { width: 10, height: 10, resize: 'fill' } });
    expect(error, 'signing').toBeNull();
    expect(data?.signedUrl, 'a render URL').toContain('/render/image/sign/');
    const response = await fetch(`${data?.signedUrl}&width=70`);
    expect(await sizeOf(await response.arrayBuffer()), "the token's transform, not the query's").toMatchObject({
      width: 10,
      height: 10,
    });
  });

  it('refuses what is not an image', async () => {
    await serviceClient(stack)
      .storage.from(bucket)
      .upload('img/not.png', Buffer.from('text'), { contentType: 'image/png' });
    const { error } = await serviceClient(stack)
      .storage.from(bucket)
      .download('img/not.png', { transform: { width: 5 } });
    expect(error, 'not an image').toMatchObject({ status: 400, statusCode: '422' });
  });
});
