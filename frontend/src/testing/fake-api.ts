import { ApiError } from '../api/api-client';
import type { ApiClient, DownloadedFile } from '../api/api-client';

type Answer = unknown | ((body: unknown) => unknown);
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface FakeApi extends ApiClient {
  /** Every request made, in order: `GET /api/...` or `POST /api/...` with its body. */
  requests: Array<{ method: Method; path: string; body?: unknown }>;
  /** Sets (or replaces) the answer for a path; a path is matched without its query unless given with one. */
  answer(path: string, answer: Answer): void;
}

/**
 * An API client answering from a table, as the backend would: unknown paths are a 404, an
 * `ApiError` answer is thrown as the backend's error. Answers are delivered asynchronously.
 * A download (`GET`) is answered with a `DownloadedFile`, or with an `ApiError`.
 */
export function fakeApi(routes: Record<string, Answer> = {}): FakeApi {
  const table = new Map(Object.entries(routes));
  const requests: FakeApi['requests'] = [];
  const respond = async (method: Method, path: string, body?: unknown, clone = true) => {
    requests.push({ method, path, ...(body === undefined ? {} : { body }) });
    await Promise.resolve();
    const key = table.has(`${method} ${path}`) ? `${method} ${path}` : table.has(path) ? path : table.has(`${method} ${path.split('?')[0]}`) ? `${method} ${path.split('?')[0]}` : path.split('?')[0];
    if (!table.has(key)) throw new ApiError(404, `no route ${method} ${path}`);
    const a = table.get(key);
    const value = typeof a === 'function' ? (a as (b: unknown) => unknown)(body) : a;
    if (value instanceof Error) throw value;
    return clone ? structuredClone(value) : value;
  };
  return {
    requests,
    answer: (path, answer) => void table.set(path, answer),
    get: <T,>(path: string) => respond('GET', path) as Promise<T>,
    post: <T,>(path: string, body: unknown) => respond('POST', path, body) as Promise<T>,
    patch: <T,>(path: string, body: unknown) => respond('PATCH', path, body) as Promise<T>,
    delete: <T,>(path: string) => respond('DELETE', path) as Promise<T>,
    download: (path: string) => respond('GET', path, undefined, false) as Promise<DownloadedFile>,
  };
}
