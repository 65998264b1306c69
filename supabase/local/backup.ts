// `npm run db -- backup [file]` and `npm run db -- restore <file>` (issue 18, item 5): the database
// and the stored objects together, consistent with each other, in one tar file.
//
// Consistency: object bytes are immutable per version (the storage disk writes a fresh version
// for every upload: supabase/local/storage/disk.ts), so a backup is a snapshot of the database
// plus the files of the versions that snapshot names. One repeatable-read transaction exports its
// snapshot; pg_dump dumps that snapshot, and the same transaction lists storage.objects; an upload
// or delete committed meanwhile is in neither. The archive holds:
//   manifest.json   format, time, the database's table row counts, every object (bucket,
//                   version, path, size, sha256)
//   database.dump   pg_dump --format=custom
//   objects/…       the bytes, at their path under the storage folder (buckets/<bucket>/…)
// Restore checks every object's checksum before touching anything, recreates the database from the
// dump, then replaces the storage folder's buckets with the archived ones.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import postgres from 'postgres';
import { z } from 'zod';
import { createDisk } from './storage/disk.ts';

export const BACKUP_FORMAT = 'roost-backup/1';

const Manifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  createdAt: z.string(),
  tables: z.record(z.string(), z.number().int().nonnegative()),
  objects: z.array(
    z.object({
      bucket: z.string().min(1),
      version: z.string().min(1),
      // Relative to the storage folder, always under buckets/: never absolute, never `..`.
      path: z.string().regex(/^buckets\/[^/]+\/(?:[^/.][^/]*\/)*[^/.][^/]*$/),
      size: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});
export type BackupManifest = z.infer<typeof Manifest>;

export class BackupError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'BackupError';
    this.code = code;
  }
}

export interface BackupTarget {
  /** The database, as the superuser. */
  dbUrl: string;
  /** The storage service's data folder (the one holding `buckets/`). */
  storageDir: string;
  /** PostgreSQL's binaries (pg_dump, pg_restore). */
  pgBin: string;
}

/** Writes a backup of the target to `file`; returns its manifest. */
export async function createBackup(target: BackupTarget, file: string): Promise<BackupManifest> {
  const work = await mkdtemp(join(tmpdir(), 'roost-backup-'));
  const sql = postgres(target.dbUrl, { max: 1, onnotice: () => {} });
  try {
    const disk = createDisk(target.storageDir);
    const manifest = await sql.begin('isolation level repeatable read read only', async (tx) => {
      const [exported] = await tx<{ snapshot: string }[]>`select pg_export_snapshot() as snapshot`;
      const dumped = run(join(target.pgBin, 'pg_dump'), [
        '--format=custom',
        `--snapshot=${exported?.snapshot}`,
        `--file=${join(work, 'database.dump')}`,
        `--dbname=${target.dbUrl}`,
      ]);
      const tables = await tableCounts(tx);
      const rows = await tx<{ bucket: string; version: string }[]>`
        select bucket_id as bucket, version from storage.objects where version is not null order by bucket_id, version`;
      const objects: BackupManifest['objects'] = [];
      for (const row of rows) {
        const source = disk.objectPath(row.bucket, row.version);
        const path = relative(target.storageDir, source);
        const copy = join(work, 'objects', path);
        await mkdir(dirname(copy), { recursive: true });
        try {
          await copyFile(source, copy);
        } catch (error) {
          throw new BackupError('object_missing', `The bytes of ${row.bucket}/${row.version} are missing: ${error}`);
        }
        objects.push({ bucket: row.bucket, version: row.version, path, ...(await digest(copy)) });
      }
      // The snapshot must outlive pg_dump's use of it: wait inside the transaction.
      await dumped;
      return { format: BACKUP_FORMAT, createdAt: new Date().toISOString(), tables, objects } as const;
    });
    await writeFile(join(work, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await mkdir(dirname(file), { recursive: true });
    await run('tar', ['--create', `--file=${file}`, `--directory=${work}`, '.']);
    return manifest;
  } finally {
    await sql.end({ timeout: 5 });
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Replaces the target's database and stored objects with the backup's. `recreateDatabase` drops
 * and creates the (empty) database; the caller knows how (cluster, name, template).
 */
export async function restoreBackup(
  target: BackupTarget & { recreateDatabase: () => Promise<void> },
  file: string,
): Promise<BackupManifest> {
  const work = await mkdtemp(join(tmpdir(), 'roost-restore-'));
  try {
    await run('tar', ['--extract', `--file=${file}`, `--directory=${work}`, '--no-same-owner']);
    const parsed = Manifest.safeParse(
      JSON.parse(await readFile(join(work, 'manifest.json'), 'utf8').catch(() => '{}')),
    );
    if (!parsed.success) throw new BackupError('invalid_backup', `Not a Roost backup (${BACKUP_FORMAT}): ${file}`);
    const manifest = parsed.data;
    for (const object of manifest.objects) {
      const { sha256 } = await digest(join(work, 'objects', object.path)).catch(() => ({ sha256: '' }));
      if (sha256 !== object.sha256) {
        throw new BackupError('object_corrupt', `${object.bucket}/${object.version} does not match its checksum.`);
      }
    }
    await target.recreateDatabase();
    await run(join(target.pgBin, 'pg_restore'), [
      '--exit-on-error',
      '--single-transaction',
      `--dbname=${target.dbUrl}`,
      join(work, 'database.dump'),
    ]);
    const buckets = join(target.storageDir, 'buckets');
    await rm(buckets, { recursive: true, force: true });
    await mkdir(buckets, { recursive: true, mode: 0o700 });
    for (const object of manifest.objects) {
      const destination = join(target.storageDir, object.path);
      await mkdir(dirname(destination), { recursive: true, mode: 0o700 });
      await rename(join(work, 'objects', object.path), destination);
    }
    return manifest;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Rows per table of the application's and the platform's schemas (what a restore must give back). */
export async function tableCounts(sql: postgres.Sql | postgres.TransactionSql): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }[]>`
    select format('%I.%I', n.nspname, c.relname) as name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname in ('public', 'private', 'auth', 'storage', 'realtime', 'pgboss')
    order by 1`;
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await sql.unsafe<{ n: string }[]>(`select count(*) as n from ${name}`);
    counts[name] = Number(row?.n ?? 0);
  }
  return counts;
}

async function digest(path: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    size += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  return { size, sha256: hash.digest('hex') };
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new BackupError('command_failed', `${command} exited with ${code}: ${stderr.trim().slice(0, 2000)}`));
    });
  });
}
