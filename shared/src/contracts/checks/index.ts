import { z } from 'zod';
import { httpCheckSchema } from './http.js';
import { tcpCheckSchema } from './tcp.js';
import { dnsCheckSchema } from './dns.js';
import { tlsCheckSchema } from './tls.js';
import { hl7MllpCheckSchema } from './hl7-mllp.js';
import { fhirCheckSchema } from './fhir.js';
import { dicomEchoCheckSchema } from './dicom-echo.js';
import { heartbeatCheckSchema } from './heartbeat.js';

/**
 * The typed registry of check kinds: one schema per kind. Adding a kind means adding its
 * schema here; the backend's probe registry is typed against CheckKind, so the compiler
 * points at every place that still lacks it.
 */
export const checkSchemas = [httpCheckSchema, tcpCheckSchema, dnsCheckSchema, tlsCheckSchema, hl7MllpCheckSchema, fhirCheckSchema, dicomEchoCheckSchema, heartbeatCheckSchema] as const;

export type CheckKind = (typeof checkSchemas)[number]['shape']['kind']['value'];
export const CHECK_KINDS: readonly CheckKind[] = checkSchemas.map((s) => s.shape.kind.value);

export const checkSchema = z.discriminatedUnion('kind', checkSchemas, {
  error: (issue): string | undefined =>
    issue.code === 'invalid_union' ? `unknown check kind; expected one of: ${CHECK_KINDS.join(', ')}` : undefined,
});
export type CheckDefinition = z.output<typeof checkSchema>;
export type CheckOfKind<K extends CheckKind> = Extract<CheckDefinition, { kind: K }>;

export * from './common.js';
export * from './http.js';
export * from './tcp.js';
export * from './dns.js';
export * from './tls.js';
export * from './hl7-mllp.js';
export * from './fhir.js';
export * from './dicom-echo.js';
export * from './heartbeat.js';
