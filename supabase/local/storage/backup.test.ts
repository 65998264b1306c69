// Backup and restore (supabase/local/backup.ts) round trip: a database with tenants' rows and
// stored objects is backed up, then changed (rows deleted and added, an object removed, another
// uploaded), then restored: every table holds exactly its rows of the backup's moment and every
// object is served again byte for byte through the Storage API, while what came after is gone.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../tests/support/tenants.ts';
import { BackupError, createBackup, restoreBackup, tableCounts } from '../backup.ts';
import { serviceClient, useStorageStack } from './test-support.ts';

const stack = useStorageStack();
const work = mkdtempSync(join(tmpdir(), 'roost-backup-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const pgBin = () => {
  const dir = process.env.ROOST_PG_BIN;
  if (!dir) throw new Error('ROOST_PG_BIN is not set');
  return dir;
};

/** Every table's rows as one fingerprint per table (order-independent). */
async function fingerprints(sql: postgres.Sql): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const name of Object.keys(await tableCounts(sql))) {
    const [row] = await sql.unsafe<{ digest: string | null }[]>(
      `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${name} t`,
    );
    result[name] = row?.digest ?? '';
  }
  return result;
}

async function recreate(dbUrl: string): Promise<void> {
  const url = new URL(dbUrl);
  const name = url.pathname.slice(1);
  url.pathname = '/template1';
  const maintenance = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await maintenance.unsafe(`drop database if exists "${name}" with (force)`);
    await maintenance.unsafe(`create database "${name}" template template1`);
  } finally {
    await maintenance.end();
  }
}

describe('backup and restore', () => {
  it('gives back every row and every object of the backup, and nothing written after it', async () => {
    const tenant = await createTenant(stack.admin, 'backup');
    const storage = serviceClient(stack).storage;
    const bucket = `backup-${randomBytes(3).toString('hex')}`;
    expect((await storage.createBucket(bucket, { public: false })).error).toBeNull();
    const kept = { 'a/photo.jpg': randomBytes(50_000), 'b/scan.pdf': randomBytes(1_234), 'c d/ü.txt': randomBytes(10) };
    for (const [path, body] of Object.entries(kept)) {
      expect((await storage.from(bucket).upload(path, body)).error, path).toBeNull();
    }
    const before = await fingerprints(stack.admin);
    const file = join(work, 'roost.tar');
    const manifest = await createBackup({ dbUrl: stack.dbUrl, storageDir: stack.dataDir, pgBin: pgBin() }, file);
    expect(manifest.objects.filter((object) => object.bucket === bucket)).toHaveLength(3);
    expect(manifest.tables['public.organizations']).toBeGreaterThanOrEqual(1);

    // Afterwards: rows and objects come and go.
    await stack.admin`delete from public.invitations where organization_id = ${tenant.organizationId}`;
    await createTenant(stack.admin, 'after-backup');
    expect((await storage.from(bucket).remove(['a/photo.jpg'])).error).toBeNull();
    expect((await storage.from(bucket).upload('late.txt', randomBytes(5))).error).toBeNull();
    expect(await fingerprints(stack.admin)).not.toEqual(before);

    const restored = await restoreBackup(
      { dbUrl: stack.dbUrl, storageDir: stack.dataDir, pgBin: pgBin(), recreateDatabase: () => recreate(stack.dbUrl) },
      file,
    );
    expect(restored).toEqual(manifest);
    expect(await fingerprints(stack.admin), 'every table as it was at the backup').toEqual(before);
    for (const [path, body] of Object.entries(kept)) {
      const { data, error } = await storage.from(bucket).download(path);
      expect(error, path).toBeNull();
      expect(Buffer.from(await (data as Blob).arrayBuffer()).equals(body), path).toBe(true);
    }
    const late = await storage.from(bucket).download('late.txt');
    expect(late.error, 'the object uploaded after the backup is gone').not.toBeNull();
  });

  it('refuses a file that is not a backup, or whose objects were altered, before touching anything', async () => {
    const notBackup = join(work, 'not-a-backup.tar');
    writeFileSync(join(work, 'manifest.json'), '{"format": "something-else"}');
    const { execFileSync } = await import('node:child_process');
    execFileSync('tar', ['--create', `--file=${notBackup}`, `--directory=${work}`, 'manifest.json']);
    let recreated = 0;
    const target = {
      dbUrl: stack.dbUrl,
      storageDir: stack.dataDir,
      pgBin: pgBin(),
      recreateDatabase: async () => {
        recreated += 1;
      },
    };
    await expect(restoreBackup(target, notBackup)).rejects.toMatchObject({ code: 'invalid_backup' });

    // A backup whose object bytes were changed after it was written.
    const file = join(work, 'tampered.tar');
    await createBackup({ dbUrl: stack.dbUrl, storageDir: stack.dataDir, pgBin: pgBin() }, file);
    const unpacked = join(work, 'unpacked');
    execFileSync('mkdir', ['-p', unpacked]);
    execFileSync('tar', ['--extract', `--file=${file}`, `--directory=${unpacked}`]);
    const manifest = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8')) as {
      objects: { path: string }[];
    };
    const first = manifest.objects[0];
    if (!first) throw new Error('the backup holds no object');
    writeFileSync(join(unpacked, 'objects', first.path), 'changed');
    execFileSync('tar', ['--create', `--file=${file}`, `--directory=${unpacked}`, '.']);
    const refused = await restoreBackup(target, file).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BackupError);
    expect((refused as BackupError).code).toBe('object_corrupt');
    expect(recreated, 'the database was never dropped').toBe(0);
  });
});
