import { auditExportDocumentSchema, AUDIT_EXPORT_SCHEMA, type AuditExportIncident, type AuditExportSummary, type AuditExportTransition } from '@lifeline/shared';
import { describe, expect, it } from 'vitest';
import { csvSections } from '../../test/support/export-readers.js';
import type { ExportContent, ExportOutput } from './export-content.js';
import { csvExporter } from './csv.exporter.js';
import { jsonExporter } from './json.exporter.js';

const T = '2025-03-04T07:20:00.000+01:00';
const incident: AuditExportIncident = {
  id: 'inc-1',
  title: 'Synlab, "Medilab" and more\r\nfailing',
  kind: 'perimeter',
  key: 'perimeter',
  attribution: { cause: 'perimeter', subject: null },
  status: 'operational',
  worst: 'down',
  start: T,
  end: null,
  durationSeconds: 60,
  ongoing: true,
  mergedInto: null,
  members: [{ integrationId: 'a', name: 'A, the first', side: 'external', partner: null, joinedAt: T, leftAt: null, leftAs: null, movedTo: null, status: 'down', worst: 'down' }],
  acknowledgements: [{ by: 'Ann', at: T, note: null }],
  notes: [{ by: 'Ann', at: T, text: '#section,notes\nnot a section: a note that looks like one' }],
  timeline: [],
};
const transition: AuditExportTransition = { at: T, integrationId: 'a', integrationName: null, from: 'operational', to: 'down', reasons: ['timeout; then reset', 'é → ü'] };
const summary: AuditExportSummary = {
  integrationId: 'a',
  name: 'A, the first',
  side: 'external',
  partner: null,
  results: 10,
  failures: 1,
  availability: 0.9,
  latencyMs: { p50: 12, p95: 40, max: 41 },
  secondsIn: { operational: 1, degraded: 2, down: 3, unknown: 0, maintenance: 0 },
};

async function* items<T>(list: T[]): AsyncGenerator<T> {
  yield* list;
}

const content = (n = 1): ExportContent => ({
  header: {
    schema: AUDIT_EXPORT_SCHEMA,
    exportId: 'exp-1-ab',
    site: { name: 'UZ Gent, campus "Heymans"', timezone: 'Europe/Brussels' },
    window: { from: T, to: T },
    generatedAt: T,
    integrations: null,
    chainHead: null,
    digest: { algorithm: 'sha256', header: 'X-Content-SHA256', sidecar: '/api/audit/export/exp-1-ab.sha256' },
    definitions: { availability: 'share, of results' },
  },
  from: 0,
  to: 1,
  incidents: () => items(Array.from({ length: n }, (_, i) => ({ ...incident, id: `inc-${i}` }))),
  transitions: () => items(Array.from({ length: n }, () => transition)),
  summaries: () => items([summary]),
  timelines: () => items([]),
});

function sink(): ExportOutput & { text(): string } {
  const chunks: string[] = [];
  return { write: async (c) => void chunks.push(String(c)), stream: undefined as never, text: () => chunks.join('') };
}

describe('CSV exporter', () => {
  it('round-trips awkward text through a real CSV parser: commas, quotes, CRLF, a note that looks like a section', async () => {
    const out = sink();
    await csvExporter.write(content(), out);
    const s = csvSections(out.text());
    expect(Object.fromEntries(s.get('header')!.map((r) => [r.field, r.value]))).toMatchObject({ site: 'UZ Gent, campus "Heymans"', chainHeadSeq: '', 'definition.availability': 'share, of results' });
    expect(s.get('incidents')![0]).toMatchObject({ title: incident.title, end: '', ongoing: 'true', members: 'a' });
    expect(s.get('notes')![0].text).toBe(incident.notes[0].text);
    expect(s.get('transitions')![0].reasons).toBe('timeout; then reset; é → ü');
    expect(s.get('summaries')![0]).toMatchObject({ name: 'A, the first', availability: '0.9', latencyP95Ms: '40', secondsDown: '3' });
  });

  it('writes many rows in a few hundred at a time', async () => {
    let writes = 0;
    const out = sink();
    await csvExporter.write(content(2_000), { ...out, write: async (c) => (writes++, out.write(c)) });
    expect(csvSections(out.text()).get('transitions')).toHaveLength(2_000);
    expect(writes).toBeGreaterThan(10);
    expect(writes).toBeLessThan(40);
  });
});

describe('JSON exporter', () => {
  it('writes a document of the shared schema, one item per line', async () => {
    const out = sink();
    await jsonExporter.write(content(3), out);
    const doc = auditExportDocumentSchema.parse(JSON.parse(out.text()));
    expect(doc.incidents.map((i) => i.id)).toEqual(['inc-0', 'inc-1', 'inc-2']);
    expect(out.text().split('\n').filter((l) => l.startsWith('{"at"'))).toHaveLength(3);
  });

  it('writes empty sections as empty arrays', async () => {
    const out = sink();
    await jsonExporter.write({ ...content(0), summaries: () => items([]) }, out);
    expect(JSON.parse(out.text())).toMatchObject({ incidents: [], transitions: [], summaries: [] });
  });
});
