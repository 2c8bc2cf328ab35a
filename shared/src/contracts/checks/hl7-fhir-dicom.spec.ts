import { describe, expect, it } from 'vitest';
import { validateCatalog } from '../catalog.js';
import { checkSchema } from './index.js';

/** The errors a one-check catalog gets for its check, by path. */
function errorsFor(check: Record<string, unknown>): string[] {
  const result = validateCatalog({
    site: { name: 'Test' },
    integrations: [{ id: 'partner', name: 'Partner', side: 'external', category: 'lab', partner: 'Partner', checks: [check] }],
  });
  return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`).filter((e) => e.includes('checks[0]'));
}

const refuses = (check: Record<string, unknown>, expected: string) => {
  const errors = errorsFor(check);
  expect(errors.some((e) => e.includes(expected)), errors.join('\n')).toBe(true);
};

describe('hl7-mllp check fields', () => {
  it('defaults to the built-in test message and any well-formed ACK', () => {
    expect(checkSchema.parse({ kind: 'hl7-mllp', host: 'mllp.lab.example', port: 6661 })).toEqual({ kind: 'hl7-mllp', host: 'mllp.lab.example', port: 6661, expectAck: 'any' });
  });

  it('takes a message with newlines between segments', () => {
    const message = 'MSH|^~\\&|LIFELINE|UZG|LAB|LAB|20240101||NMD^N02|X|T|2.5\nNCK|20240101';
    expect(checkSchema.parse({ kind: 'hl7-mllp', host: 'h', port: 1, message, expectAck: 'AA' })).toMatchObject({ message, expectAck: 'AA' });
  });

  it.each([
    [{ message: 'PID|1||123' }, 'checks[0].message: expected an HL7 v2 message starting with an MSH segment'],
    [{ message: 'MSH|^~\\&|A|B' }, 'checks[0].message'],
    [{ expectAck: 'AE' }, 'checks[0].expectAck: expected one of: any, AA'],
    [{ port: 70000 }, 'checks[0].port'],
  ])('refuses %j, naming the field', (fields, expected) => refuses({ kind: 'hl7-mllp', host: 'h', port: 6661, ...fields }, expected));
});

describe('fhir check fields', () => {
  it('takes resource types bare or with interactions', () => {
    const check = { kind: 'fhir', baseUrl: 'https://hub.example/fhir', fhirVersion: '4.0', requireResources: ['Patient', { type: 'Observation', interactions: ['read', 'search-type'] }], readResource: 'Patient/example' };
    expect(checkSchema.parse(check)).toEqual(check);
  });

  it.each([
    [{ baseUrl: 'ftp://hub.example' }, 'checks[0].baseUrl: expected an http:// or https:// URL'],
    [{ fhirVersion: 'R4' }, 'checks[0].fhirVersion: expected a version such as 4.0 or 4.0.1'],
    [{ requireResources: ['patient'] }, 'checks[0].requireResources[0]'],
    [{ requireResources: [{ type: 'Patient', interactions: ['fetch'] }] }, 'checks[0].requireResources[0]'],
    [{ readResource: 'Patient' }, 'checks[0].readResource: expected Type/id'],
  ])('refuses %j, naming the field', (fields, expected) => refuses({ kind: 'fhir', baseUrl: 'https://hub.example/fhir', ...fields }, expected));
});

describe('dicom-echo check fields', () => {
  it('calls as LIFELINE unless told otherwise', () => {
    expect(checkSchema.parse({ kind: 'dicom-echo', host: 'pacs', port: 104, calledAe: 'PACS' })).toMatchObject({ callingAe: 'LIFELINE', calledAe: 'PACS' });
  });

  it.each([
    [{ calledAe: undefined }, 'checks[0].calledAe'],
    [{ calledAe: 'A_TITLE_FAR_TOO_LONG' }, 'checks[0].calledAe: expected an AE title'],
    [{ callingAe: 'BACK\\SLASH' }, 'checks[0].callingAe: expected an AE title'],
    [{ calledAe: '    ' }, 'checks[0].calledAe: expected an AE title that is not only spaces'],
  ])('refuses %j, naming the field', (fields, expected) => refuses({ kind: 'dicom-echo', host: 'pacs', port: 104, calledAe: 'PACS', ...fields }, expected));
});
