// The Dockerfiles without a Docker engine (decision 040): both keep the image rules, and the web
// app's build runs in a clean folder from what the Dockerfile copies and its result serves pages
// on the local Node. The worker's image is started against a database in
// gpu-worker/container.test.ts.
import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../supabase/local/throwaway.ts';
import {
  dockerignoreFilter,
  type EmulatedImage,
  emulateBuild,
  imageProblems,
  lockClosure,
  repoRoot,
  startImage,
} from './container-check.ts';

const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
const dockerignore = read('.dockerignore');
const lock = JSON.parse(read('package-lock.json'));

describe('the Dockerfiles', () => {
  it.each(['web/Dockerfile', 'gpu-worker/Dockerfile'])('%s keeps the image rules', (file) => {
    expect(imageProblems(read(file), dockerignore)).toEqual([]);
  });

  it('are refused when they break a rule', () => {
    const bad = 'FROM node:24\nENV SUPABASE_SECRET_KEY=sb_secret_x\nCOPY .env .env\nCMD node server.js\n';
    expect(imageProblems(bad, '.git\n')).toEqual([
      'not multi-stage: build tools would ship in the image',
      'the final stage does not switch to a non-root USER',
      'no exec-form CMD (a shell would not pass SIGTERM on)',
      'no HEALTHCHECK',
      'line 2: SUPABASE_SECRET_KEY is set in the image',
      'line 3: copies an env file',
      '.dockerignore does not exclude .roost',
      '.dockerignore does not exclude **/.env',
      '.dockerignore does not exclude **/.env.*',
      '.dockerignore does not exclude **/node_modules',
    ]);
  });

  it('build from a context without local state, keys, env files or installed packages', () => {
    const ignored = dockerignoreFilter(dockerignore);
    for (const path of [
      '.roost/keys.json',
      '.env',
      'functions/.env',
      'web/node_modules/x',
      'node_modules/zod',
      '.git/HEAD',
    ]) {
      expect(ignored(path), path).toBe(true);
    }
    for (const path of ['web/server.ts', 'shared/settings.ts', 'package-lock.json', 'gpu-worker/src/main.ts']) {
      expect(ignored(path), path).toBe(false);
    }
  });

  it('install only runtime packages in the images that run', () => {
    const web = lockClosure(lock, { workspaces: ['web'], includeRoot: true, omitDev: true });
    expect(web).toContain('node_modules/@remix-run/node');
    expect(web).not.toContain('node_modules/vite');
    expect(web).not.toContain('node_modules/vitest');
    const worker = lockClosure(lock, { workspaces: ['gpu-worker'], includeRoot: true, omitDev: true });
    expect(worker).toEqual(expect.arrayContaining(['node_modules/pg-boss', 'node_modules/onnxruntime-node']));
    expect(worker).not.toContain('node_modules/@gutenye/ocr-node');
    const build = lockClosure(lock, { workspaces: ['web'], includeRoot: true, omitDev: false });
    expect(build).toContain('node_modules/vite');
  });
});

describe('the web image, built and started in a clean folder', () => {
  let image: EmulatedImage | undefined;
  let server: ChildProcess | undefined;
  afterAll(() => {
    server?.kill('SIGKILL');
    if (image) rmSync(join(image.root, '..'), { recursive: true, force: true });
  }, 120_000);

  it('builds, holds no secret or local state, and serves pages as its user would run it', async () => {
    image = emulateBuild(join(repoRoot, 'web', 'Dockerfile'));
    const app = join(image.root, image.workdir);
    expect(readdirSync(app).sort()).toEqual(['node_modules', 'package.json', 'shared', 'web']);
    expect(existsSync(join(app, 'web', 'build', 'server', 'index.js')), 'the production bundle').toBe(true);
    expect(existsSync(join(app, 'node_modules', 'vite')), 'no build tools at run time').toBe(false);
    expect(existsSync(join(app, '.roost')) || existsSync(join(app, '.env'))).toBe(false);
    const port = await freePort();
    server = startImage(image, {
      // What `docker run -e` gives it: a project (none is contacted to render the sign-in page).
      SUPABASE_URL: 'http://127.0.0.1:9',
      SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_container_check',
      SUPABASE_SECRET_KEY: 'sb_secret_container_check',
      SUPABASE_DB_URL: 'postgres://roost:unused@127.0.0.1:9/postgres',
      ROOST_WEB_PORT: String(port),
      ROOST_WEB_HOST: '127.0.0.1',
    });
    let output = '';
    server.stdout?.on('data', (chunk: Buffer) => (output += chunk));
    server.stderr?.on('data', (chunk: Buffer) => (output += chunk));
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    let health = 0;
    while (Date.now() < deadline && health !== 200) {
      health = await fetch(`${url}/resources/healthcheck`).then(
        (response) => response.status,
        () => 0,
      );
      if (health !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(health, output).toBe(200);
    const page = await fetch(`${url}/sign-in`);
    expect(page.status, output).toBe(200);
    expect(await page.text()).toContain('sb_publishable_container_check');
    expect(image.notes.join('\n')).toMatch(/npm ci stood in for/);
  }, 300_000);
});
