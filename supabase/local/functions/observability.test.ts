// The request id reaches edge functions (decision 039): the gateway forwards a valid incoming
// `x-request-id`, gives one to a request without, and the function's answer carries it back.
import { describe, expect, it } from 'vitest';
import { useFunctionsStack } from './test-support.ts';

const stack = useFunctionsStack({
  config: (config) => ({ ...config, functions: { ...config.functions, probe: { verify_jwt: false } } }),
});

async function probe(headers: Record<string, string>) {
  const response = await fetch(`${stack.url}/functions/v1/probe`, {
    headers: { apikey: stack.keys.publishable_key, ...headers },
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { headers: Record<string, string> };
  return { seen: body.headers['x-request-id'], answered: response.headers.get('x-request-id') };
}

describe('request ids in functions', () => {
  it('passes a valid incoming id to the function and answers it', async () => {
    expect(await probe({ 'x-request-id': 'web-fn-1' })).toEqual({ seen: 'web-fn-1', answered: 'web-fn-1' });
  });

  it('gives one to a request without (or with a forged one), the same the caller is answered', async () => {
    for (const headers of [{}, { 'x-request-id': 'forged id"' }] as Record<string, string>[]) {
      const { seen, answered } = await probe(headers);
      expect(seen).toMatch(/^[0-9a-f-]{36}$/);
      expect(answered).toBe(seen);
    }
  });
});
