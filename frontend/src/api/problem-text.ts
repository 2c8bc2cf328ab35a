import { ApiError } from './api-client';

/** What went wrong, for people: the fields the server named (`email: expected an e-mail address`), or its message. */
export function problemText(err: unknown): string {
  if (err instanceof ApiError && err.errors.length) return err.errors.map((f) => `${f.path}: ${f.message}`).join('; ');
  return err instanceof Error ? err.message : String(err);
}
