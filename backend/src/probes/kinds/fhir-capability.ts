import type { FhirInteraction } from '@lifeline/shared';
import type { ProbeOutcome, ResolvedCheckOf } from '../probe-kind.js';
import { failed } from '../probe-kind.js';

type FhirCheck = ResolvedCheckOf<'fhir'>;
type Facts = Record<string, string | number | boolean>;
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Short, printable words from the other side, safe to show on the wall. */
export function shortText(value: unknown, max = 160): string {
  const text = String(value ?? '').replace(/[^\x20-\x7e\u00a0-\uffff]/g, ' ').replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** `application/fhir+json`, `application/json`, `application/json+fhir` (DSTU2) and the like. */
export function isJsonContentType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/json' || /^application\/([\w.-]+\+)?json(\+fhir)?$/.test(type);
}

/** The media type alone, for messages: `text/html`, or `no content type`. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase() || 'no content type';
}

/** The first issue of an OperationOutcome in a few words, if the body is one. */
export function operationOutcomeText(doc: unknown): string | undefined {
  if (!isObject(doc) || doc.resourceType !== 'OperationOutcome' || !Array.isArray(doc.issue)) return undefined;
  const issue = doc.issue.find(isObject);
  if (!issue) return undefined;
  const details = isObject(issue.details) ? issue.details.text : undefined;
  const text = shortText(issue.diagnostics ?? details ?? issue.code ?? '');
  return text || undefined;
}

/** `4.0` matches `4.0.0` and `4.0.1`, not `4.01`: a prefix by dotted parts. */
export function versionMatches(expected: string, actual: string): boolean {
  const want = expected.split('.');
  const got = actual.split('.');
  return want.every((part, i) => got[i] === part);
}

/** Resource type → interaction codes, from every `rest` entry in server mode (or all, if none says). */
function supported(cap: Json): Map<string, Set<string>> {
  const rest = Array.isArray(cap.rest) ? cap.rest.filter(isObject) : [];
  const servers = rest.filter((r) => r.mode === 'server');
  const map = new Map<string, Set<string>>();
  for (const r of servers.length ? servers : rest) {
    for (const res of Array.isArray(r.resource) ? r.resource.filter(isObject) : []) {
      if (typeof res.type !== 'string') continue;
      const codes = map.get(res.type) ?? new Set<string>();
      for (const i of Array.isArray(res.interaction) ? res.interaction.filter(isObject) : []) if (typeof i.code === 'string') codes.add(i.code);
      map.set(res.type, codes);
    }
  }
  return map;
}

/**
 * Judges a parsed `/metadata` body: a CapabilityStatement (or DSTU2 Conformance), of the
 * expected FHIR version, listing the required resources and interactions.
 */
export function judgeCapability(check: FhirCheck, doc: unknown, facts: Facts): ProbeOutcome {
  if (!isObject(doc) || (doc.resourceType !== 'CapabilityStatement' && doc.resourceType !== 'Conformance')) {
    const what = isObject(doc) && typeof doc.resourceType === 'string' ? `resourceType ${shortText(doc.resourceType, 40)}` : 'no resourceType';
    return failed('assert', 'assertion', `not a FHIR CapabilityStatement (${what})`, facts);
  }
  const version = typeof doc.fhirVersion === 'string' ? doc.fhirVersion : undefined;
  if (version) facts.fhirVersion = shortText(version, 20);
  const software = isObject(doc.software) ? doc.software.name : undefined;
  if (typeof software === 'string' && software) facts.software = shortText(software, 60);
  if (check.fhirVersion !== undefined && (!version || !versionMatches(check.fhirVersion, version))) {
    return failed('assert', 'assertion', `FHIR version ${version ? shortText(version, 20) : 'not stated'}, expected ${check.fhirVersion}`, facts);
  }
  if (check.requireResources) {
    const map = supported(doc);
    for (const req of check.requireResources) {
      const type = typeof req === 'string' ? req : req.type;
      const wanted: readonly FhirInteraction[] = typeof req === 'string' ? [] : (req.interactions ?? []);
      const codes = map.get(type);
      if (!codes) return failed('assert', 'assertion', `CapabilityStatement does not list ${type}`, facts);
      const missing = wanted.filter((i) => !codes.has(i));
      if (missing.length) return failed('assert', 'assertion', `${type} does not support ${missing.join(', ')}`, facts);
    }
  }
  return { ok: true, facts };
}
