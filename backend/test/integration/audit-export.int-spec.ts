import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { auditExportDocumentSchema, type AuditExportDocument, type IncidentState } from '@lifeline/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditVerifyService } from '../../src/audit/audit-verify.service.js';
import { AuditService } from '../../src/audit/audit.service.js';
import type { CatalogService } from '../../src/catalog/catalog.service.js';
import { ExportService, type ExportRequest } from '../../src/export/export.service.js';
import { HistoryWriterService } from '../../src/history/history-writer.service.js';
import { IncidentRepository } from '../../src/incidents/incident.repository.js';
import { RollupsService } from '../../src/history/rollups.service.js';
import { csvSections, HAS_PDFTOTEXT, pdfText } from '../support/export-readers.js';
import { migratedDatabase, type MigratedDatabase } from '../support/migrated-database.js';
import { tempDir } from '../support/temp-dir.js';
import { DATABASE_TARGETS } from '../support/test-database.js';

const MIN = 60_000;
// 07:00 Brussels on a winter morning; the window runs to 12:00.
const T0 = Date.parse('2025-03-04T06:00:00.000Z');
const FROM = T0;
const TO = T0 + 5 * 60 * MIN;
const at = (minutes: number) => T0 + minutes * MIN;

const perimeter: IncidentState = {
  id: 'inc-perimeter',
  key: 'perimeter',
  kind: 'perimeter',
  title: 'External links failing together (perimeter)',
  status: 'operational',
  worst: 'down',
  openedAt: at(20),
  updatedAt: at(240),
  resolvedAt: at(240),
  members: [
    { integrationId: 'synlab-results', name: 'Synlab lab results', side: 'external', partner: 'Synlab', joinedAt: at(20), status: 'operational', worst: 'down', leftAt: at(240), leftAs: 'recovered' },
    { integrationId: 'cozo-hub', name: 'CoZo hub, "regional"', side: 'external', partner: 'CoZo', joinedAt: at(31), status: 'operational', worst: 'degraded', leftAt: at(238), leftAs: 'recovered' },
  ],
  timeline: [{ at: at(20), text: 'Synlab lab results joined (degraded)' }],
};
const ongoing: IncidentState = {
  id: 'inc-engine',
  key: 'internal:engine',
  kind: 'internal',
  subject: 'engine',
  title: 'Interface engine down',
  status: 'down',
  worst: 'down',
  openedAt: at(280),
  updatedAt: at(280),
  members: [{ integrationId: 'engine', name: 'Interface engine', side: 'internal', joinedAt: at(280), status: 'down', worst: 'down' }],
  timeline: [],
};

describe.each(DATABASE_TARGETS)('the audit export ($label)', ({ open }) => {
  let m: MigratedDatabase;
  let exports: ExportService;
  let audit: AuditService;
  const dir = tempDir();
  const made: string[] = [];

  const run = async (req: Partial<ExportRequest> & Pick<ExportRequest, 'format'>) => {
    const file = await exports.create({ from: FROM, to: TO, integrations: null, by: 'Quality Officer <q@uzgent.test>', ...req });
    made.push(file.path);
    const bytes = readFileSync(file.path);
    return { file, bytes, text: bytes.toString('utf8') };
  };

  beforeAll(async () => {
    m = await migratedDatabase(open);
    await m.db.query(`INSERT INTO "integration" ("id", "name", "side", "category", "partner", "criticality", "role") VALUES
      ('synlab-results', 'Synlab lab results', 'external', 'lab', 'Synlab', 'critical', 'service'),
      ('cozo-hub', 'CoZo hub, "regional"', 'external', 'regional-records', 'CoZo', 'high', 'service'),
      ('engine', 'Interface engine', 'internal', 'application', NULL, 'critical', 'service')`);
    const incidents = new IncidentRepository(m.db);
    await incidents.save(perimeter, true);
    await incidents.save(ongoing, false);
    await m.db.query(`INSERT INTO "incident_annotation" ("incident_id", "kind", "author", "text", "at") VALUES
      ('inc-perimeter', 'ack', 'An Peeters <an@uzgent.test>', 'calling the provider', $1),
      ('inc-perimeter', 'note', 'An Peeters <an@uzgent.test>', 'Provider confirms a DDoS; ETA 11:00, "maybe"', $2)`, [new Date(at(35)), new Date(at(50))]);

    const writer = new HistoryWriterService(m.db);
    const transition = (integrationId: string, from: string, to: string, minute: number, reasons: string[]) =>
      writer.addTransition({ integrationId, from: from as never, to: to as never, at: at(minute), reasons });
    transition('synlab-results', 'operational', 'down', -90, ['before the window']);
    transition('synlab-results', 'down', 'operational', -60, ['recovered']);
    transition('synlab-results', 'operational', 'degraded', 20, ['slow: 2100 ms (above 1500 ms)']);
    transition('synlab-results', 'degraded', 'down', 31, ['2 failures in a row: timeout, reset']);
    transition('synlab-results', 'down', 'operational', 240, ['answers again']);
    transition('cozo-hub', 'operational', 'degraded', 31, ['slow, 3 of 4 → degraded']);
    transition('cozo-hub', 'degraded', 'operational', 238, ['fast again']);
    transition('engine', 'operational', 'down', 280, ['refused']);
    // Synlab every 30 s: ok at 100 ms, except 07:31–11:00 when every result fails.
    for (let t = FROM - 10 * MIN; t < TO + 10 * MIN; t += 30_000) {
      const failing = t >= at(31) && t < at(240);
      writer.addResult({ integrationId: 'synlab-results', observation: { checkId: 'synlab-results#0', startedAt: t + 250, durationMs: failing ? 5_000 : 100 + ((t / 30_000) % 2) * 20, ok: !failing } });
    }
    await writer.flush();
    // Rolled up to 10:00 only: the rest of the window comes from the raw results.
    await new RollupsService(m.db, writer, { rollupRetentionDays: 730, resultsRetentionDays: 30 }, Date.now).rollUp(FROM - 60 * MIN, at(180));

    audit = new AuditService(m.db, Date.now);
    audit.append('transition', 'synlab-results', 'system', { to: 'degraded' });
    const catalog = { catalog: { site: { name: 'Test Hospital', timezone: 'Europe/Brussels' } } } as unknown as CatalogService;
    exports = new ExportService(m.db, audit, catalog, { dataDir: dir.path }, () => Date.parse('2025-03-04T11:30:00.000Z'));
    exports.onModuleInit();
  });
  afterAll(async () => {
    for (const f of made) rmSync(f, { force: true });
    await m?.close();
    dir.remove();
  });

  let json: AuditExportDocument;

  it('JSON: a document of the shared schema, times in the site zone with offset, the chain head in its header', async () => {
    const { file, bytes, text } = await run({ format: 'json' });
    expect(file.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(file.contentType).toMatch(/^application\/json/);
    json = auditExportDocumentSchema.parse(JSON.parse(text));
    const h = json.header;
    expect(h).toMatchObject({ site: { name: 'Test Hospital', timezone: 'Europe/Brussels' }, window: { from: '2025-03-04T07:00:00.000+01:00', to: '2025-03-04T12:00:00.000+01:00' } });
    expect(h.generatedAt).toBe('2025-03-04T12:30:00.000+01:00');
    expect(h.chainHead?.seq).toBe(1); // the appended entry was stored first
    expect(h.digest.sidecar).toBe(`/api/audit/export/${file.id}.sha256`);
  });

  it('JSON: incidents with start, end, duration, members, attribution, acknowledgements and notes', () => {
    expect(json.incidents.map((i) => i.id)).toEqual(['inc-perimeter', 'inc-engine']);
    const [p, e] = json.incidents;
    expect(p).toMatchObject({
      start: '2025-03-04T07:20:00.000+01:00',
      end: '2025-03-04T11:00:00.000+01:00',
      durationSeconds: 220 * 60,
      ongoing: false,
      attribution: { cause: 'perimeter', subject: null },
      acknowledgements: [{ by: 'An Peeters <an@uzgent.test>', at: '2025-03-04T07:35:00.000+01:00', note: 'calling the provider' }],
      notes: [{ by: 'An Peeters <an@uzgent.test>', at: '2025-03-04T07:50:00.000+01:00', text: 'Provider confirms a DDoS; ETA 11:00, "maybe"' }],
    });
    expect(p.members.map((x) => [x.integrationId, x.joinedAt, x.leftAt])).toEqual([
      ['synlab-results', '2025-03-04T07:20:00.000+01:00', '2025-03-04T11:00:00.000+01:00'],
      ['cozo-hub', '2025-03-04T07:31:00.000+01:00', '2025-03-04T10:58:00.000+01:00'],
    ]);
    // Still open: its duration runs to generatedAt.
    expect(e).toMatchObject({ end: null, ongoing: true, durationSeconds: 50 * 60, attribution: { cause: 'internal', subject: 'engine' } });
  });

  it('JSON: every transition in the window, in time order', () => {
    expect(json.transitions.map((t) => [t.at.slice(11, 16), t.integrationId, t.to])).toEqual([
      ['07:20', 'synlab-results', 'degraded'],
      ['07:31', 'synlab-results', 'down'],
      ['07:31', 'cozo-hub', 'degraded'],
      ['10:58', 'cozo-hub', 'operational'],
      ['11:00', 'synlab-results', 'operational'],
      ['11:40', 'engine', 'down'],
    ]);
    expect(json.transitions[0]).toMatchObject({ integrationName: 'Synlab lab results', from: 'operational', reasons: ['slow: 2100 ms (above 1500 ms)'] });
  });

  it('JSON: availability, latency (rollups plus raw) and time in each status per integration', () => {
    const s = json.summaries.find((x) => x.integrationId === 'synlab-results')!;
    // 600 results in 5 h; failing from 07:31 to 11:00 = 209 min = 418 results.
    expect(s).toMatchObject({ results: 600, failures: 418, latencyMs: { p50: expect.any(Number), p95: 120, max: 120 } });
    expect(s.availability).toBeCloseTo(182 / 600, 10);
    expect([100, 120]).toContain(s.latencyMs.p50);
    expect(s.secondsIn).toEqual({ operational: (20 + 60) * 60, degraded: 11 * 60, down: 209 * 60, unknown: 0, maintenance: 0 });
    const engine = json.summaries.find((x) => x.integrationId === 'engine')!;
    // No results; down from 11:40 to the window's end.
    expect(engine).toMatchObject({ results: 0, availability: null, latencyMs: { p50: null, p95: null, max: null }, secondsIn: { down: 20 * 60 } });
  });

  it('CSV: RFC 4180, parsed back by csv-parse into its sections, agreeing with the JSON', async () => {
    const head = await audit.head();
    const { text, file } = await run({ format: 'csv' });
    expect(file.contentType).toMatch(/^text\/csv/);
    expect(text).toContain('\r\n');
    const s = csvSections(text);
    expect([...s.keys()]).toEqual(['header', 'incidents', 'incident_members', 'acknowledgements', 'notes', 'incident_timeline', 'transitions', 'summaries']);
    const header = Object.fromEntries(s.get('header')!.map((r) => [r.field, r.value]));
    expect(header).toMatchObject({ site: 'Test Hospital', from: json.header.window.from, to: json.header.window.to, chainHeadSeq: String(head!.seq), chainHeadHash: head!.hash });
    expect(s.get('incidents')!.map((r) => [r.id, r.start, r.end, r.durationSeconds, r.attribution])).toEqual(json.incidents.map((i) => [i.id, i.start, i.end ?? '', String(i.durationSeconds), i.attribution.cause]));
    expect(s.get('incident_members')!.find((r) => r.integrationId === 'cozo-hub')!.name).toBe('CoZo hub, "regional"');
    expect(s.get('notes')![0].text).toBe('Provider confirms a DDoS; ETA 11:00, "maybe"');
    expect(s.get('transitions')!.map((r) => [r.at, r.integrationId, r.to])).toEqual(json.transitions.map((t) => [t.at, t.integrationId, t.to]));
    const synlab = s.get('summaries')!.find((r) => r.integrationId === 'synlab-results')!;
    expect(Number(synlab.availability)).toBeCloseTo(182 / 600, 10);
    expect(synlab.secondsDown).toBe(String(209 * 60));
  });

  it.skipIf(!HAS_PDFTOTEXT)('PDF (pdftotext from poppler-utils): header, incident lines, acknowledgements, transitions', async () => {
    const head = await audit.head();
    const { bytes, file } = await run({ format: 'pdf' });
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(bytes);
    expect(text).toContain('Audit report: Test Hospital');
    expect(text).toContain(`row ${head!.seq}, sha256 ${head!.hash}`);
    expect(text).toContain(file.id);
    expect(text).toMatch(/2025-03-04 07:20:00 \+01:00 to 2025-03-04 11:00:00 \+01:00\s+\(3h 40m\)\s+External links failing together \(perimeter\)/);
    expect(text).toMatch(/2025-03-04 11:40:00 \+01:00 to ongoing\s+\(50m, still open\)\s+Interface engine down/);
    expect(text).toContain('Acknowledged by An Peeters <an@uzgent.test> at 2025-03-04 07:35:00 +01:00: calling the provider');
    expect(text).toContain('Timeline');
    expect(text).toContain('Degraded (slow or partly failing)');
    expect(text).toMatch(/2025-03-04 07:31:00 \+01:00\s+Synlab lab results\s+degraded -> down/);
  });

  it('narrows to the integrations asked for', async () => {
    const doc = auditExportDocumentSchema.parse(JSON.parse((await run({ format: 'json', integrations: ['cozo-hub'] })).text));
    expect(doc.header.integrations).toEqual(['cozo-hub']);
    expect(doc.incidents.map((i) => i.id)).toEqual(['inc-perimeter']);
    expect(new Set(doc.transitions.map((t) => t.integrationId))).toEqual(new Set(['cozo-hub']));
    expect(doc.summaries.map((s) => s.integrationId)).toEqual(['cozo-hub']);
  });

  it('makes at most two exports at a time (each holds a connection); a third is asked to come back', async () => {
    const results = await Promise.allSettled([run({ format: 'json' }), run({ format: 'csv' }), run({ format: 'json' })]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(((results[2] as PromiseRejectedResult).reason as { getStatus(): number }).getStatus()).toBe(503);
    expect((await run({ format: 'csv' })).file.bytes).toBeGreaterThan(0);
  });

  it('records every export, with its digest, in the audit log (the sidecar is read from there), and the chain still verifies', async () => {
    const { file } = await run({ format: 'csv' });
    expect(await exports.sidecar(file.id)).toEqual({ sha256: file.sha256, filename: file.filename });
    const [row] = await m.db.query(`SELECT "actor", "payload" FROM "audit_log" WHERE "kind" = 'export.generated' AND "subject" = $1`, [file.id]);
    expect(row).toMatchObject({ actor: 'Quality Officer <q@uzgent.test>', payload: { format: 'csv', sha256: file.sha256 } });
    expect(await new AuditVerifyService(m.db).verify()).toMatchObject({ ok: true });
  });
});
