import { describe, expect, it } from 'vitest';
import { isJsonContentType, versionMatches } from './fhir-capability.js';

describe('FHIR version match', () => {
  it.each([
    ['4.0', '4.0.1', true],
    ['4', '4.0.0', true],
    ['4.0.1', '4.0.1', true],
    ['4.0', '4.01', false],
    ['4.0.1', '4.0', false],
    ['3.0', '4.0.1', false],
  ])('expected %s, server says %s: %s', (expected, actual, match) => expect(versionMatches(expected, actual)).toBe(match));
});

describe('FHIR JSON media types', () => {
  it.each([
    ['application/fhir+json; charset=utf-8', true],
    ['application/json', true],
    ['application/json+fhir', true],
    ['text/html; charset=utf-8', false],
    ['application/fhir+xml', false],
    [undefined, false],
  ])('%s: %s', (type, json) => expect(isJsonContentType(type)).toBe(json));
});
