import { ApiError } from '../api/api-client';
import type { ApiClient } from '../api/api-client';

type Answer = unknown | ((body: unknown) => unknown);

export interface FakeApi extends ApiClient {
  /** Every request made, in order: `GET /api/...` or `POST /api/...` with its body. */
  requests: Array<{ method: 'GET' | 'POST'; path: string; body?: unknown }>;
  /** Sets (or replaces) the answer for a path; a path is matched without its query unless given with one. */
  answer(path: string, answer: Answer): void;
}

/**
 * An API client answering from a table, as the backend would: unknown paths are a 404, an
 * `ApiError` answer is thrown as the backend's error. Answers are delivered asynchronously.
 */
export function fakeApi(routes: Record<string, Answer> = {}): FakeApi {
  const table = new Map(Object.entries(routes));
  const requests: FakeApi['requests'] = [];
  const respond = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    requests.push({ method, path, ...(body === undefined ? {} : { body }) });
    await Promise.resolve();
    const key = table.has(`${method} ${path}`) ? `${method} ${path}` : table.has(path) ? path : path.split('?')[0];
    if (!table.has(key)) throw new ApiError(404, `no route ${method} ${path}`);
    const a = table.get(key);
    const value = typeof a === 'function' ? (a as (b: unknown) => unknown)(body) : a;
    if (value instanceof Error) throw value;
    return structuredClone(value);
  };
  return {
    requests,
    answer: (path, answer) => void table.set(path, answer),
    get: <T,>(path: string) => respond('GET', path) as Promise<T>,
    post: <T,>(path: string, body: unknown) => respond('POST', path, body) as Promise<T>,
  };
}
