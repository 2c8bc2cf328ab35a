/** The shapes of the sign-in and administration API come from shared/; these names are the frontend's. */
export { USER_ROLES as ROLES, PASSWORD_MIN, PASSWORD_MAX } from '@lifeline/shared';
export type { UserRole as Role, AuthOptions, UserView, CreateUser, UpdateUser, KioskTokenView, CreatedKioskToken, SignedIn } from '@lifeline/shared';
