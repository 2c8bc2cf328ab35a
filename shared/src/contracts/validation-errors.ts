import type { z } from 'zod';

/** One problem in some input, located by a path such as `integrations[3].checks[0].port`. */
export interface FieldError {
  path: string;
  message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/** Plain-words message for one zod issue, phrased for a person editing a file. */
function messageOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.message && !issue.message.startsWith('Invalid input')) return issue.message;
      // zod leaves the input out of its issues unless asked; its own message still says what it received.
      return / received undefined$/.test(issue.message) ? `required (expected ${article(issue.expected)})` : `expected ${article(issue.expected)}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'too_small':
      // zod's own wording ("Too small: expected string to have >=1 characters") is for programmers.
      if (issue.message.startsWith('Too small') && Number(issue.minimum) === 1) {
        if (issue.origin === 'string') return 'must not be empty';
        if (issue.origin === 'array') return 'expected at least one item';
      }
      return issue.message;
    case 'invalid_value':
      return `expected one of: ${issue.values.map(String).join(', ')}`;
    default:
      return issue.message;
  }
}

export function zodIssuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({ path: formatPath(issue.path), message: messageOf(issue) }));
}

export function formatFieldErrors(errors: readonly FieldError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('\n');
}
