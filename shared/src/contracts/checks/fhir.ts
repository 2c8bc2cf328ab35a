import { z } from 'zod';
import { commonCheckFields } from './common.js';

export const FHIR_INTERACTIONS = [
  'read',
  'vread',
  'update',
  'patch',
  'delete',
  'history-instance',
  'history-type',
  'create',
  'search-type',
] as const;
export type FhirInteraction = (typeof FHIR_INTERACTIONS)[number];

const resourceType = z.string().regex(/^[A-Z][A-Za-z]{1,63}$/, 'expected a FHIR resource type such as Patient');

/**
 * A resource the server must list in its CapabilityStatement: a bare type (`Patient`), or a
 * type with the interactions it must support (`{ type: Observation, interactions: [read, search-type] }`).
 */
const requiredResource = z.union([
  resourceType,
  z.strictObject({
    type: resourceType,
    interactions: z.array(z.enum(FHIR_INTERACTIONS, { error: `expected one of: ${FHIR_INTERACTIONS.join(', ')}` })).min(1).optional(),
  }),
]);

export const fhirCheckSchema = z.strictObject({
  kind: z.literal('fhir'),
  ...commonCheckFields,
  /** The service base; the probe reads `[baseUrl]/metadata`. */
  baseUrl: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }),
  /** Expected FHIR version, matched by prefix per dotted part: `4.0` accepts 4.0.0 and 4.0.1, not 4.01. */
  fhirVersion: z.string().regex(/^\d+(\.\d+){0,2}$/, 'expected a version such as 4.0 or 4.0.1').optional(),
  requireResources: z.array(requiredResource).min(1).optional(),
  /** A resource to read after the metadata, e.g. `Patient/example`: it must come back with that resourceType. */
  readResource: z
    .string()
    .regex(/^[A-Z][A-Za-z]{1,63}\/[A-Za-z0-9\-.]{1,64}$/, 'expected Type/id, e.g. Patient/example')
    .optional(),
  /** PEM file of the CA(s) to trust for this partner instead of the system's roots. */
  caFile: z.string().min(1).optional(),
});
export type FhirCheck = z.output<typeof fhirCheckSchema>;
