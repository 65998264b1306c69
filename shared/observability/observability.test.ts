// Request ids, route templates, the metrics guard and the log level (decision 039).
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { logLevel } from './logger.ts';
import { mayReadMetrics } from './metrics-access.ts';
import { acceptRequestId, isValidRequestId } from './request-id.ts';
import { createRouteLabels, routeTemplate } from './route-template.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request ids', () => {
  it('keeps short ids of safe characters', () => {
    for (const id of ['abc', 'web-1.2:3', 'a/b+c=d@e_f', 'x'.repeat(128)]) expect(acceptRequestId(id)).toBe(id);
  });

  it('replaces CR, LF, NUL, spaces, quotes, non-ASCII, long, empty and repeated ids', () => {
    const forged = ['a\r\nset-cookie: x=1', 'a\nb', 'a\u0000b', 'a b', '"quoted"', 'é', 'x'.repeat(129), ''];
    for (const id of forged) {
      expect(isValidRequestId(id), JSON.stringify(id)).toBe(false);
      expect(acceptRequestId(id)).toMatch(UUID);
    }
    expect(acceptRequestId(['one', 'two'])).toMatch(UUID);
    expect(acceptRequestId(undefined)).toMatch(UUID);
    expect(acceptRequestId(null)).not.toBe(acceptRequestId(null));
  });
});

describe('route templates', () => {
  it('turns ids and odd segments into :id and keeps a few segments', () => {
    expect(routeTemplate('/rpc/create_job')).toBe('/rpc/create_job');
    expect(routeTemplate('/organizations')).toBe('/organizations');
    expect(routeTemplate('/object/public/avatars/6f0c8a1e-9a56-4a40-9d1c-3f1f0b0f6a11/a.png')).toBe(
      '/object/public/avatars/*',
    );
    expect(routeTemplate('/admin/users/6f0c8a1e-9a56-4a40-9d1c-3f1f0b0f6a11')).toBe('/admin/users/:id');
    expect(routeTemplate('/bookings/42/x%20y')).toBe('/bookings/:id/:id');
    expect(routeTemplate('/o/acme/p/6f0c8a1e-9a56-4a40-9d1c-3f1f0b0f6a11/bookings', 6)).toBe('/o/acme/p/:id/bookings');
    expect(routeTemplate('/')).toBe('/');
  });

  it('caps the number of distinct labels', () => {
    const label = createRouteLabels(2);
    expect([label('/a'), label('/b'), label('/c'), label('/a')]).toEqual(['/a', '/b', 'other', '/a']);
  });
});

function fakeRequest(remoteAddress: string, host: string, authorization?: string): IncomingMessage {
  return {
    socket: { remoteAddress },
    headers: { host, ...(authorization ? { authorization } : {}) },
  } as unknown as IncomingMessage;
}

describe('who may read /metrics', () => {
  it('without a token: loopback peers naming a loopback host only', () => {
    expect(mayReadMetrics(fakeRequest('127.0.0.1', '127.0.0.1:54321'), '')).toBe(true);
    expect(mayReadMetrics(fakeRequest('::1', 'localhost:3000'), '')).toBe(true);
    expect(mayReadMetrics(fakeRequest('127.0.0.1', 'evil.example'), ''), 'DNS rebinding').toBe(false);
    expect(mayReadMetrics(fakeRequest('10.0.0.7', 'localhost'), ''), 'another machine').toBe(false);
  });

  it('with a token: the bearer token, from anywhere, and nothing else', () => {
    expect(mayReadMetrics(fakeRequest('10.0.0.7', 'web.internal', 'Bearer s3cret'), 's3cret')).toBe(true);
    expect(mayReadMetrics(fakeRequest('127.0.0.1', 'localhost', 'Bearer wrong!'), 's3cret')).toBe(false);
    expect(mayReadMetrics(fakeRequest('127.0.0.1', 'localhost'), 's3cret')).toBe(false);
  });
});

describe('log level', () => {
  it('is silent under vitest unless ROOST_LOG_LEVEL says otherwise', () => {
    expect(logLevel({ VITEST: 'true' })).toBe('silent');
    expect(logLevel({ VITEST: 'true', ROOST_LOG_LEVEL: 'debug' })).toBe('debug');
    expect(logLevel({})).toBe('info');
    expect(logLevel({ ROOST_LOG_LEVEL: 'loud' })).toBe('info');
  });
});
