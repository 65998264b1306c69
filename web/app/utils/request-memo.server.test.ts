import type { AppLoadContext } from '@remix-run/node';
import { describe, expect, it } from 'vitest';
import { oncePerRequest } from './request-memo.server.ts';

const context = () => ({}) as AppLoadContext;
const counted = () => {
  let calls = 0;
  return {
    read: async () => {
      calls += 1;
      return calls;
    },
    calls: () => calls,
  };
};

describe('oncePerRequest', () => {
  it('reads once per GET request and key, and again for another request or key', async () => {
    const request = new Request('http://x/page');
    const first = context();
    const lookup = counted();
    const answers = await Promise.all([
      oncePerRequest(request, first, 'member:a', lookup.read),
      oncePerRequest(request, first, 'member:a', lookup.read),
    ]);
    expect(answers).toEqual([1, 1]);
    expect(await oncePerRequest(request, first, 'member:b', lookup.read)).toBe(2);
    expect(await oncePerRequest(request, context(), 'member:a', lookup.read)).toBe(3);
    expect(lookup.calls()).toBe(3);
  });

  it('shares nothing in an action, whose loaders must see what it changed', async () => {
    const request = new Request('http://x/page', { method: 'POST' });
    const same = context();
    const lookup = counted();
    await oncePerRequest(request, same, 'member:a', lookup.read);
    expect(await oncePerRequest(request, same, 'member:a', lookup.read)).toBe(2);
  });

  it('keeps no failure: the next caller reads again', async () => {
    const request = new Request('http://x/page');
    const same = context();
    await expect(oncePerRequest(request, same, 'k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await oncePerRequest(request, same, 'k', async () => 'up')).toBe('up');
  });
});
