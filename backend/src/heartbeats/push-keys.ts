import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A heartbeat check as far as its push key goes. */
export interface KeyedCheck {
  id: string;
  integrationId: string;
  keyEnv: string;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** What an unset key is compared against: a digest no presented key can produce, so the work is the same. */
const UNSET = randomBytes(32);

/**
 * The checks whose push key is `presented`. Keys are compared as sha256 digests with
 * `timingSafeEqual`, so neither a key's content nor its length shows in the timing, and every
 * check is compared whatever matched before: a known key costs what an unknown one does. A check
 * whose `keyEnv` variable is unset or empty has no key and matches nothing.
 */
export function checksWithKey<C extends KeyedCheck>(presented: string, checks: readonly C[], env: Readonly<Record<string, string | undefined>>): C[] {
  const digest = sha256(presented);
  const matched: C[] = [];
  for (const check of checks) {
    const key = env[check.keyEnv];
    const configured = key !== undefined && key !== '';
    const same = timingSafeEqual(digest, configured ? sha256(key) : UNSET);
    if (same && configured) matched.push(check);
  }
  return matched;
}
