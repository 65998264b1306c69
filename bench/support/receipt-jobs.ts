// OCR receipt jobs for the benchmarks (bench/worker, bench/scale): rendered receipt-like images
// whose text is known, staged in Storage outside the inbox (so no job is created on upload), then
// every job created in one transaction — so a queue measure times the workers (download, OCR,
// result rows), not the uploads.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Sql } from 'postgres';
import { textLines } from '../../gpu-worker/src/ocr/testing/corpus.ts';
import { renderLines } from '../../gpu-worker/src/ocr/testing/render.ts';

/** `count` PNGs of 8 text lines, 900 px wide; the same seed gives the same images. */
export async function receiptImages(count: number, seed: number): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) out.push(await renderLines(textLines(8, seed + i), { width: 900 }));
  return out;
}

/** Uploads the images to `documents` as `<base>/staged/<i>.png`; returns the object names. */
export async function stageReceipts(client: SupabaseClient, base: string, images: Uint8Array[]): Promise<string[]> {
  const names: string[] = [];
  for (const [i, bytes] of images.entries()) {
    const name = `${base}/staged/${i}.png`;
    const { error } = await client.storage.from('documents').upload(name, bytes, { contentType: 'image/png' });
    if (error) throw error;
    names.push(name);
  }
  return names;
}

/** One `ocr_receipt` job per staged object, all created in one transaction; returns the job ids. */
export async function queueReceiptJobs(
  sql: Sql,
  owner: { organizationId: string; propertyId: string },
  names: string[],
): Promise<string[]> {
  const rows = await sql.begin(
    (tx) =>
      tx`insert into public.jobs (organization_id, property_id, kind, input)
        select ${owner.organizationId}, ${owner.propertyId}, 'ocr_receipt', jsonb_build_object('bucket', 'documents', 'name', name)
        from unnest(${names}::text[]) as name returning id`,
  );
  return rows.map((row) => row.id as string);
}
