// The one settings module: each part's variables validated alike, every offending variable named
// (never its value), and the project taken from the environment or the local file, never both.
import { describe, expect, it } from 'vitest';
import {
  browserSettings,
  functionSettings,
  loadProjectSettings,
  projectSettings,
  SettingsError,
  workerSettings,
} from './settings.ts';

const production = {
  SUPABASE_URL: 'https://abc.supabase.co/',
  SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_abc',
  SUPABASE_SECRET_KEY: 'sb_secret_abc',
  SUPABASE_DB_URL: 'postgresql://postgres:pw@db.abc.supabase.co:5432/postgres',
};

/** The SettingsError `read` throws (fails the test when it throws nothing or something else). */
function settingsError(read: () => unknown): SettingsError {
  try {
    read();
  } catch (error) {
    expect(error, 'a SettingsError').toBeInstanceOf(SettingsError);
    return error as SettingsError;
  }
  throw new Error('expected a SettingsError');
}

const named = (error: SettingsError) => error.problems.map((problem) => problem.variable).sort();

describe('project settings', () => {
  it('reads a project, trims the URL, and exposes only the URL and client key to browsers', () => {
    const project = projectSettings(production);
    expect(project.SUPABASE_URL, 'trailing slash trimmed').toBe('https://abc.supabase.co');
    expect([project.clientKey, project.serverKey], 'new-style keys').toEqual(['sb_publishable_abc', 'sb_secret_abc']);
    expect(browserSettings(project), 'the browser allow-list').toEqual({
      SUPABASE_URL: 'https://abc.supabase.co',
      SUPABASE_KEY: 'sb_publishable_abc',
    });
  });

  it('names every offending variable at once, and no value', () => {
    const error = settingsError(() =>
      projectSettings({
        SUPABASE_URL: 'ftp://x',
        SUPABASE_SECRET_KEY: 'eyJsecret-value',
        SUPABASE_DB_URL: 'mysql://x',
      }),
    );
    expect(named(error), 'offending variables').toEqual([
      'SUPABASE_ANON_KEY',
      'SUPABASE_DB_URL',
      'SUPABASE_SECRET_KEY',
      'SUPABASE_URL',
    ]);
    expect(error.message, 'no secret in the message').not.toContain('eyJsecret-value');
  });

  it('takes the environment when it sets SUPABASE_URL, without reading the local file', () => {
    let read = false;
    const local = {
      path: '.roost/project-env.json',
      read: () => {
        read = true;
        return JSON.stringify({ ...production, SUPABASE_URL: 'http://127.0.0.1:54321' });
      },
    };
    expect(loadProjectSettings(production, local).SUPABASE_URL, 'from the environment').toBe('https://abc.supabase.co');
    expect(read, 'the local file is not read').toBe(false);
    const halfSet = settingsError(() => loadProjectSettings({ SUPABASE_URL: 'https://abc.supabase.co' }, local));
    expect(named(halfSet), 'a half-set environment is not completed from the file').toContain('SUPABASE_DB_URL');
    expect(loadProjectSettings({}, local).SUPABASE_URL, 'the local file otherwise').toBe('http://127.0.0.1:54321');
  });

  it('refuses a local file that is missing, not JSON, or holds non-strings', () => {
    const file = (text: string | undefined) => ({ path: 'project-env.json', read: () => text });
    expect(() => loadProjectSettings({}, file(undefined)), 'missing').toThrow(/npm start/);
    expect(() => loadProjectSettings({}, file('{')), 'not JSON').toThrow(SettingsError);
    const error = settingsError(() =>
      loadProjectSettings({}, file(JSON.stringify({ ...production, SUPABASE_URL: 1 }))),
    );
    expect(named(error), 'a number is not a URL').toEqual(['SUPABASE_URL']);
  });
});

describe('worker settings', () => {
  const kinds = ['ocr_receipt', 'forecast'] as const;
  const base = {
    SUPABASE_URL: 'http://127.0.0.1:54321',
    SUPABASE_SECRET_KEY: 'sb_secret_abc',
    SUPABASE_DB_URL: 'postgres://u:p@127.0.0.1:54322/postgres',
  };

  it('reads the worker options with their defaults', () => {
    expect(workerSettings(base, kinds), 'defaults').toEqual({
      dbUrl: base.SUPABASE_DB_URL,
      apiUrl: base.SUPABASE_URL,
      serviceKey: 'sb_secret_abc',
      metricsPort: 9464,
      concurrency: undefined,
      batchSize: undefined,
      kinds: undefined,
    });
    const set = workerSettings(
      {
        ...base,
        ROOST_WORKER_METRICS_PORT: '0',
        ROOST_WORKER_CONCURRENCY: '2',
        ROOST_WORKER_KINDS: 'forecast, ocr_receipt',
      },
      kinds,
    );
    expect([set.metricsPort, set.concurrency, set.kinds], 'values set').toEqual([0, 2, ['forecast', 'ocr_receipt']]);
  });

  it('names each bad variable', () => {
    const error = settingsError(() =>
      workerSettings(
        {
          SUPABASE_URL: base.SUPABASE_URL,
          SUPABASE_DB_URL: 'nope',
          ROOST_WORKER_METRICS_PORT: '70000',
          ROOST_WORKER_BATCH_SIZE: '1.5',
          ROOST_WORKER_KINDS: 'ocr_receipt,mining',
        },
        kinds,
      ),
    );
    expect(named(error)).toEqual([
      'ROOST_WORKER_BATCH_SIZE',
      'ROOST_WORKER_KINDS',
      'ROOST_WORKER_METRICS_PORT',
      'SUPABASE_DB_URL',
      'SUPABASE_SECRET_KEY',
    ]);
  });
});

describe('function settings', () => {
  it('reads the database URL, the signing keys in either JSON shape, and an optional SITE_URL', () => {
    const key = { kty: 'EC', kid: 'a' };
    const dbUrl = 'postgresql://postgres:pw@127.0.0.1:54322/postgres';
    expect(functionSettings({ SUPABASE_DB_URL: dbUrl, SUPABASE_JWKS: JSON.stringify([key]) })).toEqual({
      SUPABASE_DB_URL: dbUrl,
      SUPABASE_JWKS: { keys: [key] },
      SITE_URL: undefined,
    });
    const full = functionSettings({
      SUPABASE_DB_URL: dbUrl,
      SUPABASE_JWKS: JSON.stringify({ keys: [key] }),
      SITE_URL: 'https://app.example.com/',
    });
    expect([full.SUPABASE_JWKS.keys, full.SITE_URL]).toEqual([[key], 'https://app.example.com']);
  });

  it('names each bad variable', () => {
    const error = settingsError(() => functionSettings({ SUPABASE_JWKS: '{"keys":', SITE_URL: 'javascript:alert(1)' }));
    expect(named(error)).toEqual(['SITE_URL', 'SUPABASE_DB_URL', 'SUPABASE_JWKS']);
  });
});
