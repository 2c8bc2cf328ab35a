import { zodIssuesToFieldErrors } from '@lifeline/shared';
import type { z } from 'zod';
import { ValidationFailed } from './http-exception.filter.js';

/** Validates a query or body with a zod schema; a failure is a 400 naming each field. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ValidationFailed(zodIssuesToFieldErrors(parsed.error.issues).map((e) => ({ ...e, path: prefix ? `${prefix}.${e.path}` : e.path })));
}
