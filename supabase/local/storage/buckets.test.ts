// Buckets through storage-js: the service role creates, lists (search, sort, paging), reads,
// updates, empties and deletes them; signed-in users get what RLS on storage.buckets gives them
// (Roost gives them nothing there) and upstream's error bodies.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../tests/support/db.ts';
import { createBucket, serviceClient, userClient, useStorageStack } from './test-support.ts';

const stack = useStorageStack();

describe('buckets', () => {
  beforeAll(async () => {
    const storage = serviceClient(stack).storage;
    for (const name of ['zeta-photos', 'alpha-photos', 'mid-docs']) {
      const { data, error } = await storage.createBucket(name, { public: name.endsWith('photos') });
      expect(error, `create ${name}`).toBeNull();
      expect(data, 'answer is the name').toEqual({ name });
    }
  });

  it('creates with limits and reads a bucket back', async () => {
    const storage = serviceClient(stack).storage;
    await storage.createBucket('limited', { public: false, fileSizeLimit: '2MB', allowedMimeTypes: ['image/png'] });
    const { data, error } = await storage.getBucket('limited');
    expect(error, 'get').toBeNull();
    expect(data, 'bucket').toMatchObject({
      id: 'limited',
      name: 'limited',
      public: false,
      file_size_limit: 2_000_000,
      allowed_mime_types: ['image/png'],
    });
    expect(data, 'no `type`: upstream answers the columns of its bucket schema only').not.toHaveProperty('type');
    const duplicate = await storage.createBucket('limited');
    expect(duplicate.error, 'duplicate').toMatchObject({ statusCode: '409', message: 'The resource already exists' });
  });

  it('lists with search, sort and paging', async () => {
    const storage = serviceClient(stack).storage;
    const photos = await storage.listBuckets({ search: 'photos', sortColumn: 'name', sortOrder: 'desc' });
    expect(
      photos.data?.map((bucket) => bucket.name),
      'search, name desc',
    ).toEqual(['zeta-photos', 'alpha-photos']);
    const all = await storage.listBuckets({ sortColumn: 'name', sortOrder: 'asc' });
    const names = all.data?.map((bucket) => bucket.name) ?? [];
    expect(names, 'includes the Roost buckets').toEqual(expect.arrayContaining(['documents', 'org-assets']));
    expect([...names].sort(), 'sorted by name').toEqual(names);
    const page = await storage.listBuckets({ sortColumn: 'name', limit: 2, offset: 1 });
    expect(
      page.data?.map((bucket) => bucket.name),
      'second and third',
    ).toEqual(names.slice(1, 3));
  });

  it('updates a bucket', async () => {
    const storage = serviceClient(stack).storage;
    const { data, error } = await storage.updateBucket('mid-docs', { public: true, fileSizeLimit: 1024 });
    expect(error, 'update').toBeNull();
    expect(data, 'answer').toEqual({ message: 'Successfully updated' });
    expect((await storage.getBucket('mid-docs')).data, 'changed').toMatchObject({
      public: true,
      file_size_limit: 1024,
    });
    const missing = await storage.updateBucket('no-such-bucket', { public: true });
    expect(missing.error, 'missing').toMatchObject({ statusCode: '404', message: 'Bucket not found' });
  });

  it('refuses to delete a bucket with objects until it is emptied', async () => {
    const id = await createBucket(stack);
    const storage = serviceClient(stack).storage;
    await storage.from(id).upload('a/1.txt', Buffer.from('1'), { contentType: 'text/plain' });
    await storage.from(id).upload('a/2.txt', Buffer.from('2'), { contentType: 'text/plain' });
    const refused = await storage.deleteBucket(id);
    expect(refused.error, 'not empty').toMatchObject({
      statusCode: '409',
      message: 'The bucket you tried to delete is not empty',
    });
    expect((await storage.emptyBucket(id)).data, 'emptied').toEqual({ message: 'Successfully emptied' });
    expect((await storage.from(id).list('a')).data, 'nothing left').toEqual([]);
    expect((await storage.deleteBucket(id)).data, 'deleted').toEqual({ message: 'Successfully deleted' });
    expect((await storage.getBucket(id)).error, 'gone').toMatchObject({
      statusCode: '404',
      code: 'NoSuchBucket',
    });
  });

  it('refuses to delete a bucket that an upload in flight is writing into', async () => {
    const id = await createBucket(stack);
    const storage = serviceClient(stack).storage;
    // An upload in flight: its row is inserted, not yet committed, when the delete arrives.
    const { deleting, waited } = await stack.admin.begin(async (tx) => {
      await tx`insert into storage.objects (bucket_id, name, version) values (${id}, 'late.txt', ${randomUUID()})`;
      const deleting = storage.deleteBucket(id);
      let waited = false;
      for (const started = Date.now(); !waited && Date.now() - started < 3000; ) {
        const [{ waiting = 0 } = {}] = await stack.admin<{ waiting: number }[]>`
          select count(*)::int as waiting from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock' and query like '%storage.buckets%'`;
        waited = waiting > 0;
      }
      return { deleting, waited };
    });
    expect(waited, 'the delete waits for the upload').toBe(true);
    expect((await deleting).error, 'not empty').toMatchObject({
      statusCode: '409',
      message: 'The bucket you tried to delete is not empty',
    });
    expect((await storage.getBucket(id)).error, 'the bucket stays').toBeNull();
  });

  it('gives signed-in users what RLS gives them: no bucket management in Roost', async () => {
    const user = await userClient(stack, await createUser(stack.admin, 'bucket-user'));
    expect((await user.storage.listBuckets()).data, 'no buckets visible').toEqual([]);
    expect((await user.storage.getBucket('documents')).error, 'not found').toMatchObject({ statusCode: '404' });
    const created = await user.storage.createBucket('mine');
    expect(created.error, 'cannot create').toMatchObject({
      statusCode: '403',
      message: 'new row violates row-level security policy',
    });
    expect((await user.storage.deleteBucket('documents')).error, 'cannot delete').toMatchObject({ statusCode: '404' });
    const anon = await stack.client().storage.emptyBucket('documents');
    expect(anon.error, 'anon cannot empty').toMatchObject({ statusCode: '404' });
  });

  it('answers an unknown route like upstream', async () => {
    const response = await fetch(`${stack.url}/storage/v1/nothing-here`, {
      headers: { apikey: stack.keys.secret_key },
    });
    expect(response.status, '404').toBe(404);
    expect(await response.json(), 'body').toMatchObject({ error: 'Not Found' });
  });
});
