// Reload on change (`watch`, as npm start runs it): editing a function's file restarts its
// process, so the next requests run the new code without restarting the stack.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useFunctionsStack } from './test-support.ts';

const functionsDir = mkdtempSync(join(tmpdir(), 'roost-functions-'));
mkdirSync(join(functionsDir, 'live'));
const writeVersion = (version: string) =>
  writeFileSync(
    join(functionsDir, 'live', 'index.ts'),
    `Deno.serve(() => Response.json({ version: '${version}', pid: Deno.pid }));\n`,
  );
writeVersion('v1');
afterAll(() => rmSync(functionsDir, { recursive: true, force: true }));

const stack = useFunctionsStack({
  functionsDir,
  watch: true,
  config: (config) => ({ ...config, functions: { live: { verify_jwt: false } } }),
});

describe('reload on change', () => {
  it('serves the new code after the file changes', async () => {
    const client = stack.client();
    const first = await client.functions.invoke<{ version: string; pid: number }>('live');
    expect(first.data?.version, 'the first version').toBe('v1');
    writeVersion('v2');
    let latest = first.data;
    // The watcher debounces and the process restarts: poll until the new code answers.
    for (let attempt = 0; attempt < 100 && latest?.version !== 'v2'; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      latest = (await client.functions.invoke<{ version: string; pid: number }>('live')).data;
    }
    expect(latest?.version, 'the new version').toBe('v2');
    expect(latest?.pid, 'from a new process').not.toBe(first.data?.pid);
  });
});
