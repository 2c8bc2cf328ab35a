import { zodIssuesToFieldErrors } from '@lifeline/shared';
import type { z } from 'zod';
import { ValidationFailed } from './http-exception.filter.js';

/** Validates a query or body with a zod schema; a failure is a 400 naming each field. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ValidationFailed(zodIssuesToFieldErrors(parsed.error.issues).map((e) => ({ ...e, path: prefix ? `${prefix}.${e.path}` : e.path })));
}

/** Validates several parts of one request at once, so a single 400 lists every problem. */
export function parseAll<A extends z.ZodType, B extends z.ZodType>(a: [A, unknown], b: [B, unknown]): [z.output<A>, z.output<B>] {
  const ra = a[0].safeParse(a[1]);
  const rb = b[0].safeParse(b[1]);
  if (ra.success && rb.success) return [ra.data, rb.data];
  const issues = [...(ra.success ? [] : ra.error.issues), ...(rb.success ? [] : rb.error.issues)];
  throw new ValidationFailed(zodIssuesToFieldErrors(issues));
}
