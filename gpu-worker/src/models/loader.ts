// Loads the manifest's models: reads the file once, checks its sha256 against the manifest (a mismatch or an absent
// file is refused with a stable code), and opens one InferenceSession per model per process from those very bytes,
// so what runs is what was verified.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { InferenceSession } from 'onnxruntime-node';
import { ModelError } from './errors.ts';
import { defaultManifestPath, findEntry, type ManifestEntry, readManifest, resolveEntryFile } from './manifest.ts';
import {
  chooseExecutionProviders,
  type ExecutionProviderName,
  logProviderChoice,
  type ProviderAvailability,
} from './providers.ts';

export { ModelError } from './errors.ts';
export type { ManifestEntry } from './manifest.ts';
export type { ExecutionProviderName } from './providers.ts';

export interface LoadModelOptions {
  /** Preference order; default from ROOST_EXECUTION_PROVIDERS, then "cuda,webgpu,cpu". */
  providers?: ExecutionProviderName[];
  /** Another manifest (tests point at a copy in a temporary folder). */
  manifestPath?: string;
}

export interface LoadedModel {
  session: InferenceSession;
  entry: ManifestEntry;
  provider: string;
}

/** Reads an entry's file and checks it against the manifest's sha256. */
export async function readVerifiedFile(
  name: string,
  manifestPath: string = defaultManifestPath,
): Promise<{ bytes: Uint8Array; entry: ManifestEntry }> {
  const manifest = readManifest(manifestPath);
  const entry = findEntry(manifest, name);
  const path = resolveEntryFile(manifest, entry);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new ModelError('model_missing', `model "${name}": cannot read ${path}: ${(error as Error).message}`);
  }
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== entry.sha256) {
    throw new ModelError(
      'model_checksum_mismatch',
      `model "${name}": ${path} has sha256 ${actual}, the manifest expects ${entry.sha256}; refusing to load it`,
    );
  }
  return { bytes, entry };
}

const sessions = new Map<string, Promise<LoadedModel>>();

export function loadModel(name: string, options: LoadModelOptions = {}): Promise<LoadedModel> {
  const manifestPath = options.manifestPath ?? defaultManifestPath;
  const key = `${manifestPath}\u0000${name}`;
  let loading = sessions.get(key);
  if (!loading) {
    loading = (async () => {
      const { bytes, entry } = await readVerifiedFile(name, manifestPath);
      if (entry.kind !== 'onnx')
        throw new ModelError('model_missing', `"${name}" is a ${entry.kind}, not an ONNX model`);
      const { session, provider } = await openSession(bytes, options.providers);
      return { session, entry, provider };
    })();
    // A failed load is not cached: the next call tries again (the file may have been reinstalled).
    loading.catch(() => sessions.delete(key));
    sessions.set(key, loading);
  }
  return loading;
}

/** Sessions for models Roost trains itself (the forecast and no-show models), on the same provider choice. */
export async function createSessionFromBytes(
  bytes: Uint8Array,
  providers?: ExecutionProviderName[],
): Promise<InferenceSession> {
  return (await openSession(bytes, providers)).session;
}

export interface OpenSessionSeams {
  create?: (bytes: Uint8Array, options: InferenceSession.SessionOptions) => Promise<InferenceSession>;
  availability?: ProviderAvailability;
}

const failedProviders = new Map<ExecutionProviderName, string>();

/** Tries the chosen providers in order; a provider that failed once in this process is not tried again. */
export async function openSession(
  bytes: Uint8Array,
  providers?: ExecutionProviderName[],
  seams: OpenSessionSeams = {},
): Promise<{ session: InferenceSession; provider: ExecutionProviderName }> {
  const create = seams.create ?? ((b, o) => InferenceSession.create(b, o));
  const choice = chooseExecutionProviders(providers, seams.availability);
  const failures: string[] = [];
  for (const provider of choice.candidates) {
    const known = failedProviders.get(provider);
    if (known) {
      failures.push(`${provider} failed: ${known}`);
      continue;
    }
    try {
      const session = await create(bytes, {
        executionProviders: provider === 'cpu' ? ['cpu'] : [provider, 'cpu'],
        // ONNX Runtime's thread pool busy-waits between ops by default; the worker shares its cores with
        // PostgreSQL and the gateway, and measured 17% faster (and 19% less CPU) without spinning under load.
        extra: { session: { intra_op: { allow_spinning: '0' } } },
      });
      announce(provider, choice, failures);
      return { session, provider };
    } catch (error) {
      const reason = firstLine((error as Error).message);
      // A CPU failure is the model's or the input's, not the provider's: it is not remembered.
      if (provider !== 'cpu') failedProviders.set(provider, reason);
      failures.push(`${provider} failed: ${reason}`);
    }
  }
  throw new ModelError('no_execution_provider', `cannot open an ONNX session: ${failures.join('; ')}`);
}

let announced = '';

/** Forgets which providers failed and which was announced (tests of the fallback). */
export function forgetProviderChoices(): void {
  failedProviders.clear();
  announced = '';
}
function announce(
  provider: ExecutionProviderName,
  choice: ReturnType<typeof chooseExecutionProviders>,
  failures: string[],
) {
  // One line per process, repeated only if a later model ends up on a different provider.
  if (announced === provider) return;
  announced = provider;
  logProviderChoice(provider, choice, failures);
}

function firstLine(message: string): string {
  const line = message.split('\n').find((part) => part.trim()) ?? message;
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** Disposes every cached session (worker shutdown, tests). */
export async function releaseModels(): Promise<void> {
  const loaded = await Promise.allSettled([...sessions.values()]);
  sessions.clear();
  for (const result of loaded) if (result.status === 'fulfilled') await result.value.session.release();
}
