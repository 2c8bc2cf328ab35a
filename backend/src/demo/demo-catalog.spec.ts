import { CHECK_KINDS, validateCatalog } from '@lifeline/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROTOCOL_SYSTEMS, demoTiming, loadCatalogTemplate, renderCatalog, tcpPlaceholder, tcpSystemsIn } from './demo-catalog.js';
import { EXTERNAL_SYSTEMS, INTERNAL_SYSTEMS } from './scenarios.js';

describe('demoTiming', () => {
  it.each([
    // interval, timeout, degraded above, slow answers between
    ['5s', 4000, 1000, 1500, 2800],
    ['30s', 4000, 1000, 1500, 2800],
    ['2s', 1600, 400, 600, 1120],
    ['1s', 800, 200, 300, 560],
  ] as const)('at %s: timeout %d ms, degraded above %d ms, slow %d–%d ms', (interval, timeout, degraded, slowMin, slowMax) => {
    const t = demoTiming(interval);
    expect(t).toMatchObject({ timeoutMs: timeout, degradedAboveMs: degraded, slowMs: { min: slowMin, max: slowMax } });
    // The point of the derivation: a slow answer is seen as degraded, never as timed out.
    expect(t.slowMs.min).toBeGreaterThan(t.degradedAboveMs);
    expect(t.slowMs.max).toBeLessThan(t.timeoutMs);
    expect(t.timeoutMs).toBeLessThan(t.intervalMs);
  });

  it('defaults to a 5 s interval', () => expect(demoTiming().intervalMs).toBe(5000));

  it.each([
    // interval, perimeter window, incident settle, incident cool-down
    ['5s', 300_000, 15_000, 60_000],
    ['1s', 60_000, 3_000, 12_000],
    ['30s', 1_800_000, 90_000, 360_000],
  ] as const)('at %s: window %d ms, settle %d ms, cool-down %d ms', (interval, windowMs, settleMs, coolDownMs) => {
    expect(demoTiming(interval)).toMatchObject({ windowMs, settleMs, coolDownMs });
  });

  it.each(['500ms', 'soon', '0s'])('refuses the interval %j', (interval) => expect(() => demoTiming(interval)).toThrow(/at least 1s/));
});

describe('the shipped demo catalog template', () => {
  let template: string;
  const tcpPorts = (ids: string[]) => new Map(ids.map((id, i) => [id, 20000 + i]));
  const extra = new Map([
    ['SIM_MLLP_PORT', '21001'],
    ['SIM_DICOM_PORT', '21002'],
    ['SIM_DNS_PORT', '21003'],
    ['SIM_TLS_PORT', '21004'],
    ['SIM_TLS_CA_FILE', '/tmp/lifeline-demo-ca.crt'],
  ]);
  const render = () => renderCatalog(template, { httpPort: 18080, tcpPorts: tcpPorts(tcpSystemsIn(template)), timing: demoTiming('5s'), extra });

  beforeAll(async () => {
    template = await loadCatalogTemplate();
  });

  it('asks for TCP listeners by integration id', () => {
    expect(tcpSystemsIn(template).sort()).toEqual(['egress-firewall', 'imaging-exchange', 'internal-dns', 'pacs', 'synlab-results']);
    expect(tcpPlaceholder('egress-firewall')).toBe('SIM_TCP_EGRESS_FIREWALL_PORT');
  });

  it('renders to a catalog that validateCatalog accepts, with every placeholder filled', () => {
    const doc: unknown = parse(render());
    expect(JSON.stringify(doc)).not.toContain('${');
    const result = validateCatalog(doc);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('describes UZ Gent (demo) with the integrations the scenarios play, on the right sides', () => {
    const result = validateCatalog(parse(render()));
    if (!result.ok) throw new Error('invalid');
    const { site, integrations } = result.catalog;
    expect(site).toEqual({ name: 'UZ Gent (demo)', timezone: 'Europe/Brussels' });
    const ids = (side: string) => integrations.filter((i) => i.side === side).map((i) => i.id);
    expect(ids('internal').sort()).toEqual([...INTERNAL_SYSTEMS].sort());
    expect(ids('external').sort()).toEqual([...EXTERNAL_SYSTEMS].sort());
  });

  it('gives clinicians a summary, a fallback and a contact for every integration', () => {
    const result = validateCatalog(parse(render()));
    if (!result.ok) throw new Error('invalid');
    for (const i of result.catalog.integrations) {
      expect(i.clinician, i.id).toEqual({ summary: expect.any(String), fallback: expect.any(String), contact: expect.any(String) });
    }
  });

  it('routes every external through the egress firewall, and has one provider canary', () => {
    const result = validateCatalog(parse(render()));
    if (!result.ok) throw new Error('invalid');
    const externals = result.catalog.integrations.filter((i) => i.side === 'external');
    for (const e of externals) expect(e.dependsOn, e.id).toContain('egress-firewall');
    const canaries = externals.filter((i) => i.role === 'canary');
    expect(canaries.map((c) => [c.id, c.category])).toEqual([['provider-gateway', 'network']]);
    expect(new Set(externals.filter((e) => e.role !== 'canary').map((e) => e.partner)).size).toBe(externals.length - 1);
  });

  it('uses every check kind at least once, each with the derived timing', () => {
    const result = validateCatalog(parse(render()));
    if (!result.ok) throw new Error('invalid');
    const checks = result.catalog.integrations.flatMap((i) => i.checks);
    expect([...new Set(checks.map((c) => c.kind))].sort()).toEqual([...CHECK_KINDS].sort());
    for (const check of checks) expect(check).toMatchObject({ interval: 5000, timeout: 4000, degradedAboveMs: 1000 });
  });

  it('points each protocol check at the system the simulator plays it for', () => {
    const result = validateCatalog(parse(render()));
    if (!result.ok) throw new Error('invalid');
    const kindsOf = (id: string) => result.catalog.integrations.find((i) => i.id === id)?.checks.map((c) => c.kind);
    expect(kindsOf(PROTOCOL_SYSTEMS.mllp)).toContain('hl7-mllp');
    expect(kindsOf(PROTOCOL_SYSTEMS.fhir)).toContain('fhir');
    expect(kindsOf(PROTOCOL_SYSTEMS.dicom)).toContain('dicom-echo');
    expect(kindsOf(PROTOCOL_SYSTEMS.dns)).toContain('dns');
    expect(kindsOf(PROTOCOL_SYSTEMS.tls)).toContain('tls');
    expect(kindsOf(PROTOCOL_SYSTEMS.heartbeat)).toContain('heartbeat');
  });

  it.each([
    ['5s', { windowMs: 300_000, share: 0.5, minPartners: 2 }, { settleMs: 15_000, coolDownMs: 60_000 }],
    ['1s', { windowMs: 60_000, share: 0.5, minPartners: 2 }, { settleMs: 3_000, coolDownMs: 12_000 }],
  ] as const)('at %s, scales the perimeter window and the incident settle and cool-down with the interval', (interval, attribution, incidents) => {
    const rendered = renderCatalog(template, { httpPort: 18080, tcpPorts: tcpPorts(tcpSystemsIn(template)), timing: demoTiming(interval), extra });
    const result = validateCatalog(parse(rendered));
    if (!result.ok) throw new Error('invalid');
    expect(result.catalog.attribution).toEqual(attribution);
    expect(result.catalog.incidents).toEqual(incidents);
  });

  it('refuses to render a placeholder it cannot fill', () => {
    expect(() => renderCatalog('port: ${SIM_TCP_NOWHERE_PORT}', { httpPort: 1, tcpPorts: new Map(), timing: demoTiming() })).toThrow(
      /SIM_TCP_NOWHERE_PORT/,
    );
  });
});
