import type { IncidentSnapshot, IntegrationSnapshot, Snapshot } from '@lifeline/shared';
import { describe, expect, it } from 'vitest';
import { projectActor, projectHistory, projectIncident, projectIntegrationEntry, projectLiveEvent, projectReason, projectSnapshot } from './viewer-projection.js';

describe('projectReason', () => {
  it.each([
    ['2 consecutive failures (refused: connect ECONNREFUSED 10.20.30.40:6661)', '2 consecutive failures (connection refused)'],
    ['failure 1 of 2 before down (timeout: no answer within 5000 ms)', 'failure 1 of 2 before down (no answer in time)'],
    ['2 consecutive failures (assertion: $.status is "cannot reach http://engine.uzgent.local:8080/hl7", expected "ok")', '2 consecutive failures (unexpected answer)'],
    ['2 consecutive failures (tls: hostname mismatch: the certificate is for DNS:a.example, not mllp.synlab.example (ERR_TLS_CERT_ALTNAME_INVALID))', '2 consecutive failures (secure connection failed)'],
    ['3 consecutive failures (dns: name not resolved (ENOTFOUND))', '3 consecutive failures (name not found)'],
    ['2 consecutive failures (internal: probe error: cannot open /etc/lifeline/ca/synlab.pem)', '2 consecutive failures (check could not run)'],
  ])('replaces failure details: %s', (input, out) => {
    expect(projectReason(input)).toBe(out);
  });

  it.each([
    ['reached https://results.synlab.example/health late', 'reached [hidden] late'],
    ['peer 192.168.10.5:2575 slow', 'peer [hidden] slow'],
    ['peer [fd00::12]:2575 slow', 'peer [hidden] slow'],
    ['peer fe80::1 slow', 'peer [hidden] slow'],
    ['mllp-gw:6661 slow', '[hidden] slow'],
    ['via mllp.synlab.example', 'via [hidden]'],
    ['key at /etc/lifeline/keys/synlab.pem', 'key at [hidden]'],
    ['no answer on port 6661', 'no answer on port [hidden]'],
  ])('hides addresses left anywhere: %s', (input, out) => {
    expect(projectReason(input)).toBe(out);
  });

  it.each([
    'answering in 120 ms',
    'slow: 1800 ms, above 1500 ms',
    'many external links across 4 partners degraded within 5 min while internal systems are fine',
    'needs Interface engine, which is down',
    'confirmed by the reference point Provider gateway, failing too',
    'since 07:30',
    'recovering: 1 of 2 successes before up',
    'warning 1 of 2 before degraded (certificate expires in 5 days, on 2025-03-09 (warning below 14 days))',
  ])('leaves plain words alone: %s', (text) => {
    expect(projectReason(text)).toBe(text);
  });
});

describe('projectActor', () => {
  it.each([
    ['Ann Peeters <ann@uzgent.be>', 'Ann Peeters'],
    ['Ann Peeters', 'Ann Peeters'],
    ['ann@uzgent.be', 'an operator'],
  ])('%s → %s', (by, out) => expect(projectActor(by)).toBe(out));
});

const integration = (over: Partial<IntegrationSnapshot> = {}): IntegrationSnapshot => ({
  id: 'synlab-results',
  name: 'Synlab lab results',
  side: 'external',
  category: 'lab',
  partner: 'Synlab',
  criticality: 'critical',
  role: 'service',
  status: 'down',
  since: '2025-03-04T07:31:00.000Z',
  latencyMs: null,
  attribution: { cause: 'partner', reasons: ["on Synlab's side"] },
  lastCheckedAt: '2025-03-04T07:31:00.000Z',
  reasons: ['2 consecutive failures (refused: connect ECONNREFUSED 10.1.2.3:6661)'],
  dependsOn: [],
  maintenance: { start: '2025-03-04T07:00:00.000Z', end: '2025-03-04T08:00:00.000Z', reason: 'upgrade of mllp.synlab.example' },
  ...over,
});

const incident: IncidentSnapshot = {
  id: 'inc-1',
  key: 'integration:synlab-results',
  kind: 'integration',
  subject: 'synlab-results',
  title: 'Synlab lab results down',
  status: 'down',
  worst: 'down',
  openedAt: '2025-03-04T07:31:00.000Z',
  updatedAt: '2025-03-04T07:31:00.000Z',
  members: [],
  timeline: [{ at: '2025-03-04T07:31:00.000Z', text: 'Synlab lab results joined (down)' }],
  acknowledgements: [{ by: 'Ann Peeters <ann@uzgent.be>', at: '2025-03-04T07:35:00.000Z', note: 'rebooting 10.1.2.3' }],
  notes: [{ by: 'Ann Peeters <ann@uzgent.be>', at: '2025-03-04T07:36:00.000Z', text: 'called Synlab on 09 123 45 67' }],
};

describe('projectSnapshot and events', () => {
  const snapshot: Snapshot = {
    serverTime: '2025-03-04T07:40:00.000Z',
    seq: 42,
    site: { name: 'UZ Gent', timezone: 'Europe/Brussels' },
    verdict: { internal: 'operational', external: 'down', cause: 'partners', summary: 'Synlab is down', since: '2025-03-04T07:31:00.000Z', reasons: ['Synlab lab results: on the partner side'] },
    integrations: [integration()],
    incidents: [incident],
  };

  it('keeps the picture and the seq, drops the internals', () => {
    const p = projectSnapshot(snapshot);
    expect(p.seq).toBe(42);
    expect(p.integrations[0]).toMatchObject({ id: 'synlab-results', status: 'down', attribution: { cause: 'partner' } });
    expect(p.integrations[0].reasons).toEqual(['2 consecutive failures (connection refused)']);
    expect(p.integrations[0].maintenance?.reason).toBe('upgrade of [hidden]');
    expect(p.incidents[0].acknowledgements).toEqual([{ by: 'Ann Peeters', at: '2025-03-04T07:35:00.000Z' }]);
    expect(p.incidents[0].notes).toEqual([]);
    const wire = JSON.stringify(p);
    for (const secret of ['10.1.2.3', '6661', 'mllp.synlab', 'ann@', 'rebooting', '09 123']) expect(wire).not.toContain(secret);
  });

  it('projects every live event by name and leaves the rest', () => {
    expect(projectLiveEvent('integration.updated', { seq: 7, integration: integration() })).toEqual({ seq: 7, integration: projectSnapshot({ ...snapshot, integrations: [integration()] }).integrations[0] });
    expect(projectLiveEvent('incident.updated', { seq: 8, incident })).toEqual({ seq: 8, incident: projectIncident(incident) });
    expect(projectLiveEvent('tick', { seq: 9, serverTime: 'x' })).toEqual({ seq: 9, serverTime: 'x' });
  });

  it('projects the reasons of every refreshed integration, and keeps latency and freshness', () => {
    const i = integration();
    const refreshed = { seq: 10, integrations: [{ id: i.id, latencyMs: 12, lastCheckedAt: i.lastCheckedAt, reasons: i.reasons }] };
    const p = projectLiveEvent('integrations.refreshed', refreshed) as typeof refreshed;
    expect(p).toEqual({ seq: 10, integrations: [{ id: i.id, latencyMs: 12, lastCheckedAt: i.lastCheckedAt, reasons: ['2 consecutive failures (connection refused)'] }] });
    for (const secret of ['10.1.2.3', '6661']) expect(JSON.stringify(p)).not.toContain(secret);
  });

  it('the catalog list keeps only kind and interval of each check', () => {
    const entry = projectIntegrationEntry({
      id: 'a',
      name: 'A',
      side: 'external',
      category: 'lab',
      partner: 'P',
      criticality: 'high',
      role: 'service',
      dependsOn: [],
      clinician: null,
      checks: [{ id: 'a#0', kind: 'http', interval: 30_000, timeout: 5_000 }],
      status: null,
    });
    expect(entry.checks).toEqual([{ kind: 'http', interval: 30_000 }]);
  });

  it('history: failed results say their class in generic words', () => {
    const h = projectHistory({
      id: 'a',
      results: [
        { ok: false, errorClass: 'refused', message: 'connect ECONNREFUSED 10.1.2.3:6661' },
        { ok: true, errorClass: null, message: null },
      ],
      transitions: [{ from: 'operational', to: 'down', reasons: ['2 consecutive failures (refused: connect ECONNREFUSED 10.1.2.3:6661)'] }],
    });
    expect(h.results.map((r) => r.message)).toEqual(['connection refused', null]);
    expect(h.transitions[0].reasons).toEqual(['2 consecutive failures (connection refused)']);
  });
});
