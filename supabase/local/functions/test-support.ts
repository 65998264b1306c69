// Shared by the Functions tests: a stack with the Functions runtime over a folder of functions,
// supabase-js clients with minted access tokens (Auth is another service), and error bodies.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type TestStack, type TestStackOptions, useTestStack } from '../testing/test-stack.ts';
import type { LogLine } from './deno-process.ts';
import { createFunctionsService, type FunctionLimits } from './index.ts';

/** Signed-in and raw-token clients: the stack tests' one implementation. */
export { tokenClient, userClient } from '../testing/clients.ts';

export const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

export interface FunctionsStackOptions extends Omit<TestStackOptions, 'services'> {
  functionsDir?: string;
  /** Content of the secrets file (dotenv) written for this stack. */
  secrets?: string;
  limits?: Partial<FunctionLimits>;
  watch?: boolean;
  /** Every line the functions print (kept, not shown: crash tests print stack traces). */
  output?: string[];
}

export function useFunctionsStack(options: FunctionsStackOptions = {}): TestStack {
  const { functionsDir = fixturesDir, secrets = '', limits, watch, output = [], ...stackOptions } = options;
  const log: LogLine = (name, stream, line) => output.push(`${name} ${stream} ${line}`);
  return useTestStack({
    ...stackOptions,
    services: (deps) => {
      const envFile = join(deps.dataDir, 'functions.env');
      writeFileSync(envFile, secrets);
      const functions = createFunctionsService({
        ...deps,
        functionsDir,
        envFile,
        denoDir: join(deps.dataDir, 'deno'),
        ...(limits ? { limits } : {}),
        ...(watch ? { watch } : {}),
        log,
      });
      return { services: { functions: functions.service }, close: functions.close };
    },
  });
}

/** Status and JSON body of a failed `functions.invoke` (a FunctionsHttpError's response). */
export async function errorOf(result: { error: unknown; response?: Response }): Promise<{
  status: number | undefined;
  body: unknown;
}> {
  const response = result.response;
  if (!response) return { status: undefined, body: String(result.error) };
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: text };
  }
}
