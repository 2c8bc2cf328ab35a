import { STALE_AFTER_MS, TICK_INTERVAL_MS } from '@lifeline/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeTransport } from '../testing/fake-transport';
import { aSnapshot, aVerdict, anIncident, anIntegration, T0 } from '../testing/builders';
import { RESYNC_RETRY_MS } from './live-reducer';
import { createLiveStore } from './live-store';
import type { LiveStore } from './live-store';

let transport: FakeTransport;
let store: LiveStore;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  transport = new FakeTransport();
  store = createLiveStore(transport);
  store.start();
  transport.connect();
});

afterEach(() => {
  store.stop();
  vi.useRealTimers();
});

const statusOf = (id: string) => store.getState().snapshot?.integrations.find((i) => i.id === id)?.status;

describe('live store: snapshot, then deltas', () => {
  it('is connecting, with nothing to show, until the first snapshot', () => {
    expect(store.getState()).toMatchObject({ connection: 'connecting', snapshot: null, lastUpdateAt: null });
  });

  it('goes live on the snapshot and applies each following event in order', () => {
    transport.send({ type: 'snapshot', snapshot: aSnapshot({ seq: 100 }) });
    expect(store.getState()).toMatchObject({ connection: 'live', lastSeq: 100, lastUpdateAt: T0 });
    expect(statusOf('synlab-results')).toBe('operational');

    const degraded = anIntegration({ status: 'degraded', latencyMs: 2300, reasons: ['slow: 2300 ms, above 1500 ms'] });
    transport.send({ type: 'integration.updated', event: { seq: 101, integration: degraded } });
    expect(statusOf('synlab-results')).toBe('degraded');
    expect(statusOf('interface-engine')).toBe('operational');

    const verdict = aVerdict({ external: 'degraded', cause: 'perimeter', summary: 'Hospital systems normal. 1 of 1 external link slow.' });
    transport.send({ type: 'verdict.updated', event: { seq: 102, verdict } });
    expect(store.getState().snapshot?.verdict).toEqual(verdict);

    const serverTime = new Date(T0 + 5_000).toISOString();
    transport.send({ type: 'tick', event: { seq: 103, serverTime } });
    expect(store.getState().snapshot?.serverTime).toBe(serverTime);
    expect(store.getState().lastSeq).toBe(103);
    expect(transport.snapshotRequests).toBe(0);
  });

  it('adds an integration it has not seen before', () => {
    transport.send({ type: 'snapshot', snapshot: aSnapshot({ seq: 1 }) });
    transport.send({ type: 'integration.updated', event: { seq: 2, integration: anIntegration({ id: 'mediris', name: 'MediRIS' }) } });
    expect(store.getState().snapshot?.integrations.map((i) => i.id)).toEqual(['interface-engine', 'synlab-results', 'mediris']);
  });

  it('takes refreshed latency, freshness and reasons of many integrations in one event, status untouched', () => {
    transport.send({ type: 'snapshot', snapshot: aSnapshot({ seq: 1 }) });
    const checkedAt = new Date(T0 + 4_000).toISOString();
    transport.send({
      type: 'integrations.refreshed',
      event: { seq: 2, integrations: [{ id: 'synlab-results', latencyMs: 1234, lastCheckedAt: checkedAt, reasons: ['slow: 1234 ms'], delay: 90_000 }] },
    });
    const synlab = store.getState().snapshot?.integrations.find((i) => i.id === 'synlab-results');
    expect(synlab).toMatchObject({ status: 'operational', latencyMs: 1234, lastCheckedAt: checkedAt, reasons: ['slow: 1234 ms'], delay: 90_000 });
    expect(store.getState().snapshot?.integrations.find((i) => i.id === 'interface-engine')).toEqual(aSnapshot().integrations.find((i) => i.id === 'interface-engine'));
    // A source whose data is no longer late: the delay goes.
    transport.send({ type: 'integrations.refreshed', event: { seq: 3, integrations: [{ id: 'synlab-results', latencyMs: 20, lastCheckedAt: checkedAt, reasons: [] }] } });
    expect(store.getState().snapshot?.integrations.find((i) => i.id === 'synlab-results')?.delay).toBeUndefined();
    expect(store.getState().lastSeq).toBe(3);
  });

  it('measures the server clock against its own', () => {
    transport.send({ type: 'snapshot', snapshot: aSnapshot({ serverTime: new Date(T0 + 30_000).toISOString() }) });
    expect(store.getState().serverOffsetMs).toBe(30_000);
  });

  it('tells subscribers about each change, and stops when asked', () => {
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    transport.send({ type: 'snapshot', snapshot: aSnapshot() });
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    transport.send({ type: 'tick', event: { seq: 101, serverTime: new Date(T0).toISOString() } });
    expect(listener).toHaveBeenCalledTimes(1);
    store.stop();
    expect(transport.closed).toBe(1);
  });
});

describe('live store: incidents', () => {
  beforeEach(() => transport.send({ type: 'snapshot', snapshot: aSnapshot({ seq: 1 }) }));
  const incidents = () => store.getState().snapshot?.incidents.map((i) => [i.id, i.status]);

  it('adds an opened incident, replaces it on update, and drops it once resolved', () => {
    transport.send({ type: 'incident.opened', event: { seq: 2, incident: anIncident() } });
    expect(incidents()).toEqual([['inc-1', 'degraded']]);
    transport.send({ type: 'incident.updated', event: { seq: 3, incident: anIncident({ status: 'down' }) } });
    expect(incidents()).toEqual([['inc-1', 'down']]);
    transport.send({ type: 'incident.resolved', event: { seq: 4, incident: anIncident({ status: 'operational' }) } });
    expect(incidents()).toEqual([]);
    expect(transport.snapshotRequests).toBe(0);
  });

  it('takes a snapshot without incidents (an older backend) as none', () => {
    const { incidents: _, ...old } = aSnapshot({ seq: 5 });
    transport.send({ type: 'snapshot', snapshot: old as never });
    expect(store.getState().snapshot?.incidents).toEqual([]);
  });

  it('hands every message to message listeners after the state took it in', () => {
    const seen: [string, number | null][] = [];
    const off = store.subscribeMessages((m) => seen.push([m.type, store.getState().lastSeq]));
    transport.send({ type: 'incident.opened', event: { seq: 2, incident: anIncident() } });
    transport.send({ type: 'tick', event: { seq: 3, serverTime: new Date(T0).toISOString() } });
    off();
    transport.send({ type: 'tick', event: { seq: 4, serverTime: new Date(T0).toISOString() } });
    expect(seen).toEqual([['incident.opened', 2], ['tick', 3]]);
  });
});

describe('live store: seq', () => {
  beforeEach(() => transport.send({ type: 'snapshot', snapshot: aSnapshot({ seq: 100 }) }));

  it('asks for a fresh snapshot on a gap, and still applies the newer event', () => {
    transport.send({ type: 'integration.updated', event: { seq: 104, integration: anIntegration({ status: 'down' }) } });
    expect(transport.snapshotRequests).toBe(1);
    expect(statusOf('synlab-results')).toBe('down');
  });

  it('asks once while the snapshot is on its way, again if it does not come', () => {
    transport.send({ type: 'tick', event: { seq: 103, serverTime: new Date(T0).toISOString() } });
    transport.send({ type: 'tick', event: { seq: 106, serverTime: new Date(T0).toISOString() } });
    expect(transport.snapshotRequests).toBe(1);

    vi.advanceTimersByTime(RESYNC_RETRY_MS);
    transport.send({ type: 'tick', event: { seq: 109, serverTime: new Date(T0).toISOString() } });
    expect(transport.snapshotRequests).toBe(2);

    transport.send({ type: 'snapshot', snapshot: aSnapshot({ seq: 110 }) });
    expect(store.getState().resyncRequestedAt).toBeNull();
    transport.send({ type: 'tick', event: { seq: 111, serverTime: new Date(T0).toISOString() } });
    expect(transport.snapshotRequests).toBe(2);
  });

  it('ignores a duplicate event', () => {
    transport.send({ type: 'integration.updated', event: { seq: 101, integration: anIntegration({ status: 'degraded' }) } });
    transport.send({ type: 'integration.updated', event: { seq: 101, integration: anIntegration({ status: 'down' }) } });
    expect(statusOf('synlab-results')).toBe('degraded');
    expect(transport.snapshotRequests).toBe(0);
  });

  it('distrusts a sequence that goes back: ignores the event and resyncs', () => {
    transport.send({ type: 'integration.updated', event: { seq: 42, integration: anIntegration({ status: 'down' }) } });
    expect(statusOf('synlab-results')).toBe('operational');
    expect(transport.snapshotRequests).toBe(1);
  });

  it('asks for a snapshot when events come before any snapshot', () => {
    const fresh = new FakeTransport();
    const other = createLiveStore(fresh);
    other.start();
    fresh.connect();
    fresh.send({ type: 'tick', event: { seq: 7, serverTime: new Date(T0).toISOString() } });
    expect(fresh.snapshotRequests).toBe(1);
    expect(other.getState().connection).toBe('connecting');
    other.stop();
  });
});

describe('live store: stale', () => {
  beforeEach(() => transport.send({ type: 'snapshot', snapshot: aSnapshot({ seq: 100 }) }));

  it(`turns stale after ${STALE_AFTER_MS} ms without any event, keeping the time of the last one`, () => {
    vi.advanceTimersByTime(STALE_AFTER_MS - 1);
    expect(store.getState().connection).toBe('live');
    vi.advanceTimersByTime(1);
    expect(store.getState()).toMatchObject({ connection: 'stale', lastUpdateAt: T0 });
  });

  it('stays live while ticks keep coming', () => {
    for (let seq = 101; seq <= 112; seq++) {
      vi.advanceTimersByTime(TICK_INTERVAL_MS);
      transport.send({ type: 'tick', event: { seq, serverTime: new Date(Date.now()).toISOString() } });
    }
    expect(store.getState().connection).toBe('live');
  });

  it('is live again as soon as events resume', () => {
    vi.advanceTimersByTime(STALE_AFTER_MS);
    expect(store.getState().connection).toBe('stale');
    transport.send({ type: 'tick', event: { seq: 101, serverTime: new Date(Date.now()).toISOString() } });
    expect(store.getState()).toMatchObject({ connection: 'live', lastUpdateAt: T0 + STALE_AFTER_MS });
  });
});

describe('live store: reconnect', () => {
  it('is offline when the connection drops, keeping the last data and when it came', () => {
    transport.send({ type: 'snapshot', snapshot: aSnapshot({ seq: 100 }) });
    vi.advanceTimersByTime(3_000);
    transport.drop();
    expect(store.getState()).toMatchObject({ connection: 'offline', lastUpdateAt: T0, lastSeq: 100 });
    expect(store.getState().snapshot).not.toBeNull();
    vi.advanceTimersByTime(STALE_AFTER_MS);
    expect(store.getState().connection).toBe('offline');
  });

  it('is only live again once the fresh snapshot after reconnecting arrives', () => {
    transport.send({ type: 'snapshot', snapshot: aSnapshot({ seq: 100 }) });
    transport.drop();
    transport.connect();
    expect(store.getState().connection).toBe('connecting');

    // The server restarted: its sequence starts over, and the snapshot is the new baseline.
    const restarted = aSnapshot({ seq: 3, integrations: [anIntegration({ status: 'down' })] });
    vi.advanceTimersByTime(8_000);
    transport.send({ type: 'snapshot', snapshot: restarted });
    expect(store.getState()).toMatchObject({ connection: 'live', lastSeq: 3, lastUpdateAt: T0 + 8_000 });
    expect(statusOf('synlab-results')).toBe('down');

    transport.send({ type: 'tick', event: { seq: 4, serverTime: new Date(Date.now()).toISOString() } });
    expect(store.getState().lastSeq).toBe(4);
    expect(transport.snapshotRequests).toBe(0);
  });
});
