#!/usr/bin/env node
// Zero-dependency pre-step behind every npm script. It runs on whatever Node (>= 20) started
// npm, makes sure the project's own pieces are installed (npm packages, the pinned Node 24,
// PostgreSQL >= 15 server binaries), then hands over to the real task on the pinned Node.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { denoSources } from './deno-sources.mjs';
import { findPostgresBin, installPostgresHint } from './postgres-bin.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = '/usr/bin/chromium';

/** What each npm script runs once its prerequisites are in place. */
const tasks = {
  start: { postgres: true, argv: ['supabase/local/cli.ts', 'start'] },
  db: { postgres: true, argv: ['supabase/local/cli.ts'] },
  test: {
    postgres: true,
    // The JSON report feeds the one-line summary CI reads (printTestSummary).
    argv: [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=.roost/test-results.json',
    ],
  },
  bench: { postgres: true, argv: ['bench/run.ts'] },
  // web/ has its own tsconfig (DOM, JSX, bundler resolution): `typecheck` runs both (sequences).
  'typecheck-root': { postgres: false, argv: ['node_modules/typescript/bin/tsc', '-p', '.', '--noEmit'] },
  'typecheck-web': { postgres: false, argv: ['node_modules/typescript/bin/tsc', '-p', 'web', '--noEmit'] },
  lint: { postgres: false, argv: ['node_modules/@biomejs/biome/bin/biome', 'check', '.'] },
  // Deno code is outside tsc's reach (tsconfig excludes it: Deno globals, npm: specifiers), so the
  // pinned Deno type-checks it: the edge functions and the local runtime's own Deno files.
  'deno-check': {
    postgres: false,
    bin: 'node_modules/.bin/deno',
    argv: () => ['check', ...denoSources(root)],
    env: { DENO_NO_UPDATE_CHECK: '1' },
  },
};

/** Tasks that run others in turn, stopping at the first failure. */
const sequences = {
  validate: ['lint', 'typecheck', 'deno-check', 'test'],
  typecheck: ['typecheck-root', 'typecheck-web'],
};

function fail(sentence) {
  process.stderr.write(`\nroost: ${sentence}\n`);
  process.exit(1);
}

function run(cmd, args, env = process.env) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (result.error) fail(`could not run ${cmd}: ${result.error.message}`);
  return result.status ?? 1;
}

function checkHostNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 20)
    fail(
      `Node ${process.versions.node} is too old to bootstrap Roost; install Node 20 or newer (the project then pins Node 24 itself).`,
    );
}

/** Installs npm dependencies when node_modules is missing or older than the lockfile. */
function ensureNpmDependencies() {
  const lock = join(root, 'package-lock.json');
  const installed = join(root, 'node_modules', '.package-lock.json');
  const pinnedNode = join(root, 'node_modules', '.bin', 'node');
  const stale =
    !existsSync(installed) || !existsSync(pinnedNode) || statSync(installed).mtimeMs < statSync(lock).mtimeMs;
  if (!stale) return;
  process.stderr.write('roost: installing npm dependencies…\n');
  // `npm install`, not `npm ci`: the lockfile holds only the platform packages the registry
  // serves for this platform, and npm ci refuses a lockfile without the others.
  // Approved install scripts (package.json allowScripts) fetch the pinned Node and Deno binaries.
  const status = run('npm', ['install', '--no-audit', '--no-fund']);
  if (status !== 0) fail('npm could not install the dependencies; see the npm output above.');
}

/** Finds PostgreSQL >= 15 server binaries, installing them with apt-get as root on Debian/Ubuntu. */
function ensurePostgres() {
  let bin = findPostgresBin();
  if (bin) return bin;
  const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canApt) fail(installPostgresHint());
  process.stderr.write('roost: PostgreSQL server not found; installing it with apt-get…\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (
    run('apt-get', ['update', '-qq'], env) !== 0 ||
    run('apt-get', ['install', '-y', '-qq', 'postgresql'], env) !== 0
  ) {
    fail('apt-get could not install postgresql; install PostgreSQL 15 or newer and try again.');
  }
  bin = findPostgresBin();
  if (!bin) fail(installPostgresHint());
  return bin;
}

/**
 * Debian's Chromium for the browser tests (web/e2e/, playwright-core drives it; no browser is
 * downloaded): installed with apt-get as root when missing, else the tests say what to install.
 */
function ensureChromium() {
  if (existsSync(CHROMIUM) || process.env.ROOST_CHROMIUM) return;
  const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canApt) {
    process.stderr.write(
      `roost: ${CHROMIUM} not found; the browser tests need Chromium (set ROOST_CHROMIUM to its path).\n`,
    );
    return;
  }
  process.stderr.write('roost: Chromium not found; installing it with apt-get…\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], env) !== 0 || run('apt-get', ['install', '-y', '-qq', 'chromium'], env) !== 0) {
    fail('apt-get could not install chromium; install it (or set ROOST_CHROMIUM) and try again.');
  }
}

/**
 * Debian's PgBouncer: the tests and bench/scale put it in transaction mode in front of the test
 * cluster, as Supabase's Supavisor runs port 6543 (decision 040). Installed like Chromium.
 */
function ensurePgbouncer() {
  if (existsSync('/usr/sbin/pgbouncer') || process.env.ROOST_PGBOUNCER) return;
  const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canApt) {
    process.stderr.write(
      'roost: /usr/sbin/pgbouncer not found; the pooler tests need PgBouncer (set ROOST_PGBOUNCER).\n',
    );
    return;
  }
  process.stderr.write('roost: PgBouncer not found; installing it with apt-get…\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (
    run('apt-get', ['update', '-qq'], env) !== 0 ||
    run('apt-get', ['install', '-y', '-qq', 'pgbouncer'], env) !== 0
  ) {
    fail('apt-get could not install pgbouncer; install it (or set ROOST_PGBOUNCER) and try again.');
  }
  // The package enables a system service on port 6432; Roost starts its own poolers only.
  spawnSync('systemctl', ['disable', '--now', 'pgbouncer'], { stdio: 'ignore' });
}

function main() {
  const [name, ...rest] = process.argv.slice(2);
  checkHostNode();
  ensureNpmDependencies();
  const steps = sequences[name];
  if (steps) {
    for (const step of steps) {
      const status = run(process.execPath, [fileURLToPath(import.meta.url), step]);
      if (status !== 0) process.exit(status);
    }
    return;
  }
  const task = tasks[name];
  if (!task)
    fail(`unknown task "${name}"; expected one of ${[...Object.keys(tasks), ...Object.keys(sequences)].join(', ')}.`);
  const env = {
    ...process.env,
    PATH: `${join(root, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`,
  };
  if (task.postgres) env.ROOST_PG_BIN = ensurePostgres();
  if (name === 'test') ensureChromium();
  if (name === 'test' || name === 'bench') ensurePgbouncer();
  Object.assign(env, task.env);
  const command = join(root, task.bin ?? 'node_modules/.bin/node');
  const argv = typeof task.argv === 'function' ? task.argv() : task.argv;
  if (name === 'test') rmSync(join(root, '.roost', 'test-results.json'), { force: true });
  const child = spawn(command, [...argv, ...rest], { cwd: root, stdio: 'inherit', env });
  // Forward Ctrl-C/SIGTERM to the task; it shuts its services down cleanly and we exit with it.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  // npm does not pass a SIGTERM on through its shell: when our parent goes away, stop the task.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && child.kill('SIGTERM'), 1000).unref();
  child.on('exit', (code, signal) => {
    if (name === 'test') printTestSummary();
    process.exit(code ?? (signal ? 128 : 1));
  });
}

/** Closes a test run with the plain line CI looks for: "N passed, N failed[, N skipped]". */
function printTestSummary() {
  const file = join(root, '.roost', 'test-results.json');
  if (!existsSync(file)) return;
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    process.stdout.write(`\n${report.numPassedTests} passed, ${report.numFailedTests} failed${tail}\n`);
  } catch {
    // No summary line is better than a wrong one.
  } finally {
    rmSync(file, { force: true });
  }
}

main();
