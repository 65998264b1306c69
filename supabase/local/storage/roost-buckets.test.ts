// Roost's buckets and policies seen from outside, through storage-js as signed-in members:
// org-assets (public, managers write) and documents (private, staff of the property write,
// members at the property read). Another organization can neither read, list, move, copy nor
// delete, nor smuggle its ids into a path; anonymous callers read public assets only.
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, type Tenant } from '../../tests/support/tenants.ts';
import { filesOnDisk, PNG_1X1, serviceClient, userClient, useStorageStack } from './test-support.ts';

const stack = useStorageStack();
let a: Tenant;
let b: Tenant;
const pdf = Buffer.from('%PDF-1.4\n%test\n');

beforeAll(async () => {
  a = await createTenant(stack.admin, 'files-a');
  b = await createTenant(stack.admin, 'files-b');
});

const assets = (client: SupabaseClient) => client.storage.from('org-assets');
const documents = (client: SupabaseClient) => client.storage.from('documents');

describe('org-assets', () => {
  it("lets a manager upload the organization's logo, and refuses staff and other organizations", async () => {
    const logo = `${a.organizationId}/logo-${randomUUID()}.png`;
    const manager = await userClient(stack, a.members.manager);
    const uploaded = await assets(manager).upload(logo, PNG_1X1, { contentType: 'image/png' });
    expect(uploaded.error, 'manager uploads').toBeNull();
    const [row] = await stack.admin`select owner, owner_id from storage.objects where name = ${logo}`;
    expect(row, 'owner is the uploader').toEqual({ owner: a.members.manager.id, owner_id: a.members.manager.id });

    const filesBefore = filesOnDisk(stack);
    const staff = await userClient(stack, a.members.staff);
    const refused = await assets(staff).upload(`${a.organizationId}/staff-${randomUUID()}.png`, PNG_1X1, {
      contentType: 'image/png',
    });
    expect(refused.error, 'staff may not write assets').toMatchObject({
      status: 400,
      statusCode: '403',
      message: 'new row violates row-level security policy',
    });
    const other = await userClient(stack, b.members.owner);
    const foreign = await assets(other).upload(`${a.organizationId}/foreign-${randomUUID()}.png`, PNG_1X1, {
      contentType: 'image/png',
    });
    expect(foreign.error?.message, "another organization's owner may not write A's folder").toBe(
      'new row violates row-level security policy',
    );
    const overwrite = await assets(other).upload(logo, PNG_1X1, { contentType: 'image/png', upsert: true });
    expect(overwrite.error, "nor overwrite A's logo with upsert").not.toBeNull();
    expect(
      await stack.admin`select 1 from storage.objects where name like ${`${a.organizationId}/staff-%`}`,
      'no row',
    ).toHaveLength(0);
    expect(filesOnDisk(stack), 'refused uploads leave no bytes behind').toEqual(filesBefore);
    const { data: kept } = await assets(manager).download(logo);
    expect(Buffer.from(await (kept as Blob).arrayBuffer()).equals(PNG_1X1), 'the logo is untouched').toBe(true);
  });

  it('serves public assets without any token, and refuses the public route for private buckets', async () => {
    const logo = `${a.organizationId}/public-${randomUUID()}.png`;
    await assets(await userClient(stack, a.members.admin)).upload(logo, PNG_1X1, { contentType: 'image/png' });
    const { data } = assets(stack.client()).getPublicUrl(logo);
    const response = await fetch(data.publicUrl);
    expect(response.status, 'public download without apikey or token').toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(PNG_1X1), 'the logo').toBe(true);

    const scan = `${a.organizationId}/${a.propertyIds[0]}/inbox/${randomUUID()}.pdf`;
    await documents(serviceClient(stack)).upload(scan, pdf, { contentType: 'application/pdf' });
    const privateUrl = documents(stack.client()).getPublicUrl(scan).data.publicUrl;
    const refused = await fetch(privateUrl);
    expect(await refused.json(), 'documents are not public').toMatchObject({ statusCode: '404', code: 'NoSuchBucket' });
  });
});

describe('documents', () => {
  let scan: string;
  let invoice: string;

  beforeAll(async () => {
    scan = `${a.organizationId}/${a.propertyIds[0]}/inbox/passport-${randomUUID()}.pdf`;
    invoice = `${a.organizationId}/${a.propertyIds[1]}/invoices/${randomUUID()}.pdf`;
    const staff = await userClient(stack, a.members.staff);
    for (const name of [scan, invoice]) {
      const { error } = await documents(staff).upload(name, pdf, { contentType: 'application/pdf' });
      expect(error, `staff uploads ${name}`).toBeNull();
    }
  });

  it('needs a signed-in member who works at the property', async () => {
    const anon = await documents(stack.client()).download(scan);
    expect(anon.error, 'anon cannot download').toMatchObject({ statusCode: '404' });
    const viewer = await documents(await userClient(stack, a.members.viewer)).download(scan);
    expect(await viewer.data?.text(), 'a viewer of A reads it').toBe(pdf.toString());
    const restricted = await userClient(stack, a.restrictedStaff);
    expect((await documents(restricted).download(scan)).error, 'hotel-only staff read the hotel').toBeNull();
    expect((await documents(restricted).download(invoice)).error, 'but not the restaurant').toMatchObject({
      statusCode: '404',
    });
  });

  it("keeps A's documents from a member of B: read, list, sign, move, copy, delete", async () => {
    const intruder = await userClient(stack, b.members.owner);
    expect((await documents(intruder).download(scan)).error, 'no download').toMatchObject({ statusCode: '404' });
    expect((await documents(intruder).info(scan)).error, 'no info').toMatchObject({ statusCode: '404' });
    const listing = await documents(intruder).list(`${a.organizationId}/${a.propertyIds[0]}/inbox`);
    expect(listing.data, 'lists nothing').toEqual([]);
    const top = await documents(intruder).list('');
    expect(
      top.data?.map((entry) => entry.name),
      "A's folder is not even listed",
    ).not.toContain(a.organizationId);
    expect((await documents(intruder).createSignedUrl(scan, 60)).error, 'no signed URL').toMatchObject({
      statusCode: '404',
    });
    const moveTarget = `${b.organizationId}/${b.propertyIds[0]}/stolen/${randomUUID()}.pdf`;
    expect((await documents(intruder).move(scan, moveTarget)).error, 'no move').toMatchObject({ statusCode: '404' });
    expect((await documents(intruder).copy(scan, moveTarget)).error, 'no copy').toMatchObject({ statusCode: '404' });
    const removed = await documents(intruder).remove([scan, invoice]);
    expect(removed.data, 'deletes nothing').toEqual([]);
    const still = await stack.admin`select name from storage.objects where name in (${scan}, ${invoice})`;
    expect(still, 'both documents remain').toHaveLength(2);
  });

  it("does not tell a member of B which of A's names exist (403, never 409)", async () => {
    const intruder = await userClient(stack, b.members.owner);
    const rls = 'new row violates row-level security policy';
    const upload = await documents(intruder).upload(scan, pdf, { contentType: 'application/pdf' });
    expect(upload.error?.message, 'upload onto an existing name of A').toBe(rls);
    const sign = await documents(intruder).createSignedUploadUrl(scan);
    expect(sign.error?.message, 'signing an upload onto it').toBe(rls);
    const own = `${b.organizationId}/${b.propertyIds[0]}/inbox/${randomUUID()}.pdf`;
    await documents(intruder).upload(own, pdf, { contentType: 'application/pdf' });
    const copy = await documents(intruder).copy(own, scan);
    expect(copy.error?.message, 'copying onto it').toBe(rls);
    const staff = await userClient(stack, a.members.staff);
    const taken = await documents(staff).upload(scan, pdf, { contentType: 'application/pdf' });
    expect(taken.error, 'who may write there learns the name is taken').toMatchObject({ statusCode: '409' });
  });

  it("refuses paths that put B's property under A's organization, or A's ids in B's hands", async () => {
    const crossed = `${a.organizationId}/${b.propertyIds[0]}/inbox/${randomUUID()}.pdf`;
    for (const [label, client] of [
      ['B owner', await userClient(stack, b.members.owner)],
      ['A owner', await userClient(stack, a.members.owner)],
    ] as const) {
      const { error } = await documents(client).upload(crossed, pdf, { contentType: 'application/pdf' });
      expect(error?.message, `${label}: mixed path`).toBe('new row violates row-level security policy');
    }
    const intoA = `${a.organizationId}/${a.propertyIds[0]}/inbox/${randomUUID()}.pdf`;
    const fromB = await documents(await userClient(stack, b.members.owner)).upload(intoA, pdf, {
      contentType: 'application/pdf',
    });
    expect(fromB.error?.message, "B cannot write into A's property").toBe('new row violates row-level security policy');
  });

  it('lets staff move and delete within their property, but not move a document to another organization', async () => {
    const staff = await userClient(stack, a.members.staff);
    const from = `${a.organizationId}/${a.propertyIds[0]}/tmp/${randomUUID()}.pdf`;
    await documents(staff).upload(from, pdf, { contentType: 'application/pdf' });
    const to = `${a.organizationId}/${a.propertyIds[0]}/filed/${randomUUID()}.pdf`;
    expect((await documents(staff).move(from, to)).error, 'moved within the property').toBeNull();
    expect(await (await documents(staff).download(to)).data?.text(), 'content follows the move').toBe(pdf.toString());
    const away = `${b.organizationId}/${b.propertyIds[0]}/${randomUUID()}.pdf`;
    expect((await documents(staff).move(to, away)).error?.message, 'not into B').toBe(
      'new row violates row-level security policy',
    );
    expect((await documents(staff).copy(to, away)).error?.message, 'no copy into B').toBe(
      'new row violates row-level security policy',
    );
    const viewer = await userClient(stack, a.members.viewer);
    expect((await documents(viewer).remove([to])).data, 'viewers do not delete').toEqual([]);
    const removed = await documents(staff).remove([to]);
    expect(
      removed.data?.map((row) => row.name),
      'staff delete',
    ).toEqual([to]);
  });

  it('refuses a type the bucket does not allow and a file over its 20 MiB limit', async () => {
    const staff = await userClient(stack, a.members.staff);
    const name = `${a.organizationId}/${a.propertyIds[0]}/inbox/${randomUUID()}`;
    const script = await documents(staff).upload(`${name}.sh`, Buffer.from('#!/bin/sh'), { contentType: 'text/x-sh' });
    expect(script.error, 'a shell script').toMatchObject({
      statusCode: '415',
      message: 'mime type text/x-sh is not supported',
    });
    const huge = await documents(staff).upload(`${name}.pdf`, Buffer.alloc(20 * 1024 * 1024 + 1), {
      contentType: 'application/pdf',
    });
    expect(huge.error, 'over 20 MiB').toMatchObject({ statusCode: '413', status: 400 });
  });
});
