import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browserSettings, SettingsError } from '../../shared/settings.ts';
import { loadProjectEnv, writeLocalProjectEnv } from './project-env.ts';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'roost-env-'));
  file = join(dir, 'project-env.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const production = {
  SUPABASE_URL: 'https://abc.supabase.co/',
  SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_abc',
  SUPABASE_SECRET_KEY: 'sb_secret_abc',
  SUPABASE_DB_URL: 'postgresql://postgres:pw@db.abc.supabase.co:5432/postgres',
};

describe('project env', () => {
  it('reads a real project from the environment, never mixing in the local file', () => {
    writeLocalProjectEnv({ ...production, SUPABASE_URL: 'http://127.0.0.1:54321' }, file);
    const env = loadProjectEnv(production, file);
    expect(env.SUPABASE_URL).toBe('https://abc.supabase.co');
    expect(env.clientKey).toBe('sb_publishable_abc');
    expect(env.serverKey).toBe('sb_secret_abc');
    expect(browserSettings(env)).toEqual({
      SUPABASE_URL: 'https://abc.supabase.co',
      SUPABASE_KEY: 'sb_publishable_abc',
    });
  });

  it('accepts the legacy key names', () => {
    const env = loadProjectEnv(
      {
        ...production,
        SUPABASE_PUBLISHABLE_KEY: '',
        SUPABASE_SECRET_KEY: '',
        SUPABASE_ANON_KEY: 'eyA',
        SUPABASE_SERVICE_ROLE_KEY: 'eyS',
      },
      file,
    );
    expect([env.clientKey, env.serverKey]).toEqual(['eyA', 'eyS']);
  });

  it('fails fast naming every offending variable, and no value', () => {
    const bad = { SUPABASE_URL: 'ftp://x', SUPABASE_SECRET_KEY: 'eyJsecret-value', SUPABASE_DB_URL: 'mysql://x' };
    let error: unknown;
    try {
      loadProjectEnv(bad, file);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SettingsError);
    const message = (error as Error).message;
    for (const name of ['SUPABASE_URL', 'SUPABASE_SECRET_KEY', 'SUPABASE_DB_URL', 'SUPABASE_ANON_KEY']) {
      expect(message).toContain(name);
    }
    expect(message).not.toContain('eyJsecret-value');
  });

  it('falls back to the local stack file written by npm start (mode 0600)', () => {
    expect(() => loadProjectEnv({}, file)).toThrow(/npm start/);
    writeLocalProjectEnv({ ...production, SUPABASE_URL: 'http://127.0.0.1:54321' }, file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadProjectEnv({}, file).SUPABASE_URL).toBe('http://127.0.0.1:54321');
  });
});
