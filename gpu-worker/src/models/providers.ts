// Which ONNX Runtime execution provider runs Roost's models. ROOST_EXECUTION_PROVIDERS lists the preference
// (default "cuda,webgpu,cpu"); a provider is tried only when it can work here, the first whose session opens wins,
// and one log line per process says which runs and why the others did not.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { listSupportedBackends } from 'onnxruntime-node';
import { z } from 'zod';
import { ModelError } from './errors.ts';

export const executionProviderNames = ['cuda', 'webgpu', 'cpu'] as const;
export type ExecutionProviderName = (typeof executionProviderNames)[number];
export const defaultProviderPreference = 'cuda,webgpu,cpu';

const preferenceSchema = z.array(z.enum(executionProviderNames)).min(1);

/** "cuda, cpu" → ['cuda', 'cpu']; unknown names are a configuration error, not silently dropped. */
export function parseProviderPreference(
  value: string | undefined = defaultProviderPreference,
): ExecutionProviderName[] {
  const names = value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const parsed = preferenceSchema.safeParse(names);
  if (!parsed.success) {
    throw new ModelError(
      'invalid_execution_providers',
      `ROOST_EXECUTION_PROVIDERS="${value}": use a comma-separated list of ${executionProviderNames.join(', ')}`,
    );
  }
  return [...new Set(parsed.data)];
}

/**
 * onnxruntime-node bundles the CPU and WebGPU providers, but its install script downloads the CUDA provider
 * (libonnxruntime_providers_cuda.so + _shared.so) into bin/napi-v6/<platform>/<arch>/ — which Roost's .npmrc skips.
 * Without those files asking for CUDA only makes ORT log an error, so it is not tried.
 */
export function cudaProviderLibrariesPresent(): boolean {
  const binding = join(
    dirname(createRequire(import.meta.url).resolve('onnxruntime-node')),
    '..',
    'bin',
    'napi-v6',
    process.platform,
    process.arch,
  );
  return ['libonnxruntime_providers_cuda.so', 'libonnxruntime_providers_shared.so'].every((file) =>
    existsSync(join(binding, file)),
  );
}

export interface ProviderAvailability {
  cuda: () => boolean;
  webgpu: () => boolean;
}

const bundledBackends = (): string[] => listSupportedBackends().map((backend) => backend.name);

/**
 * On Linux, onnxruntime's WebGPU provider (Dawn) needs the Vulkan loader; without it the attempt can only fail
 * (and Dawn prints a warning), so it is not made.
 */
export function vulkanLoaderPresent(): boolean {
  if (process.platform !== 'linux') return true;
  const dirs = [
    ...(process.env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean),
    '/usr/lib/x86_64-linux-gnu',
    '/usr/lib/aarch64-linux-gnu',
    '/usr/lib64',
    '/usr/lib',
    '/usr/local/lib',
  ];
  return dirs.some((dir) => existsSync(join(dir, 'libvulkan.so.1')));
}

export const localAvailability: ProviderAvailability = {
  cuda: () => process.platform === 'linux' && cudaProviderLibrariesPresent(),
  webgpu: () => bundledBackends().includes('webgpu') && vulkanLoaderPresent(),
};

export interface ProviderChoice {
  /** Providers to try, in the preference's order; cpu is always among them. */
  candidates: ExecutionProviderName[];
  /** Providers of the preference left out, with the reason. */
  skipped: { provider: ExecutionProviderName; reason: string }[];
}

export function chooseExecutionProviders(
  preference: string | ExecutionProviderName[] | undefined = process.env.ROOST_EXECUTION_PROVIDERS,
  availability: ProviderAvailability = localAvailability,
): ProviderChoice {
  const wanted = Array.isArray(preference)
    ? parseProviderPreference(preference.join(','))
    : parseProviderPreference(preference);
  const candidates: ExecutionProviderName[] = [];
  const skipped: ProviderChoice['skipped'] = [];
  for (const provider of wanted) {
    if (provider === 'cuda' && !availability.cuda()) {
      skipped.push({ provider, reason: 'CUDA provider libraries not installed' });
    } else if (provider === 'webgpu' && !availability.webgpu()) {
      skipped.push({ provider, reason: 'no WebGPU backend here (onnxruntime-node build or Vulkan loader missing)' });
    } else candidates.push(provider);
  }
  // CPU always works, so it is the floor even when the preference leaves it out.
  if (!candidates.includes('cpu')) candidates.push('cpu');
  return { candidates, skipped };
}

export type ProviderLog = (line: string) => void;
let log: ProviderLog = (line) => process.stderr.write(`${line}\n`);

/** Routes the one provider line to the worker's logger (pino) instead of stderr. */
export function setProviderLog(next: ProviderLog): void {
  log = next;
}

export function logProviderChoice(active: ExecutionProviderName, choice: ProviderChoice, failures: string[]): void {
  const notes = [...choice.skipped.map((s) => `${s.provider} skipped: ${s.reason}`), ...failures];
  log(`onnxruntime execution provider: ${active}${notes.length ? ` (${notes.join('; ')})` : ''}`);
}
