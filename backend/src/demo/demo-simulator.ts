import type { DemoInfo } from '@lifeline/shared';
import { randomBytes } from 'node:crypto';
import { PROTOCOL_SYSTEMS, demoTiming, loadCatalogTemplate, renderCatalog, tcpSystemsIn, type DemoTiming } from './demo-catalog.js';
import { DicomSystem } from './dicom-system.js';
import { DnsSystem } from './dns-system.js';
import { GatedTcpServer, type BehaviourView } from './gated-tcp.js';
import { DEMO_HEARTBEAT_KEY_ENV, HeartbeatPusher } from './heartbeat-pusher.js';
import { HttpSystems } from './http-systems.js';
import { serveMllp } from './mllp-system.js';
import {
  DEMO_SCENARIOS,
  SCENARIO_NAMES,
  SYSTEM_IDS,
  behaviourAt,
  isFailing,
  isScenarioName,
  formatClock,
  nextChangeMinute,
  parseClock,
  phaseAt,
  phaseStartMinute,
  type Behaviour,
  type DemoScenario,
  type ScenarioPhase,
} from './scenarios.js';
import { SimClock } from './sim-clock.js';
import { TcpEndpoint } from './tcp-endpoint.js';
import { TlsSystem } from './tls-system.js';

export { DEMO_SCENARIOS, SCENARIO_NAMES } from './scenarios.js';

/** The demo catalog's site time zone; the scenarios are written in its wall-clock time. */
export const DEMO_TIMEZONE = 'Europe/Brussels';
export const DEMO_LABEL = 'Demo simulator: partners are simulated on this machine';

const KNOWN_SYSTEMS: ReadonlySet<string> = new Set(SYSTEM_IDS);

export interface DemoSimulatorOptions {
  scenario: string;
  /** Simulated seconds per real second: 60 plays the 07:15–11:00 morning in 225 s. */
  timeFactor: number;
  /** Simulated clock at start, `HH:MM`; default per scenario. */
  startAt?: string;
  /** Check interval written into the catalog (default 5s); timeout and thresholds follow from it. */
  interval?: string;
  log?: (line: string) => void;
  /** Real clock, injectable for tests. */
  now?: () => number;
}

/**
 * Plays the demo catalog's partners and internal systems on loopback, following a
 * scenario on a compressed clock. Clearly labelled: every log line and answer says it
 * is simulated, so nobody mistakes the demo for a real hospital.
 */
export class DemoSimulator {
  private readonly scenario: DemoScenario;
  private readonly timing: DemoTiming;
  private readonly startAt: string;
  private readonly log: (line: string) => void;
  private clock: SimClock;
  private http: HttpSystems | undefined;
  private tcp: TcpEndpoint[] = [];
  private protocols: GatedTcpServer[] = [];
  private dns: DnsSystem | undefined;
  private dicom: DicomSystem | undefined;
  private tls: TlsSystem | undefined;
  private pusher: HeartbeatPusher | undefined;
  private rendered: string | undefined;
  private phaseTimer: NodeJS.Timeout | undefined;
  private currentPhase: ScenarioPhase | undefined;
  private stopped = false;

  constructor(private readonly opts: DemoSimulatorOptions) {
    if (!isScenarioName(opts.scenario)) throw new Error(`unknown demo scenario "${opts.scenario}"; expected one of: ${SCENARIO_NAMES.join(', ')}`);
    this.scenario = DEMO_SCENARIOS[opts.scenario];
    this.timing = demoTiming(opts.interval);
    this.startAt = opts.startAt ?? this.scenario.startAt;
    parseClock(this.startAt); // fail in the constructor, not halfway through start()
    this.log = opts.log ?? ((line) => console.log(line));
    this.clock = this.newClock();
  }

  async start(): Promise<void> {
    if (this.http || this.stopped) throw new Error('demo simulator: start() may be called once');
    const template = await loadCatalogTemplate();
    // The clock starts when the partners start answering, so the first answer is at startAt.
    this.clock = this.newClock();
    this.http = new HttpSystems({
      behaviourOf: (system) => (KNOWN_SYSTEMS.has(system) ? this.behaviourOf(system) : undefined),
      simulatedTime: () => this.clock.iso(),
      slowDelayMs: () => this.slowDelayMs(),
    });
    try {
      const httpPort = await this.http.listen();
      const tcpPorts = new Map<string, number>();
      for (const system of tcpSystemsIn(template)) {
        if (this.stopped) break; // stop() came while starting: open nothing more
        const endpoint = new TcpEndpoint(system, this.log);
        this.tcp.push(endpoint);
        tcpPorts.set(system, await endpoint.start());
      }
      const extra = this.stopped ? new Map<string, string>() : await this.startProtocols();
      // stop() during start() may have run before a listener was up; close whatever opened since.
      if (this.stopped) return void (await this.closeAll());
      // Every partner answers from now on (making the TLS certificate takes a moment): the story starts here.
      this.clock = this.newClock();
      this.rendered = renderCatalog(template, { httpPort, tcpPorts, timing: this.timing, extra });
      this.log(
        `[demo simulator] simulating scenario "${this.scenario.name}" on 127.0.0.1:${httpPort} (HTTP) and ${tcpPorts.size} TCP ports, with HL7 MLLP, FHIR, DICOM, DNS, TLS and heartbeat partners; ` +
          `simulated clock starts at ${this.startAt} and runs ${this.opts.timeFactor}× real time`,
      );
      await this.applyPhase();
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  /** The demo catalog with the simulator's real ports and the interval filled in. */
  catalogYaml(): string {
    if (this.rendered === undefined) throw new Error('demo simulator: call start() before catalogYaml()');
    return this.rendered;
  }

  /**
   * Starts the scenario afresh at `startAt`, now: called once Lifeline is watching, so that the
   * story does not play to nobody while the database and the app boot (seconds of boot are
   * minutes of a compressed morning). Phases already passed during the boot are undone.
   */
  async restartClock(): Promise<void> {
    if (this.http === undefined || this.rendered === undefined || this.stopped) return;
    clearTimeout(this.phaseTimer);
    this.clock = this.newClock();
    this.log(`[demo simulator] Lifeline is watching: simulated clock restarts at ${this.startAt}`);
    await this.applyPhase();
  }

  /**
   * Called once Lifeline listens at `baseUrl`: the simulated heartbeat partner starts pushing
   * (the first push is awaited, so the first heartbeat check finds it).
   */
  async appListening(baseUrl: string): Promise<void> {
    if (this.stopped || this.rendered === undefined) return;
    await this.pusher?.start(baseUrl);
  }

  info(): DemoInfo {
    return { scenario: this.scenario.name, simulatedTime: this.clock.iso(), label: DEMO_LABEL };
  }

  /** Closes every listener and open socket; safe to call twice. */
  async stop(): Promise<void> {
    const wasRunning = !this.stopped && this.http !== undefined;
    this.stopped = true;
    clearTimeout(this.phaseTimer);
    await this.closeAll();
    if (wasRunning) this.log('[demo simulator] stopped: simulated partners no longer answer');
  }

  private async closeAll(): Promise<void> {
    this.pusher?.stop();
    this.dicom?.stop();
    await Promise.all([this.http?.close(), ...this.tcp.map((t) => t.stop()), ...this.protocols.map((p) => p.close()), this.dns?.close(), this.tls?.stop()]);
  }

  /**
   * The protocol servers (HL7 MLLP, DICOM C-ECHO, DNS, TLS) and the heartbeat partner, each
   * following its system's behaviour; FHIR is served by the HTTP server. Returns their placeholders.
   */
  private async startProtocols(): Promise<Map<string, string>> {
    const view: BehaviourView = {
      behaviourOf: (system) => (KNOWN_SYSTEMS.has(system) ? this.behaviourOf(system) : undefined),
      slowDelayMs: () => this.slowDelayMs(),
    };
    const gated = async (system: string, serve: ConstructorParameters<typeof GatedTcpServer>[2]): Promise<string> => {
      const server = new GatedTcpServer(system, view, serve);
      this.protocols.push(server);
      return String(await server.listen());
    };
    const extra = new Map<string, string>();
    extra.set('SIM_MLLP_PORT', await gated(PROTOCOL_SYSTEMS.mllp, (socket) => serveMllp(socket, PROTOCOL_SYSTEMS.mllp)));
    this.dicom = new DicomSystem();
    await this.dicom.start();
    const dicom = this.dicom;
    extra.set('SIM_DICOM_PORT', await gated(PROTOCOL_SYSTEMS.dicom, (socket) => dicom.serve(socket)));
    this.tls = new TlsSystem();
    await this.tls.start(PROTOCOL_SYSTEMS.tls);
    const tls = this.tls;
    extra.set('SIM_TLS_PORT', await gated(PROTOCOL_SYSTEMS.tls, (socket) => tls.serve(socket)));
    extra.set('SIM_TLS_CA_FILE', tls.caFile);
    this.dns = new DnsSystem(PROTOCOL_SYSTEMS.dns, view);
    extra.set('SIM_DNS_PORT', String(await this.dns.listen()));
    // The push key: the operator's if set, else a fresh random one, in the env before the catalog is read.
    const key = (process.env[DEMO_HEARTBEAT_KEY_ENV] ||= randomBytes(24).toString('base64url'));
    this.pusher = new HeartbeatPusher(PROTOCOL_SYSTEMS.heartbeat, key, { behaviourOf: view.behaviourOf, everyMs: this.timing.intervalMs, log: this.log });
    return extra;
  }

  private slowDelayMs(): number {
    return this.timing.slowMs.min + Math.random() * (this.timing.slowMs.max - this.timing.slowMs.min);
  }

  private newClock(): SimClock {
    return new SimClock(this.startAt, this.opts.timeFactor, DEMO_TIMEZONE, this.opts.now);
  }

  private behaviourOf(system: string): Behaviour {
    return behaviourAt(this.scenario, system, this.clock.minute(), this.clock.startMinute);
  }

  /** Brings TCP listeners in line with the phase now in force, logs a change, and waits for the next one. */
  private async applyPhase(): Promise<void> {
    if (this.stopped) return;
    const phase = phaseAt(this.scenario, this.clock.minute(), this.clock.startMinute);
    if (phase !== this.currentPhase) {
      this.currentPhase = phase;
      // The phase's own time, not the moment the timer fired: a busy event loop must not rewrite the story.
      const since = formatClock(Math.max(phaseStartMinute(phase, this.clock.startMinute), this.clock.startMinute));
      this.log(`[demo simulator] ${since} simulated: ${phase.label} — ${describe(phase)}`);
      await Promise.all(this.tcp.map((t) => t.setAccepting(!isFailing(this.behaviourOf(t.system)))));
    }
    this.scheduleNext();
  }

  private scheduleNext(): void {
    const next = nextChangeMinute(this.scenario, this.clock.minute(), this.clock.startMinute);
    if (next === undefined || this.stopped) return;
    // +1 ms: a timer that fires a hair early would re-schedule rather than miss the phase.
    this.phaseTimer = setTimeout(() => void this.applyPhase(), Math.ceil(this.clock.realMsUntil(next)) + 1);
    this.phaseTimer.unref();
  }
}

/** "synlab-results, cozo-hub hang; ehealth-platform reset; others healthy" — for the log. */
function describe(phase: ScenarioPhase): string {
  const byBehaviour = new Map<Behaviour, string[]>();
  for (const [system, behaviour] of Object.entries(phase.systems) as [string, Behaviour][]) {
    if (behaviour !== 'healthy') byBehaviour.set(behaviour, [...(byBehaviour.get(behaviour) ?? []), system]);
  }
  if (byBehaviour.size === 0) return 'all simulated systems healthy';
  const parts = [...byBehaviour].map(([behaviour, systems]) => `${systems.join(', ')} ${behaviour}`);
  return `simulated ${parts.join('; ')}; others healthy`;
}
