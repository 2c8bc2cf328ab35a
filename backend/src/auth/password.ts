import { PASSWORD_MAX, PASSWORD_MIN } from '@lifeline/shared';
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

/** argon2id (algorithm 2) with OWASP's recommended minimum: 19 MiB, 2 passes, 1 lane. */
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const passwordSchema = z
  .string({ error: 'expected a password' })
  .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`);

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the time of one verification, so an unknown e-mail answers as slowly as a known one. */
export async function verifyAgainstNothing(password: string): Promise<void> {
  dummy ??= hashPassword('lifeline-no-such-user-placeholder');
  await verifyPassword(await dummy, password);
}

export { PASSWORD_MAX, PASSWORD_MIN };
