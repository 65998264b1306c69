// The avatars bucket through storage-js, as the account page uses it: a user writes their photo
// under their own id, anyone downloads it from the public URL, and another signed-in user can
// neither write into that folder, overwrite the photo, move it away nor delete it. Images only,
// 2 MiB at most; a profile can only point at its own user's folder.
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../../tests/support/db.ts';
import { PNG_1X1, userClient, useStorageStack } from './test-support.ts';

const stack = useStorageStack();
const avatars = (client: SupabaseClient) => client.storage.from('avatars');
const RLS = 'new row violates row-level security policy';

let alice: TestUser;
let mallory: TestUser;

beforeAll(async () => {
  alice = await createUser(stack.admin, 'avatar-alice');
  mallory = await createUser(stack.admin, 'avatar-mallory');
});

describe('avatars bucket', () => {
  it('is public, images only, 2 MiB at most', async () => {
    const [bucket] = await stack.admin`
      select public, file_size_limit::int as size_limit, allowed_mime_types from storage.buckets where id = 'avatars'`;
    expect(bucket).toEqual({
      public: true,
      size_limit: 2 * 1024 * 1024,
      allowed_mime_types: ['image/png', 'image/jpeg', 'image/webp', 'image/gif'],
    });
  });

  it('lets a user write their own photo, which anyone reads, and nobody else write or delete it', async () => {
    const photo = `${alice.id}/${randomUUID()}.png`;
    const own = await userClient(stack, alice);
    expect((await avatars(own).upload(photo, PNG_1X1, { contentType: 'image/png' })).error, 'own folder').toBeNull();
    const publicUrl = avatars(stack.client()).getPublicUrl(photo).data.publicUrl;
    const response = await fetch(publicUrl);
    expect(response.status, 'downloaded without a token').toBe(200);

    const intruder = await userClient(stack, mallory);
    const into = await avatars(intruder).upload(`${alice.id}/${randomUUID()}.png`, PNG_1X1, {
      contentType: 'image/png',
    });
    expect(into.error?.message, "writing into another user's folder").toBe(RLS);
    const overwrite = await avatars(intruder).upload(photo, PNG_1X1, { contentType: 'image/png', upsert: true });
    expect(overwrite.error, 'overwriting with upsert').not.toBeNull();
    const moved = await avatars(intruder).move(photo, `${mallory.id}/${randomUUID()}.png`);
    expect(moved.error, 'moving it away').not.toBeNull();
    const removed = await avatars(intruder).remove([photo]);
    expect(removed.data, 'deleting it deletes nothing').toEqual([]);
    expect(await avatars(intruder).list(alice.id), "listing another user's folder").toMatchObject({ data: [] });
    expect(
      await stack.admin`select 1 from storage.objects where bucket_id = 'avatars' and name = ${photo}`,
    ).toHaveLength(1);

    const mine = await avatars(own).remove([photo]);
    expect(
      mine.data?.map((row) => row.name),
      'the owner deletes it',
    ).toEqual([photo]);
  });

  it('refuses paths outside a user folder, other types and files over 2 MiB', async () => {
    const own = await userClient(stack, alice);
    for (const name of ['photo.png', `not-a-uuid/${randomUUID()}.png`, `../${alice.id}/x.png`]) {
      const { error } = await avatars(own).upload(name, PNG_1X1, { contentType: 'image/png' });
      expect(error, `path ${name}`).not.toBeNull();
    }
    const svg = await avatars(own).upload(`${alice.id}/drawing.svg`, Buffer.from('<svg/>'), {
      contentType: 'image/svg+xml',
    });
    expect(svg.error, 'SVG').toMatchObject({ statusCode: '415' });
    const huge = await avatars(own).upload(`${alice.id}/huge.png`, Buffer.alloc(2 * 1024 * 1024 + 1), {
      contentType: 'image/png',
    });
    expect(huge.error, 'over 2 MiB').toMatchObject({ statusCode: '413' });
  });

  it("keeps a profile's avatar_path inside its own user's folder", async () => {
    await expect(
      stack.admin`update public.profiles set avatar_path = ${`${mallory.id}/x.png`} where user_id = ${alice.id}`,
    ).rejects.toMatchObject({ constraint_name: 'profiles_avatar_path_own_folder' });
    await stack.admin`update public.profiles set avatar_path = ${`${alice.id}/x.png`} where user_id = ${alice.id}`;
  });
});
