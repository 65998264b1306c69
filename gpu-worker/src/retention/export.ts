// The export of a whole organization (decision 038): every row that belongs to it (the catalogue
// plan of export-plan.ts), one JSON Lines file per table, and every stored object under its
// folders, in a zip (fflate) written to `organization-exports/<org>/<export id>.zip`, with the
// progress on the export's row. The zip is built in memory (bounded by the bucket's 1 GiB limit).
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { Sql } from 'postgres';
import { readExportPlan } from './export-plan.ts';
import { ObjectNotFound, type ObjectStore } from './storage.ts';

export const EXPORT_BUCKET = 'organization-exports';
const encoder = new TextEncoder();

export interface ExportResult {
  status: 'succeeded' | 'failed' | 'skipped';
  rows: number;
  objects: number;
}

/** Runs one export; a row that is already final (a redelivered job) is skipped. */
export async function exportOrganization(
  { sql, store }: { sql: Sql; store: ObjectStore },
  exportId: string,
): Promise<ExportResult> {
  const [claimed] = await sql<{ organization_id: string }[]>`
    update public.organization_exports set status = 'running', started_at = now(), progress = 0
    where id = ${exportId} and status in ('queued', 'running')
    returning organization_id`;
  if (!claimed) return { status: 'skipped', rows: 0, objects: 0 };
  const organizationId = claimed.organization_id;
  try {
    const plan = await readExportPlan(sql);
    const objects = await sql<{ bucket: string; name: string }[]>`
      select bucket, name from private.organization_objects(${organizationId})
      where not (bucket = ${EXPORT_BUCKET})`;
    const steps = plan.tables.length + objects.length;
    let done = 0;
    let reported = 0;
    const step = async () => {
      done += 1;
      const progress = Math.min(99, Math.floor((done / Math.max(1, steps)) * 100));
      // At most one update per 10 %: each is an audit row.
      if (progress >= reported + 10) {
        reported = progress;
        await sql`update public.organization_exports set progress = ${progress} where id = ${exportId} and status = 'running'`;
      }
    };

    const chunks: Uint8Array[] = [];
    let zipError: Error | null = null;
    const zip = new Zip((error, chunk) => {
      if (error) zipError = error;
      else chunks.push(chunk);
    });
    const addFile = (name: string, bytes: Uint8Array, compress = true) => {
      const file = compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
      zip.add(file);
      file.push(bytes, true);
    };

    const tables: Record<string, { rows: number; via: string }> = {};
    let rows = 0;
    for (const table of plan.tables) {
      const lines: string[] = [];
      await sql.unsafe<{ row: unknown }[]>(table.query, [organizationId]).cursor(500, (batch) => {
        for (const { row } of batch) lines.push(JSON.stringify(row));
      });
      tables[table.name] = { rows: lines.length, via: table.via };
      rows += lines.length;
      addFile(`tables/${table.name}.jsonl`, encoder.encode(lines.length ? `${lines.join('\n')}\n` : ''));
      await step();
    }
    const stored: { bucket: string; name: string; size: number }[] = [];
    // Rows whose bytes Storage does not have (never uploaded, or lost): listed, not fatal.
    const missing: { bucket: string; name: string }[] = [];
    for (const object of objects) {
      const bytes = await store.download(object).catch((error: unknown) => {
        if (error instanceof ObjectNotFound) return null;
        throw error;
      });
      if (!bytes) {
        missing.push(object);
        await step();
        continue;
      }
      // Stored objects are mostly images and PDFs: already compressed.
      addFile(`objects/${object.bucket}/${object.name}`, bytes, false);
      stored.push({ ...object, size: bytes.length });
      await step();
    }
    const manifest = {
      format: 'roost-organization-export/1',
      organizationId,
      exportId,
      createdAt: new Date().toISOString(),
      tables,
      omitted: plan.omitted,
      objects: stored,
      missingObjects: missing,
    };
    addFile('manifest.json', encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`));
    zip.end();
    if (zipError) throw zipError;
    const archive = concat(chunks);
    const objectName = `${organizationId}/${exportId}.zip`;
    await store.upload({ bucket: EXPORT_BUCKET, name: objectName }, archive, 'application/zip');
    await sql`
      update public.organization_exports
      set status = 'succeeded', progress = 100, object_name = ${objectName}, size_bytes = ${archive.length},
        rows_exported = ${rows}, objects_exported = ${stored.length}, finished_at = now()
      where id = ${exportId}`;
    return { status: 'succeeded', rows, objects: stored.length };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000) || 'failed';
    await sql`
      update public.organization_exports set status = 'failed', error = ${message}, finished_at = now()
      where id = ${exportId}`;
    return { status: 'failed', rows: 0, objects: 0 };
  }
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
