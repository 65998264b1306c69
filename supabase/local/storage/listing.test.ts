// Listing one level of a bucket (folders as entries with a null id, sort, search, paging), and
// moving, copying and deleting objects — within a bucket and across buckets — with their bytes
// following the rows on disk.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDisk } from './disk.ts';
import { createBucket, errorBody, filesOnDisk, serviceClient, useStorageStack } from './test-support.ts';

const stack = useStorageStack();
let bucket: string;
const storage = () => serviceClient(stack).storage.from(bucket);

beforeAll(async () => {
  bucket = await createBucket(stack);
  for (const name of [
    'b.txt',
    'a.txt',
    'c.txt',
    'photos/2024/x.png',
    'photos/cat.png',
    'docs/readme.md',
    'Apple.txt',
  ]) {
    const { error } = await storage().upload(name, Buffer.from(name), { contentType: 'text/plain' });
    expect(error, `upload ${name}`).toBeNull();
  }
});

describe('list', () => {
  it('lists one level with folders as entries without id', async () => {
    const { data, error } = await storage().list();
    expect(error, 'list').toBeNull();
    expect(
      data?.map((entry) => [entry.name, entry.id === null]),
      'folders and files, by name',
    ).toEqual([
      ['a.txt', false],
      ['Apple.txt', false],
      ['b.txt', false],
      ['c.txt', false],
      ['docs', true],
      ['photos', true],
    ]);
    const file = data?.find((entry) => entry.name === 'a.txt');
    expect(file?.metadata, 'files carry metadata').toMatchObject({ size: 5, mimetype: 'text/plain' });
    const folder = data?.find((entry) => entry.name === 'docs');
    expect(folder, 'folders carry nulls').toMatchObject({ id: null, metadata: null, updated_at: null });
    const photos = await storage().list('photos');
    expect(
      photos.data?.map((entry) => entry.name),
      'a sub-folder',
    ).toEqual(['2024', 'cat.png']);
  });

  it('sorts, searches and pages', async () => {
    const desc = await storage().list('', { sortBy: { column: 'name', order: 'desc' } });
    expect(
      desc.data?.map((entry) => entry.name),
      'name desc',
    ).toEqual(['photos', 'docs', 'c.txt', 'b.txt', 'Apple.txt', 'a.txt']);
    const search = await storage().list('', { search: 'a' });
    expect(
      search.data?.map((entry) => entry.name),
      'search is a case-insensitive prefix',
    ).toEqual(['a.txt', 'Apple.txt']);
    const page = await storage().list('', { limit: 2, offset: 2 });
    expect(
      page.data?.map((entry) => entry.name),
      'third and fourth',
    ).toEqual(['b.txt', 'c.txt']);
    const byTime = await storage().list('', { sortBy: { column: 'created_at', order: 'asc' } });
    expect(
      byTime.data?.slice(0, 2).map((entry) => entry.name),
      'folders first when sorting by a time',
    ).toEqual(['docs', 'photos']);
    expect(
      byTime.data?.slice(2).map((entry) => entry.name),
      'then files by creation',
    ).toEqual(['b.txt', 'a.txt', 'c.txt', 'Apple.txt']);
  });
});

describe('move, copy and delete', () => {
  it('moves within a bucket and to another bucket, bytes included', async () => {
    const other = await createBucket(stack);
    await storage().upload('move/me.txt', Buffer.from('moving'), { contentType: 'text/plain' });
    expect((await storage().move('move/me.txt', 'moved/me.txt')).data, 'moved').toEqual({
      message: 'Successfully moved',
    });
    expect((await storage().exists('move/me.txt')).data, 'old name gone').toBe(false);
    expect(await (await storage().download('moved/me.txt')).data?.text(), 'new name').toBe('moving');
    const across = await storage().move('moved/me.txt', 'arrived.txt', { destinationBucket: other });
    expect(across.error, 'moved across buckets').toBeNull();
    const there = await serviceClient(stack).storage.from(other).download('arrived.txt');
    expect(await there.data?.text(), 'bytes in the other bucket').toBe('moving');
    const files = filesOnDisk(stack);
    expect(
      files.filter((file) => file.startsWith(`buckets/${other}/`)),
      'one file in the other bucket',
    ).toHaveLength(1);
    expect((await storage().move('nope.txt', 'x.txt')).error, 'missing source').toMatchObject({ statusCode: '404' });
    await storage().upload('taken.txt', Buffer.from('t'), { contentType: 'text/plain' });
    expect((await storage().move('a.txt', 'taken.txt')).error, 'destination taken').toMatchObject({
      statusCode: '409',
    });
  });

  it('keeps the version an upsert committed while a move of the same object waited for it', async () => {
    await storage().upload('race/me.txt', Buffer.from('one'), { contentType: 'text/plain' });
    const disk = createDisk(stack.dataDir);
    const next = randomUUID();
    let old = '';
    // An upsert in flight: it holds the row, its new version's bytes are in place.
    const { moving } = await stack.admin.begin(async (tx) => {
      const [row] = await tx<{ version: string }[]>`
        select version from storage.objects where bucket_id = ${bucket} and name = 'race/me.txt' for update`;
      old = row?.version ?? '';
      await disk.place(await writeTemp(disk, 'two'), bucket, next);
      await tx`update storage.objects set version = ${next} where bucket_id = ${bucket} and name = 'race/me.txt'`;
      const moving = storage().move('race/me.txt', 'race/moved.txt');
      for (let waiting = 0; waiting === 0; ) {
        [{ waiting = 0 } = {}] = await stack.admin<{ waiting: number }[]>`
          select count(*)::int as waiting from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock' and query like '%update storage.objects%'`;
      }
      return { moving }; // not awaited here: the move waits for this transaction to commit
    });
    const moved = await moving;
    await disk.removeVersions(bucket, [old]); // the upsert drops the version it replaced
    expect(moved.error, 'moved').toBeNull();
    const [row] =
      await stack.admin`select version from storage.objects where bucket_id = ${bucket} and name = 'race/moved.txt'`;
    expect(row?.version, "the upsert's version survives the move").toBe(next);
    expect(await (await storage().download('race/moved.txt')).data?.text(), 'its bytes').toBe('two');
  });

  it('copies the version an upsert committed while the copy waited for it', async () => {
    await storage().upload('race/src.txt', Buffer.from('one'), { contentType: 'text/plain' });
    const disk = createDisk(stack.dataDir);
    const next = randomUUID();
    let old = '';
    // An upsert in flight holds the source row; once it commits, it removes the old version's file.
    const { copying, waited } = await stack.admin.begin(async (tx) => {
      const [row] = await tx<{ version: string }[]>`
        select version from storage.objects where bucket_id = ${bucket} and name = 'race/src.txt' for update`;
      old = row?.version ?? '';
      await disk.place(await writeTemp(disk, 'two'), bucket, next);
      await tx`update storage.objects set version = ${next} where bucket_id = ${bucket} and name = 'race/src.txt'`;
      const copying = storage().copy('race/src.txt', 'race/copy.txt');
      let waited = false;
      for (const started = Date.now(); !waited && Date.now() - started < 3000; ) {
        const [{ waiting = 0 } = {}] = await stack.admin<{ waiting: number }[]>`
          select count(*)::int as waiting from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock' and query like '%for share%'`;
        waited = waiting > 0;
      }
      return { copying, waited };
    });
    await disk.removeVersions(bucket, [old]);
    const copied = await copying;
    expect(waited, 'the copy waits for the upsert').toBe(true);
    expect(copied.error, 'copied').toBeNull();
    expect(await (await storage().download('race/copy.txt')).data?.text(), "the upsert's bytes").toBe('two');
  });

  it('copies within a bucket and to another bucket, keeping or replacing metadata', async () => {
    const other = await createBucket(stack);
    await storage().upload('copy/src.txt', Buffer.from('copied'), { contentType: 'text/plain', metadata: { k: 1 } });
    const copy = await storage().copy('copy/src.txt', 'copy/dst.txt');
    expect(copy.data, 'Key of the copy').toEqual({ path: `${bucket}/copy/dst.txt` });
    expect((await storage().info('copy/dst.txt')).data?.metadata, 'user metadata copied').toEqual({ k: 1 });
    expect(await (await storage().download('copy/src.txt')).data?.text(), 'source kept').toBe('copied');
    const across = await storage().copy('copy/src.txt', 'c.txt', {
      destinationBucket: other,
      copyMetadata: false,
      metadata: { mimetype: 'text/markdown', cacheControl: 'max-age=5' },
    });
    expect(across.error, 'copied across').toBeNull();
    const theirs = serviceClient(stack).storage.from(other);
    expect(await (await theirs.download('c.txt')).data?.text(), 'bytes there').toBe('copied');
    expect((await theirs.info('c.txt')).data, 'overridden object metadata, no user metadata').toMatchObject({
      contentType: 'text/markdown',
      cacheControl: 'max-age=5',
      metadata: {},
    });
    expect((await storage().copy('copy/src.txt', 'copy/dst.txt')).error, 'no overwrite').toMatchObject({
      statusCode: '409',
    });
    const images = await createBucket(stack, { allowedMimeTypes: ['image/*'], fileSizeLimit: 4 });
    const wrongType = await storage().copy('copy/src.txt', 'x.txt', { destinationBucket: images });
    expect(wrongType.error, "the destination bucket's types apply").toMatchObject({ statusCode: '415' });
    const moved = await storage().move('copy/src.txt', 'x.txt', { destinationBucket: images });
    expect(moved.error, 'to moves too').toMatchObject({ statusCode: '415' });
  });

  it('deletes by a list of paths and by one path, files included', async () => {
    for (const name of ['del/1.txt', 'del/2.txt', 'del/3.txt']) {
      await storage().upload(name, Buffer.from(name), { contentType: 'text/plain' });
    }
    const before = filesOnDisk(stack).length;
    const { data, error } = await storage().remove(['del/1.txt', 'del/2.txt', 'del/missing.txt']);
    expect(error, 'remove').toBeNull();
    expect(data?.map((entry) => entry.name).sort(), 'what was deleted').toEqual(['del/1.txt', 'del/2.txt']);
    expect(filesOnDisk(stack).length, 'their files are gone').toBe(before - 2);
    const one = await fetch(`${stack.url}/storage/v1/object/${bucket}/del/3.txt`, {
      method: 'DELETE',
      headers: { apikey: stack.keys.secret_key },
    });
    expect(await one.json(), 'single delete').toEqual({ message: 'Successfully deleted' });
    const again = await fetch(`${stack.url}/storage/v1/object/${bucket}/del/3.txt`, {
      method: 'DELETE',
      headers: { apikey: stack.keys.secret_key },
    });
    expect((await errorBody(again)).code, 'nothing to delete').toBe('NoSuchKey');
    expect((await storage().list('del')).data, 'folder gone').toEqual([]);
  });

  it('replaces the file of an upserted object and keeps one file per object', async () => {
    await storage().upload('up/one.txt', Buffer.from('v1'), { contentType: 'text/plain' });
    const before = filesOnDisk(stack).length;
    await storage().upload('up/one.txt', Buffer.from('v2'), { contentType: 'text/plain', upsert: true });
    expect(filesOnDisk(stack).length, 'the old version file is removed').toBe(before);
  });
});

async function writeTemp(disk: ReturnType<typeof createDisk>, text: string): Promise<string> {
  const path = disk.tempPath();
  writeFileSync(path, text);
  return path;
}
