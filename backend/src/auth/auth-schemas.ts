import { z } from 'zod';
import { passwordSchema } from './password.js';
import { ROLES } from './roles.js';

export const emailSchema = z
  .string({ error: 'expected an e-mail address' })
  .trim()
  .max(254, 'must be at most 254 characters')
  .regex(/^[^\s@]+@[^\s@]+$/, 'expected an e-mail address')
  .transform((e) => e.toLowerCase());

export const displayNameSchema = z.string({ error: 'expected a name' }).trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');

export const loginBody = z.strictObject({
  email: emailSchema,
  // Not the password policy: an old password that predates it must still sign in.
  password: z.string({ error: 'expected a password' }).min(1, 'must not be empty').max(256, 'must be at most 256 characters'),
});

export const logoutBody = z.strictObject({ everywhere: z.boolean().optional() });

export const passwordChangeBody = z.strictObject({
  currentPassword: z.string({ error: 'expected your current password' }).min(1, 'must not be empty').max(256),
  newPassword: passwordSchema,
});

export const setupBody = z.strictObject({
  token: z.string({ error: 'expected the token of the setup link' }).min(1).max(128),
  email: emailSchema,
  password: passwordSchema,
  displayName: displayNameSchema,
});

export const createUserBody = z.strictObject({
  email: emailSchema,
  displayName: displayNameSchema,
  role: z.enum(ROLES),
  password: passwordSchema.optional(),
});

export const updateUserBody = z
  .strictObject({
    displayName: displayNameSchema.optional(),
    role: z.enum(ROLES).optional(),
    disabled: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'expected at least one of displayName, role, disabled, password' });

export const kioskTokenBody = z.strictObject({ name: z.string({ error: 'expected a name for the screen' }).trim().min(1, 'must not be empty').max(100) });

export const idParam = z.strictObject({ id: z.uuid({ error: 'expected an id' }) });

/** Routes that take no query string still validate it: an unknown parameter is a 400, not ignored. */
export const noQuery = z.strictObject({});

export const oidcCallbackQuery = z.object({
  code: z.string().max(2048).optional(),
  state: z.string().max(512).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
  iss: z.string().max(512).optional(),
  session_state: z.string().max(512).optional(),
});
