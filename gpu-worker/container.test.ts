// The GPU worker's image without a Docker engine (decision 040): gpu-worker/Dockerfile's build run
// in a clean folder (scripts/container-check.ts), then its CMD started with only the environment
// `docker run -e` would give it, against a test database: it serves /health and /metrics, runs a
// job, and stops cleanly on SIGTERM.
import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type EmulatedImage, emulateBuild, repoRoot, startImage } from '../scripts/container-check.ts';
import { useTestStack } from '../supabase/local/testing/test-stack.ts';
import { freePort } from '../supabase/local/throwaway.ts';
import { createSmallTenant, insertJob, waitFor, waitForStatus } from './src/jobs/testing/support.ts';

const stack = useTestStack();
let image: EmulatedImage | undefined;
let worker: ChildProcess | undefined;

afterAll(() => {
  worker?.kill('SIGKILL');
  if (image) rmSync(join(image.root, '..'), { recursive: true, force: true });
});

describe('the GPU worker image, built and started in a clean folder', () => {
  it('holds only what it runs, serves health and metrics, runs a job and stops on SIGTERM', async () => {
    image = emulateBuild(join(repoRoot, 'gpu-worker', 'Dockerfile'));
    const app = join(image.root, image.workdir);
    expect(readdirSync(app).sort()).toEqual(['gpu-worker', 'models', 'node_modules', 'package.json', 'shared']);
    expect(existsSync(join(app, 'node_modules', 'vitest')), 'no test tools').toBe(false);
    expect(
      readdirSync(join(app, 'gpu-worker', 'src'), { recursive: true }).some((f) => String(f).endsWith('.test.ts')),
    ).toBe(false);
    expect(image.env).toMatchObject({ ROOST_EXECUTION_PROVIDERS: 'cuda,cpu', ROOST_WORKER_METRICS_HOST: '0.0.0.0' });

    const tenant = await createSmallTenant(stack.admin, 'image');
    const port = await freePort();
    worker = startImage(image, {
      SUPABASE_URL: stack.url,
      SUPABASE_SECRET_KEY: stack.keys.secret_key,
      SUPABASE_DB_URL: stack.dbUrl,
      ROOST_WORKER_METRICS_PORT: String(port),
      ROOST_WORKER_METRICS_HOST: '127.0.0.1',
      ROOST_WORKER_KINDS: 'no_show_risk',
      ROOST_WEBHOOKS: 'off',
      ROOST_LOG_LEVEL: 'warn',
    });
    let output = '';
    worker.stdout?.on('data', (chunk: Buffer) => (output += chunk));
    worker.stderr?.on('data', (chunk: Buffer) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => worker?.once('exit', (code) => resolve(code)));
    await waitFor(
      "the worker's health",
      () =>
        fetch(`http://127.0.0.1:${port}/health`).then(
          (response) => response.ok || undefined,
          () => undefined,
        ),
      60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${output}`);
    });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/^# HELP /m);
    // A property without history: the no-show model refuses it, a final answer from the image's code.
    const id = await insertJob(stack.admin, { ...tenant }, 'no_show_risk', { horizonDays: 14 });
    const done = await waitForStatus(stack.admin, id, ['succeeded', 'failed', 'dead'], 60_000);
    expect(done.error?.code, output).toBe('insufficient_history');
    worker.kill('SIGTERM');
    expect(await exited, output).toBe(0);
  }, 180_000);
});
