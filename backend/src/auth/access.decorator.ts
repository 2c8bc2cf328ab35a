import { SetMetadata } from '@nestjs/common';
import type { AccessLevel } from './roles.js';

export const ACCESS_KEY = 'lifeline:access';

/**
 * The access rule of a route. Every handler must carry one: the global guard refuses a route
 * without it, and the matrix test lists any such route.
 */
export const Access = (level: AccessLevel) => SetMetadata(ACCESS_KEY, level);
