import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InferenceSession } from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { forgetProviderChoices, loadModel, openSession, releaseModels } from './loader.ts';
import { defaultManifestPath, findEntry, readManifest, resolveEntryFile } from './manifest.ts';
import { chooseExecutionProviders, parseProviderPreference, setProviderLog } from './providers.ts';

const dir = mkdtempSync(join(tmpdir(), 'roost-models-'));
afterAll(async () => {
  await releaseModels();
  rmSync(dir, { recursive: true, force: true });
});

/** A manifest in a temporary folder whose detection entry points at `file` (relative to that folder). */
function manifestWith(name: string, file: string): string {
  const manifest = readManifest();
  const entry = { ...findEntry(manifest, 'ppocr-v4-det'), file: `./${file}` };
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify({ models: [entry] }));
  return path;
}

describe('model manifest and loader', () => {
  it('lists every model with a file that exists and matches its sha256', async () => {
    const manifest = readManifest();
    expect(
      manifest.models.map((m) => m.name),
      'the OCR models and dictionary are listed',
    ).toEqual(['ppocr-v4-det', 'ppocr-v4-rec', 'ppocr-keys-v1']);
    const det = await loadModel('ppocr-v4-det', { providers: ['cpu'] });
    expect(det.provider, 'cpu was asked for').toBe('cpu');
    expect(det.session.inputNames, 'the session is the manifest’s model').toEqual(['x']);
    expect(det.session.outputNames).toEqual(det.entry.outputs.map((o) => o.name));
    const again = await loadModel('ppocr-v4-det', { providers: ['cpu'] });
    expect(again.session, 'one session per model per process').toBe(det.session);
  });

  it('refuses a model file whose bytes differ from the manifest’s sha256', async () => {
    const original = resolveEntryFile(readManifest(), findEntry(readManifest(), 'ppocr-v4-det'));
    copyFileSync(original, join(dir, 'det-intact.onnx'));
    const intact = await loadModel('ppocr-v4-det', {
      providers: ['cpu'],
      manifestPath: manifestWith('intact', 'det-intact.onnx'),
    });
    expect(intact.session.inputNames, 'an unchanged copy loads from the temporary manifest').toEqual(['x']);

    const bytes = readFileSync(original);
    bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] as number) ^ 0x01;
    writeFileSync(join(dir, 'det-flipped.onnx'), bytes);
    const flipped = loadModel('ppocr-v4-det', {
      providers: ['cpu'],
      manifestPath: manifestWith('flipped', 'det-flipped.onnx'),
    });
    await expect(flipped, 'one flipped bit is refused before ONNX Runtime sees the file').rejects.toMatchObject({
      code: 'model_checksum_mismatch',
      message: expect.stringContaining('refusing to load it'),
    });
  });

  it('says model_missing for an absent file or an unknown model', async () => {
    await expect(
      loadModel('ppocr-v4-det', { manifestPath: manifestWith('missing', 'not-there.onnx') }),
      'a listed file that is not on disk',
    ).rejects.toMatchObject({ code: 'model_missing' });
    await expect(loadModel('no-such-model'), 'a name the manifest does not list').rejects.toMatchObject({
      code: 'model_missing',
    });
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ models: [{ name: 'x' }] }));
    await expect(loadModel('x', { manifestPath: join(dir, 'bad.json') }), 'an invalid manifest').rejects.toMatchObject({
      code: 'manifest_invalid',
    });
    expect(defaultManifestPath.endsWith(join('models', 'manifest.json'))).toBe(true);
  });
});

describe('execution providers', () => {
  it('parses ROOST_EXECUTION_PROVIDERS and rejects unknown names', () => {
    expect(parseProviderPreference(' CUDA, cpu ')).toEqual(['cuda', 'cpu']);
    expect(() => parseProviderPreference('tpu,cpu'), 'an unknown provider is a configuration error').toThrow(
      expect.objectContaining({ code: 'invalid_execution_providers' }),
    );
  });

  it('skips cuda without its provider libraries, keeps the preference order and always includes cpu', () => {
    const choice = chooseExecutionProviders('cuda,webgpu', { cuda: () => false, webgpu: () => true });
    expect(choice.candidates, 'cuda is left out, cpu is the floor').toEqual(['webgpu', 'cpu']);
    expect(choice.skipped).toEqual([{ provider: 'cuda', reason: 'CUDA provider libraries not installed' }]);
    const everything = { cuda: () => true, webgpu: () => true };
    expect(parseProviderPreference(), 'the default preference').toEqual(['cuda', 'webgpu', 'cpu']);
    expect(chooseExecutionProviders('cuda,webgpu,cpu', everything).candidates).toEqual(['cuda', 'webgpu', 'cpu']);
    expect(chooseExecutionProviders('cpu,cuda', everything).candidates, 'an operator may prefer cpu').toEqual([
      'cpu',
      'cuda',
    ]);
  });

  it('falls back to the next provider when a session cannot open, and logs one line saying which runs', async () => {
    const lines: string[] = [];
    setProviderLog((line) => lines.push(line));
    const tried: string[] = [];
    const fake = { inputNames: ['x'] } as unknown as InferenceSession;
    const create = async (_bytes: Uint8Array, options: InferenceSession.SessionOptions) => {
      const provider = String(options.executionProviders?.[0]);
      tried.push(provider);
      if (provider === 'webgpu') throw new Error('Failed to get a WebGPU adapter: No supported adapters');
      return fake;
    };
    const seams = { create, availability: { cuda: () => false, webgpu: () => true } };
    forgetProviderChoices();
    const opened = await openSession(new Uint8Array([1]), ['webgpu', 'cpu'], seams);
    expect(opened.provider, 'webgpu failed, so cpu runs').toBe('cpu');
    expect(tried).toEqual(['webgpu', 'cpu']);
    expect(lines, 'exactly one log line').toHaveLength(1);
    expect(lines[0]).toMatch(/^onnxruntime execution provider: cpu \(.*webgpu failed: Failed to get a WebGPU adapter/);

    const second = await openSession(new Uint8Array([1]), ['webgpu', 'cpu'], seams);
    expect(second.provider).toBe('cpu');
    expect(tried, 'a provider that failed is not tried again in this process').toEqual(['webgpu', 'cpu', 'cpu']);
    expect(lines, 'no second line for the same provider').toHaveLength(1);
    setProviderLog((line) => process.stderr.write(`${line}\n`));
    forgetProviderChoices();
  });
});
