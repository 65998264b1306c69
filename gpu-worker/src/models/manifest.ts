// models/manifest.json: the pretrained files Roost runs, validated with zod, and where each file lies on disk.
// Files are named `<npm package>/<path inside it>`; they are resolved by walking up to the node_modules that holds the
// package (the packages' `exports` maps hide their assets from require.resolve).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ModelError } from './errors.ts';

const tensorSpec = z.object({
  name: z.string().min(1),
  type: z.enum(['float32', 'int64', 'int32', 'uint8', 'string']),
  shape: z.array(z.union([z.number().int().nonnegative(), z.string().min(1)])),
});

export const manifestEntrySchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  version: z.string().min(1),
  kind: z.enum(['onnx', 'dictionary']),
  file: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  source: z.object({ package: z.string().min(1), version: z.string().min(1), upstream: z.string().optional() }),
  licence: z.object({ package: z.string().min(1), weights: z.string().min(1) }),
  inputs: z.array(tensorSpec),
  outputs: z.array(tensorSpec),
  preprocessing: z.string(),
  postprocessing: z.string(),
});

export const manifestSchema = z.object({
  $comment: z.string().optional(),
  models: z.array(manifestEntrySchema).min(1),
});

export type ManifestEntry = z.infer<typeof manifestEntrySchema>;
export type Manifest = z.infer<typeof manifestSchema> & { path: string };

/** models/manifest.json of this checkout. */
export const defaultManifestPath = resolve(dirname(fileURLToPath(import.meta.url)), '../../../models/manifest.json');

const cache = new Map<string, Manifest>();

export function readManifest(path: string = defaultManifestPath): Manifest {
  const cached = cache.get(path);
  if (cached) return cached;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ModelError('manifest_invalid', `cannot read model manifest ${path}: ${(error as Error).message}`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ModelError('manifest_invalid', `model manifest ${path} is invalid: ${z.prettifyError(parsed.error)}`);
  }
  const manifest = { ...parsed.data, path };
  cache.set(path, manifest);
  return manifest;
}

export function findEntry(manifest: Manifest, name: string): ManifestEntry {
  const entry = manifest.models.find((model) => model.name === name);
  if (!entry) throw new ModelError('model_missing', `model "${name}" is not listed in ${manifest.path}`);
  return entry;
}

/**
 * Absolute path of an entry's file: absolute paths and `./relative` paths (to the manifest) as they are, otherwise
 * `<package>/<path>` looked up in the node_modules folders above the manifest.
 */
export function resolveEntryFile(manifest: Manifest, entry: ManifestEntry): string {
  if (isAbsolute(entry.file)) return entry.file;
  const base = dirname(manifest.path);
  if (entry.file.startsWith('./') || entry.file.startsWith('../')) return resolve(base, entry.file);
  for (let dir = base; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', entry.file);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) break;
  }
  throw new ModelError(
    'model_missing',
    `model "${entry.name}": ${entry.file} was not found in any node_modules above ${base} (is ${entry.source.package}@${entry.source.version} installed?)`,
  );
}
