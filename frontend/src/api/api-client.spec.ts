import { describe, expect, it, vi } from 'vitest';
import { createApiClient, filenameOf } from './api-client';

const answer = (status: number, body: BodyInit | null, headers: Record<string, string> = {}) => () => Promise.resolve(new Response(body, { status, headers }));

describe('api client: more than GET and POST', () => {
  it('sends PATCH with a JSON body and DELETE without, and takes an empty 204 as nothing', async () => {
    const fetch = vi.fn((_path: string, init: RequestInit) => Promise.resolve(init.method === 'DELETE' ? new Response(null, { status: 204 }) : Response.json({ id: 'u1', role: 'operator' })));
    const client = createApiClient(fetch as unknown as typeof globalThis.fetch);
    await expect(client.patch('/api/users/u1', { role: 'operator' })).resolves.toEqual({ id: 'u1', role: 'operator' });
    await expect(client.delete('/api/kiosk-tokens/k1')).resolves.toBeUndefined();
    expect(fetch.mock.calls.map(([path, init]) => [path, init.method, init.body])).toEqual([
      ['/api/users/u1', 'PATCH', '{"role":"operator"}'],
      ['/api/kiosk-tokens/k1', 'DELETE', undefined],
    ]);
  });

  it('reads how long to wait from a 429’s Retry-After', async () => {
    const client = createApiClient(answer(429, JSON.stringify({ statusCode: 429, message: 'too many sign-in attempts' }), { 'retry-after': '42' }) as unknown as typeof fetch);
    await expect(client.post('/api/auth/login', {})).rejects.toMatchObject({ statusCode: 429, message: 'too many sign-in attempts', retryAfterS: 42 });
  });

  it('downloads a file with its name and headers, and an error as the API’s error', async () => {
    const headers = { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="lifeline-audit-x.csv"', 'X-Content-SHA256': 'ab'.repeat(32) };
    const ok = createApiClient(answer(200, 'a,b\r\n', headers) as unknown as typeof fetch);
    const file = await ok.download('/api/audit/export?format=csv');
    expect(file.filename).toBe('lifeline-audit-x.csv');
    expect(file.headers['x-content-sha256']).toBe('ab'.repeat(32));
    expect(await file.blob.text()).toBe('a,b\r\n');

    const refused = createApiClient(answer(403, JSON.stringify({ statusCode: 403, message: 'needs the operator role' })) as unknown as typeof fetch);
    await expect(refused.download('/api/audit/export?format=csv')).rejects.toMatchObject({ statusCode: 403, message: 'needs the operator role' });
  });

  it.each([
    ['attachment; filename="a b.pdf"', 'a b.pdf'],
    ['attachment; filename=plain.json', 'plain.json'],
    [null, null],
  ])('file name of %s → %s', (disposition, name) => expect(filenameOf(disposition)).toBe(name));
});
