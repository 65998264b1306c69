// Locates PostgreSQL server binaries (initdb, pg_ctl, postgres) of version 15 or newer.
// Zero-dependency so that the pre-step can use it before npm packages exist.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const MIN_MAJOR = 15;
const REQUIRED = ['initdb', 'pg_ctl', 'postgres'];

function majorVersionOf(binDir) {
  if (!REQUIRED.every((name) => existsSync(join(binDir, name)))) return 0;
  try {
    const out = execFileSync(join(binDir, 'postgres'), ['--version'], { encoding: 'utf8' });
    const match = /\(PostgreSQL\)\s+(\d+)/.exec(out);
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

function versionedDirs(parent, pattern) {
  if (!existsSync(parent)) return [];
  return readdirSync(parent)
    .filter((name) => pattern.test(name))
    .map((name) => join(parent, name, 'bin'));
}

function candidateDirs() {
  const fromEnv = process.env.ROOST_PG_BIN ? [process.env.ROOST_PG_BIN] : [];
  return [
    ...fromEnv,
    ...versionedDirs('/usr/lib/postgresql', /^\d+$/),
    ...versionedDirs('/opt/homebrew/opt', /^postgresql(@\d+)?$/),
    ...versionedDirs('/usr/local/opt', /^postgresql(@\d+)?$/),
    ...(process.env.PATH ?? '').split(delimiter).filter(Boolean),
    '/opt/homebrew/bin',
    '/usr/local/bin',
    '/usr/pgsql-17/bin',
    '/usr/pgsql-16/bin',
    '/usr/pgsql-15/bin',
  ];
}

/** The newest directory holding PostgreSQL >= 15 server binaries, or null. */
export function findPostgresBin() {
  let best = null;
  let bestMajor = 0;
  for (const dir of new Set(candidateDirs())) {
    const major = majorVersionOf(dir);
    if (major >= MIN_MAJOR && major > bestMajor) {
      best = dir;
      bestMajor = major;
    }
  }
  return best;
}

export function installPostgresHint() {
  return (
    `PostgreSQL ${MIN_MAJOR} or newer server binaries (initdb, pg_ctl, postgres) were not found; ` +
    'install them (Debian/Ubuntu: "sudo apt-get install postgresql", macOS: "brew install postgresql@16") ' +
    'or set ROOST_PG_BIN to their folder.'
  );
}
