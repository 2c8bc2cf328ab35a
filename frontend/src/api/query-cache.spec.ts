import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient } from './api-client';
import { createQueryCache } from './query-cache';
import type { ApiClient } from './api-client';

/** A client whose answers the test releases one by one. */
function controlledClient() {
  const pending: Array<{ path: string; resolve: (v: unknown) => void; reject: (e: Error) => void }> = [];
  const client: ApiClient = {
    get: (path) => new Promise((resolve, reject) => pending.push({ path, resolve: resolve as (v: unknown) => void, reject })),
    post: () => Promise.reject(new Error('not used')),
    patch: () => Promise.reject(new Error('not used')),
    delete: () => Promise.reject(new Error('not used')),
    download: () => Promise.reject(new Error('not used')),
  };
  return { client, pending };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('query cache', () => {
  it('asks once per key however many readers, and shares the answer', async () => {
    const { client, pending } = controlledClient();
    const cache = createQueryCache(client);
    const seen = vi.fn();
    cache.subscribe('/a', seen);
    cache.load('/a');
    cache.load('/a');
    expect(pending).toHaveLength(1);
    expect(cache.read('/a')).toEqual({ loading: true });
    pending[0].resolve([1, 2]);
    await vi.waitFor(() => expect(cache.read('/a')).toEqual({ data: [1, 2], loading: false }));
    cache.load('/a');
    expect(pending).toHaveLength(1);
    expect(seen).toHaveBeenCalledTimes(2);
  });

  it('coalesces a burst of invalidations into one refetch, and refetches once more if it changed meanwhile', async () => {
    const { client, pending } = controlledClient();
    const cache = createQueryCache(client);
    cache.load('/a');
    pending[0].resolve('v1');
    await vi.waitFor(() => expect(cache.read('/a').data).toBe('v1'));
    cache.invalidate('/a', 300);
    cache.invalidate('/a', 300);
    vi.advanceTimersByTime(300);
    expect(pending).toHaveLength(2);
    expect(cache.read('/a')).toEqual({ data: 'v1', loading: true }); // the old data stays on screen
    cache.invalidate('/a'); // changed again while asking
    expect(pending).toHaveLength(2);
    pending[1].resolve('v2');
    await vi.waitFor(() => expect(pending).toHaveLength(3));
    pending[2].resolve('v3');
    await vi.waitFor(() => expect(cache.read('/a')).toEqual({ data: 'v3', loading: false }));
  });

  it('does not fetch on invalidation what nobody asked for', () => {
    const { client, pending } = controlledClient();
    createQueryCache(client).invalidate('/never');
    expect(pending).toHaveLength(0);
  });

  it('keeps the last data with the error when a refetch fails', async () => {
    const { client, pending } = controlledClient();
    const cache = createQueryCache(client);
    cache.load('/a');
    pending[0].resolve('v1');
    await vi.waitFor(() => expect(cache.read('/a').data).toBe('v1'));
    cache.load('/a', true);
    pending[1].reject(new ApiError(503, 'unavailable'));
    await vi.waitFor(() => expect(cache.read('/a')).toMatchObject({ data: 'v1', loading: false, error: { statusCode: 503 } }));
  });
});

describe('api client', () => {
  const json = (status: number, body: unknown) => Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));

  it('returns the body of a success and sends JSON', async () => {
    const fetch = vi.fn(() => json(200, { id: 'inc-1' }));
    const client = createApiClient(fetch as unknown as typeof globalThis.fetch);
    await expect(client.post('/api/incidents/inc-1/ack', { by: 'An' })).resolves.toEqual({ id: 'inc-1' });
    const [path, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/api/incidents/inc-1/ack');
    expect(init).toMatchObject({ method: 'POST', body: '{"by":"An"}' });
  });

  it('turns the backend’s error body into an ApiError naming the fields', async () => {
    const body = { statusCode: 400, message: 'by: must not be empty', errors: [{ path: 'by', message: 'must not be empty' }] };
    const client = createApiClient((() => json(400, body)) as unknown as typeof fetch);
    await expect(client.post('/x', {})).rejects.toMatchObject({ statusCode: 400, message: 'by: must not be empty', errors: body.errors });
  });

  it('reports a network failure as status 0', async () => {
    const client = createApiClient((() => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch);
    await expect(client.get('/x')).rejects.toMatchObject({ statusCode: 0, message: 'Failed to fetch' });
  });
});
