import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** This process, as the other instances and the lease table know it. */
export const INSTANCE_ID = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
