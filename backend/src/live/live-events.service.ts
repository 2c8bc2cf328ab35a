import { Injectable } from '@nestjs/common';
import type { IncidentSnapshot, IntegrationRefresh, IntegrationSnapshot, Verdict } from '@lifeline/shared';
import { merge, Subject, type Observable } from 'rxjs';

/** An event for `/live`, already numbered. */
export type LiveEvent =
  | { name: 'integration.updated'; payload: { seq: number; integration: IntegrationSnapshot } }
  | { name: 'integrations.refreshed'; payload: { seq: number; integrations: IntegrationRefresh[] } }
  | { name: 'verdict.updated'; payload: { seq: number; verdict: Verdict } }
  | { name: 'incident.opened' | 'incident.updated' | 'incident.resolved'; payload: { seq: number; incident: IncidentSnapshot } }
  | { name: 'tick'; payload: { seq: number; serverTime: string } };

type Unnumbered<E> = E extends { name: infer N; payload: infer P } ? { name: N; payload: Omit<P, 'seq'> } : never;

/**
 * The in-process stream of live events. It numbers every event with a monotonically
 * increasing `seq`, so a client that sees a gap knows to ask for a new snapshot.
 * Producers publish here; the gateway subscribes; neither knows the other.
 */
@Injectable()
export class LiveEventsService {
  private seq = 0;
  private readonly subject = new Subject<LiveEvent>();
  private readonly relayed = new Subject<LiveEvent>();

  /** Events this instance produced (what its audit recorder records). */
  get events(): Observable<LiveEvent> {
    return this.subject.asObservable();
  }

  /** Everything this instance's clients get: its own events and those relayed from the leader. */
  get outgoing(): Observable<LiveEvent> {
    return merge(this.subject, this.relayed);
  }

  /** The seq of the last event sent; a snapshot taken now carries it. */
  get currentSeq(): number {
    return this.seq;
  }

  publish(event: Unnumbered<LiveEvent>): void {
    this.seq += 1;
    this.subject.next({ name: event.name, payload: { ...event.payload, seq: this.seq } } as LiveEvent);
  }

  /** An event another instance produced (an incident change by the leader), numbered in this instance's sequence. */
  publishRelayed(event: Unnumbered<LiveEvent>): void {
    this.seq += 1;
    this.relayed.next({ name: event.name, payload: { ...event.payload, seq: this.seq } } as LiveEvent);
  }
}
