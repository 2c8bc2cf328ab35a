import { readFile } from 'node:fs/promises';
import { formatDuration, parseDuration } from '@lifeline/shared';

/**
 * The shipped demo catalog is a template: its checks point at the simulator through
 * placeholders, because the simulator's ports are only known once it listens on port 0.
 *
 *   ${SIM_HTTP_PORT}        the simulator's HTTP server (one path per system)
 *   ${SIM_TCP_<ID>_PORT}    a TCP listener for integration <ID> (upper case, `-` as `_`)
 *   ${SIM_MLLP_PORT} ${SIM_DICOM_PORT} ${SIM_DNS_PORT} ${SIM_TLS_PORT}   the protocol servers (see PROTOCOL_SYSTEMS)
 *   ${SIM_TLS_CA_FILE}      the simulator's CA certificate (PEM), made at start
 *   ${DEMO_INTERVAL} ${DEMO_TIMEOUT} ${DEMO_DEGRADED_MS}   timing, see demoTiming()
 *   ${DEMO_WINDOW} ${DEMO_SETTLE} ${DEMO_COOL_DOWN}        attribution window, incident settle and cool-down
 *   ${DEMO_HEARTBEAT_EVERY} the heartbeat's expected cadence (2 intervals; the simulator pushes every interval)
 */
export const CATALOG_TEMPLATE_URL = new URL('./demo-catalog.yaml', import.meta.url);

export function loadCatalogTemplate(url: URL = CATALOG_TEMPLATE_URL): Promise<string> {
  return readFile(url, 'utf8');
}

export interface DemoTiming {
  intervalMs: number;
  timeoutMs: number;
  degradedAboveMs: number;
  /** Real-time delay range of a "slow" answer: above degradedAboveMs, below the timeout. */
  slowMs: { min: number; max: number };
  /** Perimeter window: how long a recovered link still counts as failing with the others (60 intervals). */
  windowMs: number;
  /** How long a partner or single-link failure waits before opening an incident (3 intervals). */
  settleMs: number;
  /** How long after the last recovery an incident stays open for a relapse (12 intervals). */
  coolDownMs: number;
}

/**
 * Timing derived from one knob, the interval, so that the rendered catalog is always
 * valid (timeout < interval) and a slow answer always lands between "degraded" and
 * "timed out". At the default 5s: timeout 4s, degraded above 1000 ms, slow 1.5–2.8 s.
 * The attribution window and the incident settle and cool-down times scale with the interval
 * too (at 5s: window 5 min, settle 15 s, cool-down 1 min), so that a demo run at a short
 * interval settles and closes incidents in proportion to its checks.
 */
export function demoTiming(interval = '5s'): DemoTiming {
  const intervalMs = parseDuration(interval);
  if (intervalMs === undefined || intervalMs < 1000) throw new Error(`demo interval must be a duration of at least 1s, got "${interval}"`);
  const timeoutMs = Math.min(4000, Math.floor(intervalMs * 0.8));
  const degradedAboveMs = Math.min(1000, Math.round(timeoutMs / 4));
  return {
    intervalMs,
    timeoutMs,
    degradedAboveMs,
    slowMs: { min: Math.round(degradedAboveMs * 1.5), max: Math.round(timeoutMs * 0.7) },
    windowMs: 60 * intervalMs,
    settleMs: 3 * intervalMs,
    coolDownMs: 12 * intervalMs,
  };
}

const PLACEHOLDER = /\$\{([A-Z0-9_]+)\}/g;
const TCP_PLACEHOLDER = /\$\{SIM_TCP_([A-Z0-9_]+)_PORT\}/g;

export function tcpPlaceholder(systemId: string): string {
  return `SIM_TCP_${systemId.toUpperCase().replaceAll('-', '_')}_PORT`;
}

/** Systems the template wants a TCP listener for: the catalog alone decides which exist. */
export function tcpSystemsIn(template: string): string[] {
  const ids = [...template.matchAll(TCP_PLACEHOLDER)].map((m) => m[1].toLowerCase().replaceAll('_', '-'));
  return [...new Set(ids)];
}

export interface RenderInput {
  httpPort: number;
  tcpPorts: ReadonlyMap<string, number>;
  timing: DemoTiming;
  /** Further placeholder values: the protocol servers' ports and the TLS CA file. */
  extra?: ReadonlyMap<string, string>;
}

/** Which simulated system each protocol server plays; the catalog's checks of that kind point at it. */
export const PROTOCOL_SYSTEMS = {
  mllp: 'synlab-results',
  fhir: 'cozo-hub',
  dicom: 'imaging-exchange',
  dns: 'internal-dns',
  tls: 'ehealth-platform',
  heartbeat: 'medication-database',
} as const;

/** Substitutes every placeholder; an unknown one is an error rather than a catalog that points nowhere. */
export function renderCatalog(template: string, input: RenderInput): string {
  const values = new Map<string, string>([
    ['SIM_HTTP_PORT', String(input.httpPort)],
    ['DEMO_INTERVAL', formatDuration(input.timing.intervalMs)],
    ['DEMO_TIMEOUT', formatDuration(input.timing.timeoutMs)],
    ['DEMO_DEGRADED_MS', String(input.timing.degradedAboveMs)],
    ['DEMO_WINDOW', formatDuration(input.timing.windowMs)],
    ['DEMO_SETTLE', formatDuration(input.timing.settleMs)],
    ['DEMO_COOL_DOWN', formatDuration(input.timing.coolDownMs)],
    // The simulated heartbeat pushes every interval; twice that is late, six times is stale.
    ['DEMO_HEARTBEAT_EVERY', formatDuration(2 * input.timing.intervalMs)],
  ]);
  for (const [id, port] of input.tcpPorts) values.set(tcpPlaceholder(id), String(port));
  for (const [name, value] of input.extra ?? []) values.set(name, value);
  const unknown = new Set<string>();
  const rendered = template.replace(PLACEHOLDER, (whole, name: string) => values.get(name) ?? (unknown.add(name), whole));
  if (unknown.size > 0) throw new Error(`demo catalog has placeholders the simulator cannot fill: ${[...unknown].join(', ')}`);
  return rendered;
}
