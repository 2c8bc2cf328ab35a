import type { FieldError } from '@lifeline/shared';

/** An error answer of the API, `{statusCode, message, errors?}`, or a network failure (statusCode 0). */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiClient {
  get<T>(path: string, signal?: AbortSignal): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
}

/** The HTTP edge of the app; tests pass a fake `fetch`. */
export function createApiClient(fetchImpl: typeof fetch = (...args) => fetch(...args)): ApiClient {
  async function request<T>(path: string, init: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(path, { ...init, headers: { accept: 'application/json', ...init.headers } });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new ApiError(0, (err as Error).message || 'network error');
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const e = (body ?? {}) as { message?: unknown; errors?: FieldError[] };
      const message = typeof e.message === 'string' ? e.message : `${response.status} ${response.statusText}`.trim();
      throw new ApiError(response.status, message, Array.isArray(e.errors) ? e.errors : []);
    }
    return body as T;
  }

  return {
    get: (path, signal) => request(path, { method: 'GET', signal }),
    post: (path, body) => request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  };
}
