// `npm run bench -- <name>`: runs bench/<name>/index.ts and writes bench/results/<name>.json as
// { name, date, machine, metrics, ratios } (numbers only; units in the keys).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchResult {
  metrics: Record<string, number>;
  ratios: Record<string, number>;
  /** Extra JSON files written beside the result (query plans, samples): name → content. */
  attachments?: Record<string, unknown>;
}

const name = process.argv[2] ?? '';
if (!/^[a-z0-9-]+$/.test(name)) {
  process.stderr.write('usage: npm run bench -- <name>   (a folder under bench/)\n');
  process.exit(2);
}
const benchDir = dirname(fileURLToPath(import.meta.url));
const { run } = (await import(join(benchDir, name, 'index.ts'))) as { run: () => Promise<BenchResult> };
const result = await run();
const resultsDir = join(benchDir, 'results');
mkdirSync(resultsDir, { recursive: true });
const machine = `${cpus().length}x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`;
const file = join(resultsDir, `${name}.json`);
writeFileSync(
  file,
  `${JSON.stringify({ name, date: new Date().toISOString(), machine, metrics: result.metrics, ratios: result.ratios }, null, 2)}\n`,
);
for (const [attachment, content] of Object.entries(result.attachments ?? {})) {
  writeFileSync(join(resultsDir, `${name}.${attachment}.json`), `${JSON.stringify(content, null, 2)}\n`);
}
process.stdout.write(`\n${name}: wrote ${file}\n`);
for (const [key, value] of Object.entries(result.ratios)) process.stdout.write(`  ${key} = ${value}\n`);
