import type { FieldError } from '@lifeline/shared';

/** An error answer of the API, `{statusCode, message, errors?}`, or a network failure (statusCode 0). */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly errors: FieldError[] = [],
    /** Seconds to wait before trying again, from a 429's `Retry-After`. */
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A file the API sent (an export): its bytes, the name it asked to be saved as, and its headers (lower-case names). */
export interface DownloadedFile {
  blob: Blob;
  filename: string | null;
  headers: Record<string, string>;
}

export interface ApiClient {
  get<T>(path: string, signal?: AbortSignal): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  delete<T = void>(path: string): Promise<T>;
  /** GETs a file with the session cookie, keeping its headers (the export's digest is in one). */
  download(path: string): Promise<DownloadedFile>;
}

/** The API's JSON error body, or the status line when there is none. */
async function errorOf(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => undefined);
  const e = (body ?? {}) as { message?: unknown; errors?: FieldError[] };
  const message = typeof e.message === 'string' ? e.message : `${response.status} ${response.statusText}`.trim();
  const retry = Number(response.headers.get('retry-after'));
  return new ApiError(response.status, message, Array.isArray(e.errors) ? e.errors : [], Number.isFinite(retry) && retry > 0 ? retry : undefined);
}

/** `attachment; filename="a.csv"` → `a.csv`. */
export function filenameOf(disposition: string | null): string | null {
  return disposition ? (/filename="([^"]+)"/.exec(disposition)?.[1] ?? /filename=([^;]+)/.exec(disposition)?.[1]?.trim() ?? null) : null;
}

/** The HTTP edge of the app; tests pass a fake `fetch`. */
export function createApiClient(fetchImpl: typeof fetch = (...args) => fetch(...args)): ApiClient {
  async function send(path: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await fetchImpl(path, { ...init, headers: { accept: 'application/json', ...init.headers } });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new ApiError(0, (err as Error).message || 'network error');
    }
    if (!response.ok) throw await errorOf(response);
    return response;
  }
  async function request<T>(path: string, init: RequestInit): Promise<T> {
    const response = await send(path, init);
    return (await response.json().catch(() => undefined)) as T;
  }
  const json = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

  return {
    get: (path, signal) => request(path, { method: 'GET', signal }),
    post: (path, body) => request(path, json('POST', body)),
    patch: (path, body) => request(path, json('PATCH', body)),
    delete: (path) => request(path, { method: 'DELETE' }),
    async download(path) {
      const response = await send(path, { method: 'GET', headers: { accept: '*/*' } });
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
      return { blob: await response.blob(), filename: filenameOf(response.headers.get('content-disposition')), headers };
    },
  };
}
