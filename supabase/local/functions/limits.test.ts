// Resource limits: a request past the wall clock or a function past its memory answers 546
// WORKER_LIMIT (the process is killed, as upstream terminates the worker), and the next request
// is served by a fresh process. Small limits, so the test is quick.
import { describe, expect, it } from 'vitest';
import { createUser } from '../../tests/support/db.ts';
import { errorOf, useFunctionsStack, userClient } from './test-support.ts';

const output: string[] = [];
const stack = useFunctionsStack({ output, limits: { memoryMb: 64, requestTimeoutMs: 1500 } });

const WORKER_LIMIT = {
  status: 546,
  body: {
    code: 'WORKER_LIMIT',
    message: 'Function failed due to not having enough compute resources (please check logs)',
  },
};

describe('limits', () => {
  it('answers 546 for a request past the wall-clock limit, then serves again', async () => {
    const client = await userClient(stack, await createUser(stack.admin, 'limits'));
    const before = await client.functions.invoke<{ pid: number }>('probe');
    expect(await errorOf(await client.functions.invoke('probe/hang')), 'past the wall clock').toEqual(WORKER_LIMIT);
    const after = await client.functions.invoke<{ pid: number }>('probe');
    expect(after.error, 'served again').toBeNull();
    expect(after.data?.pid, 'by a new process').not.toBe(before.data?.pid);
  });

  it('answers 546 for a function that runs out of memory, then serves again', async () => {
    const client = await userClient(stack, await createUser(stack.admin, 'limits'));
    expect(await errorOf(await client.functions.invoke('probe/hog')), 'past the heap limit').toEqual(WORKER_LIMIT);
    expect(output.join('\n'), 'V8 said why').toMatch(/out of memory|heap limit/i);
    expect((await client.functions.invoke('probe')).error, 'served again').toBeNull();
  });
});
