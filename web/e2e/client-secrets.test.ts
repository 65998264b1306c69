// Secrets never reach a browser: the client build (what web/build/client serves) holds none of
// this installation's secret keys, nor the marks of any secret key. The `web` project's global
// setup has just built it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureLocalKeys } from '../../supabase/local/keys.ts';

const clientDir = join(import.meta.dirname, '..', process.env.ROOST_WEB_BUILD_DIR ?? 'build', 'client');

function clientFiles(dir = clientDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? clientFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('the web client build', () => {
  it('holds no secret key of the installation', async () => {
    const keys = await ensureLocalKeys();
    const secrets: Record<string, string> = {
      secret_key: keys.secret_key,
      service_role_key: keys.service_role_key,
      jwt_secret: keys.jwt_secret,
      ...Object.fromEntries(keys.signing_keys.map((key, i) => [`signing_keys[${i}].d`, key.d])),
    };
    const files = clientFiles();
    expect(
      files.some((file) => file.endsWith('.js')),
      'the build has scripts',
    ).toBe(true);
    const hits: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const [name, value] of Object.entries(secrets)) if (text.includes(value)) hits.push(`${name} in ${file}`);
      // Any secret key's shape (supabase-js itself holds the bare prefix, to tell keys apart).
      for (const mark of [
        /sb_secret_[A-Za-z0-9_-]{8,}/,
        /SUPABASE_SECRET_KEY/,
        /SUPABASE_SERVICE_ROLE_KEY/,
        /SUPABASE_DB_URL/,
      ]) {
        if (mark.test(text)) hits.push(`${mark.source} in ${file}`);
      }
    }
    expect(hits).toEqual([]);
  });
});
