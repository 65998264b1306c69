// Signed URLs through storage-js: download URLs (single and batch) work without any key, carry the
// requested lifetime, and refuse expired, tampered, foreign and misapplied tokens; signed upload
// URLs let anyone holding one upload exactly that path, once, for the user who asked. Callers with
// an expired or forged access token get InvalidJWT.
import { randomUUID } from 'node:crypto';
import { decodeJwt, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../tests/support/db.ts';
import { signJwt } from '../gateway/jwt.ts';
import { userClaims } from '../rls-request.ts';
import { createBucket, errorBody, serviceClient, tokenClient, userClient, useStorageStack } from './test-support.ts';

const stack = useStorageStack();
let bucket: string;
let user: TestUser;
const content = Buffer.from('signed content');

beforeAll(async () => {
  bucket = await createBucket(stack);
  await serviceClient(stack).storage.from(bucket).upload('docs/a.txt', content, { contentType: 'text/plain' });
  await serviceClient(stack).storage.from(bucket).upload('docs/b.txt', Buffer.from('b'), { contentType: 'text/plain' });
  user = await createUser(stack.admin, 'signer');
  // This user may write and read under uploads/<their id>/ only.
  await stack.admin.unsafe(`
    create policy "test users read their uploads" on storage.objects for select to authenticated
      using (bucket_id = '${bucket}' and (storage.foldername(name))[2] = (select auth.uid())::text);
    create policy "test users add their uploads" on storage.objects for insert to authenticated
      with check (bucket_id = '${bucket}' and (storage.foldername(name))[2] = (select auth.uid())::text);`);
});

const signedPath = (token: string, key = 'docs/a.txt') =>
  `${stack.url}/storage/v1/object/sign/${bucket}/${key}?token=${token}`;

describe('signed download URLs', () => {
  it('serves the object without a key until the URL expires', async () => {
    const { data, error } = await serviceClient(stack).storage.from(bucket).createSignedUrl('docs/a.txt', 120);
    expect(error, 'signing').toBeNull();
    const url = new URL(data?.signedUrl as string);
    const claims = decodeJwt(url.searchParams.get('token') as string);
    expect(claims, 'token claims').toMatchObject({ url: `${bucket}/docs/a.txt` });
    expect((claims.exp as number) - (claims.iat as number), 'lifetime as asked').toBe(120);
    const response = await fetch(url);
    expect(response.status, 'served without apikey').toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(content), 'content').toBe(true);
    expect(response.headers.get('expires'), 'Expires from the token').toBe(
      new Date((claims.exp as number) * 1000).toUTCString(),
    );

    const download = await serviceClient(stack)
      .storage.from(bucket)
      .createSignedUrl('docs/a.txt', 60, { download: 'a.txt' });
    const attached = await fetch(download.data?.signedUrl as string);
    expect(attached.headers.get('content-disposition'), 'download option').toContain('filename=a.txt');
    await attached.arrayBuffer();
  });

  it('signs several paths at once and says which it could not sign', async () => {
    const { data, error } = await serviceClient(stack)
      .storage.from(bucket)
      .createSignedUrls(['docs/a.txt', 'docs/missing.txt', 'docs/b.txt'], 60);
    expect(error, 'batch').toBeNull();
    expect(
      data?.map((entry) => [entry.path, entry.error]),
      'per path',
    ).toEqual([
      ['docs/a.txt', null],
      ['docs/missing.txt', 'Either the object does not exist or you do not have access to it'],
      ['docs/b.txt', null],
    ]);
    const second = await fetch(data?.[2]?.signedUrl as string);
    expect(await second.text(), 'second URL serves b').toBe('b');
  });

  it('refuses expired, tampered, foreign and misapplied tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await signJwt(stack.keys, { url: `${bucket}/docs/a.txt`, iat: now - 120, exp: now - 60 });
    expect(await (await fetch(signedPath(expired))).json(), 'expired').toEqual({
      statusCode: '400',
      code: 'InvalidJWT',
      error: 'InvalidJWT',
      message: 'jwt expired',
    });
    const valid = await signJwt(stack.keys, { url: `${bucket}/docs/a.txt`, iat: now, exp: now + 60 });
    const [header, , signature] = valid.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ url: `${bucket}/docs/b.txt`, iat: now, exp: now + 60 })).toString(
      'base64url',
    );
    const tampered = `${header}.${otherPayload}.${signature}`;
    const tamperedAnswer = await fetch(signedPath(tampered, 'docs/b.txt'));
    expect(await tamperedAnswer.json(), 'tampered payload').toMatchObject({
      code: 'InvalidJWT',
      message: 'invalid signature',
    });
    expect(await (await fetch(signedPath(valid, 'docs/b.txt'))).json(), 'token for another object').toMatchObject({
      code: 'InvalidSignature',
      message: 'The url do not match the signature',
    });
    const { privateKey } = await generateKeyPair('ES256');
    const foreign = await new SignJWT({ url: `${bucket}/docs/a.txt` })
      .setProtectedHeader({ alg: 'ES256', kid: (stack.keys.signing_keys[0] as { kid: string }).kid })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    expect((await errorBody(await fetch(signedPath(foreign)))).code, 'signed with another key').toBe('InvalidJWT');
    expect((await errorBody(await fetch(signedPath('not-a-jwt')))).code, 'garbage').toBe('InvalidJWT');
  });
});

describe('signed upload URLs', () => {
  it("lets the URL's holder upload that path for the user who asked, once", async () => {
    const path = `uploads/${user.id}/${randomUUID()}.txt`;
    const asker = await userClient(stack, user);
    const { data, error } = await asker.storage.from(bucket).createSignedUploadUrl(path);
    expect(error, 'signing an upload').toBeNull();
    expect(data?.signedUrl, 'URL shape').toContain(`/storage/v1/object/upload/sign/${bucket}/${path}?token=`);
    const holder = stack.client(); // anon: the token is the permission
    const uploaded = await holder.storage
      .from(bucket)
      .uploadToSignedUrl(path, data?.token as string, Buffer.from('via token'), { contentType: 'text/plain' });
    expect(uploaded.error, 'upload with the token').toBeNull();
    expect(uploaded.data?.fullPath, 'Key').toBe(`${bucket}/${path}`);
    const [row] =
      await stack.admin`select owner_id from storage.objects where bucket_id = ${bucket} and name = ${path}`;
    expect(row?.owner_id, 'owned by the user who asked').toBe(user.id);
    const again = await holder.storage
      .from(bucket)
      .uploadToSignedUrl(path, data?.token as string, Buffer.from('again'), { contentType: 'text/plain' });
    expect(again.error, 'no overwrite without upsert').toMatchObject({ statusCode: '409' });
    const elsewhere = await holder.storage
      .from(bucket)
      .uploadToSignedUrl(`uploads/${user.id}/other.txt`, data?.token as string, Buffer.from('x'));
    expect(elsewhere.error, 'the token is for one path').toMatchObject({ statusCode: '400' });
  });

  it('refuses to sign an upload the caller could not do, and keeps download and upload tokens apart', async () => {
    const asker = await userClient(stack, user);
    const refused = await asker.storage.from(bucket).createSignedUploadUrl(`uploads/${randomUUID()}/x.txt`);
    expect(refused.error, 'not their folder').toMatchObject({ statusCode: '403' });
    const download = await serviceClient(stack).storage.from(bucket).createSignedUrl('docs/a.txt', 60);
    const downloadToken = new URL(download.data?.signedUrl as string).searchParams.get('token') as string;
    const misused = await stack
      .client()
      .storage.from(bucket)
      .uploadToSignedUrl('docs/a.txt', downloadToken, Buffer.from('x'));
    expect(misused.error, 'a download token does not upload').toMatchObject({ statusCode: '400' });
  });
});

describe('callers with bad access tokens', () => {
  it('answers InvalidJWT to expired and forged tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await signJwt(stack.keys, userClaims(user, { iat: now - 7200, exp: now - 3600 }));
    const expiredAnswer = await tokenClient(stack, expired).storage.from(bucket).download('docs/a.txt');
    expect(expiredAnswer.error, 'expired').toMatchObject({ statusCode: '400', message: 'jwt expired' });
    const forged = `${expired.split('.').slice(0, 2).join('.')}.AAAA`;
    const list = await tokenClient(stack, forged).storage.from(bucket).list('docs');
    expect(list.error, 'forged').toMatchObject({ statusCode: '400' });
    const response = await fetch(`${stack.url}/storage/v1/object/list/${bucket}`, {
      method: 'POST',
      headers: {
        apikey: stack.keys.publishable_key,
        authorization: `Bearer ${forged}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ prefix: '' }),
    });
    expect((await errorBody(response)).code, 'InvalidJWT code').toBe('InvalidJWT');
  });
});
