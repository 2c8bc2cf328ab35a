import {
  applyRefresh,
  LIVE_EVENTS,
  LIVE_NAMESPACE,
  type IncidentEvent,
  type IncidentSnapshot,
  type IntegrationSnapshot,
  type IntegrationsRefreshedEvent,
  type IntegrationUpdatedEvent,
  type Snapshot,
  type TickEvent,
  type Verdict,
  type VerdictUpdatedEvent,
} from '@lifeline/shared';
import { io, type Socket } from 'socket.io-client';
import { expectEventually } from './expect-eventually.js';

export type LiveEventName = (typeof LIVE_EVENTS)[number];

interface Payloads {
  snapshot: Snapshot;
  'integration.updated': IntegrationUpdatedEvent;
  'integrations.refreshed': IntegrationsRefreshedEvent;
  'verdict.updated': VerdictUpdatedEvent;
  'incident.opened': IncidentEvent;
  'incident.updated': IncidentEvent;
  'incident.resolved': IncidentEvent;
  tick: TickEvent;
}

/** One event as the client got it, with the real time it arrived (the test's clock is the server's). */
export interface Received<N extends LiveEventName = LiveEventName> {
  name: N;
  receivedAt: number;
  payload: Payloads[N];
}

export interface Seen<T> {
  receivedAt: number;
  seq: number;
  value: T;
}

/**
 * A socket.io client on `/live` that keeps every event it receives, in order, so a scenario
 * can assert on the whole story afterwards: what the wall was told, and when.
 */
export class LiveRecorder {
  readonly received: Received[] = [];

  private constructor(private readonly socket: Socket) {
    for (const name of LIVE_EVENTS) {
      socket.on(name, (payload: Payloads[typeof name]) => this.received.push({ name, receivedAt: Date.now(), payload } as Received));
    }
  }

  /** Connects and waits for the snapshot the server sends on connect. */
  static async connect(baseUrl: string): Promise<LiveRecorder> {
    const recorder = new LiveRecorder(io(`${baseUrl}${LIVE_NAMESPACE}`, { transports: ['websocket'], reconnection: false }));
    await expectEventually(() => recorder.first('snapshot'), { timeout: 20_000 });
    return recorder;
  }

  close(): void {
    this.socket.close();
  }

  all<N extends LiveEventName>(name: N): Received<N>[] {
    return this.received.filter((e): e is Received<N> => e.name === name);
  }

  /** The first event of that name; throws (for expectEventually) while there is none. */
  first<N extends LiveEventName>(name: N, where: (payload: Payloads[N]) => boolean = () => true): Received<N> {
    const found = this.all(name).find((e) => where(e.payload));
    if (!found) throw new Error(`no "${name}" event${where.length ? ' matching' : ''} received yet (${this.received.length} events so far)`);
    return found;
  }

  /**
   * Every picture of an integration the wall was given, in order: in snapshots, in
   * integration.updated, and in integrations.refreshed (applied to the picture before it, as
   * the wall's store does).
   */
  integrations(id?: string): Seen<IntegrationSnapshot>[] {
    const latest = new Map<string, IntegrationSnapshot>();
    return this.received.flatMap((e): Seen<IntegrationSnapshot>[] => {
      let list: IntegrationSnapshot[] = [];
      if (e.name === 'snapshot') list = (e.payload as Snapshot).integrations;
      else if (e.name === 'integration.updated') list = [(e.payload as IntegrationUpdatedEvent).integration];
      else if (e.name === 'integrations.refreshed') {
        list = (e.payload as IntegrationsRefreshedEvent).integrations.flatMap((r) => {
          const before = latest.get(r.id);
          return before ? [applyRefresh(before, r)] : [];
        });
      }
      for (const i of list) latest.set(i.id, i);
      return list.filter((i) => id === undefined || i.id === id).map((value) => ({ receivedAt: e.receivedAt, seq: e.payload.seq, value }));
    });
  }

  /** Every verdict the wall was given: in snapshots and in verdict.updated, in order. */
  verdicts(): Seen<Verdict>[] {
    return this.received.flatMap((e): Seen<Verdict>[] => {
      if (e.name === 'snapshot') return [{ receivedAt: e.receivedAt, seq: e.payload.seq, value: (e.payload as Snapshot).verdict }];
      if (e.name === 'verdict.updated') return [{ receivedAt: e.receivedAt, seq: e.payload.seq, value: (e.payload as VerdictUpdatedEvent).verdict }];
      return [];
    });
  }

  /** Every incident event (opened, updated, resolved) in order, with its type. */
  incidents(): Array<Seen<IncidentSnapshot> & { type: 'opened' | 'updated' | 'resolved' }> {
    return this.received.flatMap((e) =>
      e.name === 'incident.opened' || e.name === 'incident.updated' || e.name === 'incident.resolved'
        ? [{ type: e.name.slice('incident.'.length) as 'opened' | 'updated' | 'resolved', receivedAt: e.receivedAt, seq: e.payload.seq, value: (e.payload as IncidentEvent).incident }]
        : [],
    );
  }

  /** The status an integration showed after each change the wall was told of (repeats collapsed). */
  statusChanges(id: string): Array<{ status: string; receivedAt: number }> {
    const changes: Array<{ status: string; receivedAt: number }> = [];
    for (const seen of this.integrations(id)) {
      if (changes.at(-1)?.status !== seen.value.status) changes.push({ status: seen.value.status, receivedAt: seen.receivedAt });
    }
    return changes;
  }

  /**
   * The first moment every integration the wall knows of was operational at once (the picture
   * settled after the boot): the event that completed it. Throws while that has not happened.
   */
  firstAllOperational(): { seq: number; receivedAt: number } {
    const latest = new Map<string, string>();
    for (const seen of this.integrations()) {
      latest.set(seen.value.id, seen.value.status);
      if ([...latest.values()].every((status) => status === 'operational')) return { seq: seen.seq, receivedAt: seen.receivedAt };
    }
    throw new Error(`not every integration has been operational at once yet: ${[...latest].filter(([, s]) => s !== 'operational').map(([id, s]) => `${id} ${s}`).join(', ')}`);
  }

  /** Seqs of the deltas after the first snapshot: they must only ever increase. */
  deltaSeqs(): number[] {
    return this.received.filter((e) => e.name !== 'snapshot').map((e) => e.payload.seq);
  }
}
