// Reads the SQL files that the local stack applies: platform bootstrap, migrations, seed.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SqlFile {
  name: string;
  path: string;
  content: string;
  sha256: string;
}

export function readSqlFile(path: string, name = path): SqlFile {
  const content = readFileSync(path, 'utf8');
  return { name, path, content, sha256: createHash('sha256').update(content).digest('hex') };
}

/** `*.sql` files of a folder in lexical order (which is version order for timestamped names). */
export function readSqlFolder(dir: string): SqlFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => readSqlFile(join(dir, name), name));
}
