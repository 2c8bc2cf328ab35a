import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { auditExportDocumentSchema, EXPORT_DIGEST_HEADER, type AuditExportDocument, type AuditVerifyResult, type IncidentSnapshot, type Snapshot } from '@lifeline/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, signIn } from '../support/auth-client.js';
import { expectEventually } from '../support/expect-eventually.js';
import { csvSections, HAS_PDFTOTEXT, pdfText } from '../support/export-readers.js';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app.js';

/**
 * The UZ Gent morning (perimeter-ddos) played against the whole backend, then exported the
 * way quality and security would afterwards. 200× with 1 s checks: 07:10 → 11:00 is 69 s.
 *
 * "At the simulated times", measured three ways:
 * - the export says exactly what the server decided: the incident's start and end are the
 *   instants the incidents API reports (0 ms apart);
 * - against the evidence, the server's own state transitions of its members: within one
 *   check interval of the first member leaving operational and of the last one coming back;
 * - against the story, the simulator's 07:20 and 11:00 turned into real time (the server's
 *   clock is real, the simulator's compressed): both lie after them by no more than the
 *   hysteresis needs (two slow answers to turn degraded, two good ones to recover, so two
 *   intervals) plus one interval for the answer itself and the evaluation.
 */
const TIME_FACTOR = 200;
const INTERVAL_MS = 1_000;
const ARTIFACTS = new URL('../../../test-artifacts/', import.meta.url).pathname;

describe('audit export of the perimeter-ddos morning', () => {
  let app: TestApp;
  let token: string;
  let realAt: (hhmm: string) => number;
  let startedAt: number;
  let incident: IncidentSnapshot;
  let json: AuditExportDocument;
  const get = (path: string) => api(app.url, 'GET', path, { token });

  beforeAll(async () => {
    startedAt = Date.now();
    app = await startTestApp({ admin: TEST_ADMIN, config: { demoScenario: 'perimeter-ddos', demoTimeFactor: TIME_FACTOR, demoInterval: '1s', demoStartAt: '07:10' } });
    token = (await signIn(app.url, TEST_ADMIN)).token;
    const first = (await (await get('/api/status')).json()) as Snapshot;
    const simulated = first.demo!.simulatedTime!;
    const [simNow, realNow] = [Date.parse(simulated), Date.parse(first.serverTime)];
    realAt = (hhmm) => realNow + (Date.parse(`${simulated.slice(0, 11)}${hhmm}:00.000${simulated.slice(23)}`) - simNow) / TIME_FACTOR;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('the morning runs: one perimeter incident opens, is acknowledged and annotated, and resolves after 11:00', async () => {
    const open = await expectEventually(
      async () => {
        const list = (await (await get('/api/incidents')).json()) as IncidentSnapshot[];
        expect(list.length).toBeGreaterThan(0);
        return list[0];
      },
      { timeout: 30_000, every: 200 },
    );
    expect((await api(app.url, 'POST', `/api/incidents/${open.id}/ack`, { token, body: { note: 'calling the provider' } })).status).toBe(201);
    expect((await api(app.url, 'POST', `/api/incidents/${open.id}/notes`, { token, body: { text: 'Provider confirms a DDoS on its network' } })).status).toBe(201);
    incident = await expectEventually(
      async () => {
        const list = (await (await get('/api/incidents')).json()) as IncidentSnapshot[];
        const done = list.find((i) => i.id === open.id && i.resolvedAt);
        expect(done).toBeDefined();
        return done!;
      },
      { timeout: Math.max(0, realAt('11:00') - Date.now()) + 40_000, every: 250 },
    );
    expect(incident.kind).toBe('perimeter');
  }, 150_000);

  it('JSON: exactly that incident, starting at 07:20 and ending at 11:00 (simulated), with its acknowledgement and note', async ({ annotate }) => {
    const res = await get(`/api/audit/export?from=${encodeURIComponent(new Date(startedAt - 60_000).toISOString())}&to=${encodeURIComponent(new Date().toISOString())}&format=json`);
    expect(res.status).toBe(200);
    const body = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get(EXPORT_DIGEST_HEADER)).toBe(createHash('sha256').update(body).digest('hex'));
    json = auditExportDocumentSchema.parse(JSON.parse(body.toString('utf8')));
    save('json', body);
    expect(json.incidents).toHaveLength(1);
    const [i] = json.incidents;
    expect(i).toMatchObject({ id: incident.id, kind: 'perimeter', ongoing: false });
    expect(i.start).toMatch(/\+0[12]:00$/); // Europe/Brussels, with its offset
    const [start, end] = [Date.parse(i.start), Date.parse(i.end!)];
    const [wave, restore] = [realAt('07:20'), realAt('11:00')];
    await annotate(
      `incident start ${start - wave} ms after 07:20 (${((start - wave) / INTERVAL_MS).toFixed(2)} intervals), end ${end - restore} ms after 11:00 (${((end - restore) / INTERVAL_MS).toFixed(2)} intervals)`,
    );
    expect([start, end]).toEqual([Date.parse(incident.openedAt), Date.parse(incident.resolvedAt!)]);
    // Two slow answers in a row turn a link degraded; two good ones recover it.
    expect(start).toBeGreaterThanOrEqual(wave);
    expect(start).toBeLessThanOrEqual(wave + 3 * INTERVAL_MS);
    expect(end).toBeGreaterThanOrEqual(restore);
    expect(end).toBeLessThanOrEqual(restore + 3 * INTERVAL_MS);

    // Against the server's own transitions of the members: for each, the change that took it
    // out of operational when it joined (not an earlier blip it recovered from).
    const bad = (status: string) => status === 'degraded' || status === 'down';
    const wentBad = i.members.map((m) =>
      Math.max(...json.transitions.filter((t) => t.integrationId === m.integrationId && bad(t.to) && !bad(t.from) && Date.parse(t.at) <= Date.parse(m.joinedAt) + INTERVAL_MS).map((t) => Date.parse(t.at))),
    );
    const firstOut = Math.min(...wentBad);
    const lastBack = Math.max(...json.transitions.filter((t) => i.members.some((m) => m.integrationId === t.integrationId) && t.to === 'operational').map((t) => Date.parse(t.at)));
    await annotate(`incident start ${start - firstOut} ms after the first member left operational; end ${end - lastBack} ms from the last one's return`);
    expect(Math.abs(start - firstOut)).toBeLessThanOrEqual(INTERVAL_MS);
    expect(Math.abs(end - lastBack)).toBeLessThanOrEqual(INTERVAL_MS);

    expect(i.acknowledgements).toEqual([expect.objectContaining({ by: expect.stringContaining(TEST_ADMIN.email), note: 'calling the provider' })]);
    expect(i.notes).toEqual([expect.objectContaining({ text: 'Provider confirms a DDoS on its network' })]);
    const synlab = json.summaries.find((s) => s.integrationId === 'synlab-results')!;
    expect(synlab.failures).toBeGreaterThan(0);
    expect(synlab.secondsIn.down).toBeGreaterThan(0);
    expect(json.summaries.find((s) => s.integrationId === 'ehr')!.secondsIn).toMatchObject({ degraded: 0, down: 0 });
  });

  it('CSV: parses back with csv-parse, the same incident and transitions', async () => {
    const res = await get(`/api/audit/export?from=${encodeURIComponent(json.header.window.from)}&to=${encodeURIComponent(json.header.window.to)}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="lifeline-audit-.*\.csv"/);
    const text = await res.text();
    save('csv', text);
    const s = csvSections(text);
    expect(s.get('incidents')!.map((r) => [r.id, r.start, r.end])).toEqual(json.incidents.map((i) => [i.id, i.start, i.end]));
    expect(s.get('transitions')!.length).toBe(json.transitions.length);
    expect(s.get('acknowledgements')![0].note).toBe('calling the provider');
  });

  it.skipIf(!HAS_PDFTOTEXT)('PDF (pdftotext from poppler-utils): the incident line and its acknowledgement', async () => {
    const res = await get(`/api/audit/export?from=${encodeURIComponent(json.header.window.from)}&to=${encodeURIComponent(json.header.window.to)}&format=pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    save('pdf', pdf);
    const text = await pdfText(pdf);
    const i = json.incidents[0];
    const local = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} ${iso.slice(-6)}`;
    expect(text).toContain(`${local(i.start)} to ${local(i.end!)}`);
    expect(text).toContain(i.title);
    expect(text).toMatch(/Acknowledged by .*admin@lifeline\.test.*: calling the provider/);
    expect(text).toContain('Synlab lab results');
  });

  it('the sidecar gives the digest of the bytes sent; the audit chain verifies and holds the acknowledgement with who made it', async () => {
    const res = await get(`/api/audit/export?from=${encodeURIComponent(json.header.window.from)}&to=${encodeURIComponent(json.header.window.to)}&format=json`);
    const body = Buffer.from(await res.arrayBuffer());
    const digest = createHash('sha256').update(body).digest('hex');
    const id = res.headers.get('x-export-id');
    expect(res.headers.get('link')).toBe(`</api/audit/export/${id}.sha256>; rel="describedby"; type="text/plain"`);
    const sidecar = await get(`/api/audit/export/${id}.sha256`);
    expect(sidecar.status).toBe(200);
    expect(await sidecar.text()).toMatch(new RegExp(`^${digest}  lifeline-audit-.*-${id}\\.json\\n$`));
    expect((await get('/api/audit/export/exp-nope-00.sha256')).status).toBe(404);

    const verify = (await (await get('/api/audit/verify')).json()) as AuditVerifyResult;
    expect(verify).toMatchObject({ ok: true });
    expect(verify.rows).toBeGreaterThan(json.transitions.length);
  });

  it('refuses a bad window, an unknown format or integration with a 400 naming the field, and viewers', async () => {
    const bad = async (q: string, path: string) => {
      const res = await get(`/api/audit/export?${q}`);
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { errors: Array<{ path: string }> }).errors[0].path, q).toBe(path);
    };
    await bad('format=xls', 'format');
    await bad('format=csv&from=yesterday', 'from');
    await bad('format=csv&from=2025-03-04T12:00:00%2B01:00&to=2025-03-04T07:00:00%2B01:00', 'from');
    await bad('format=csv&integration=no-such-link', 'integration');
    // In the demo, anonymous visitors are viewers: an export takes an operator, so they are asked to sign in.
    expect((await fetch(`${app.url}/api/audit/export?format=csv`)).status).toBe(401);
  });
});

function save(ext: string, data: string | Buffer): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(`${ARTIFACTS}audit-export-perimeter-ddos.${ext}`, data);
}
