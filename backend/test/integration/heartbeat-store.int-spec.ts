import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterBus } from '../../src/cluster/cluster-bus.service.js';
import { HeartbeatStore } from '../../src/heartbeats/heartbeat-store.service.js';
import { HeartbeatRepository } from '../../src/heartbeats/heartbeat.repository.js';
import { migratedDatabase, type MigratedDatabase } from '../support/migrated-database.js';
import { DATABASE_TARGETS } from '../support/test-database.js';

const MIN = 60_000;
const LAB = { id: 'lab-feed#0', integrationId: 'lab-feed' };

describe.each(DATABASE_TARGETS)('the heartbeat store ($label)', ({ open }) => {
  let m: MigratedDatabase;
  let clock = Date.parse('2026-03-02T07:00:00Z');
  const newStore = async () => {
    const store = new HeartbeatStore(new HeartbeatRepository(m.db), () => clock, new ClusterBus());
    await store.onModuleInit();
    return store;
  };

  beforeAll(async () => {
    m = await migratedDatabase(open);
  });
  afterAll(async () => {
    await m?.close();
  });

  it('knows nothing before the first push', async () => {
    const store = await newStore();
    expect(store.last(LAB.id)).toBeUndefined();
    expect(store.usualCadenceMs(LAB.id)).toBeUndefined();
  });

  it('keeps the last heartbeat and the usual cadence across a restart', async () => {
    const store = await newStore();
    for (const gap of [5, 5, 6, 5, 30]) {
      clock += gap * MIN;
      store.record(LAB, {});
    }
    clock += 5 * MIN;
    const last = store.record(LAB, { lastMessageAt: clock - 2 * MIN, queueDepth: 7 });
    expect(store.usualCadenceMs(LAB.id)).toBe(5 * MIN);
    await store.flushed();

    const restarted = await newStore();
    expect(restarted.last(LAB.id)).toEqual(last);
    expect(restarted.usualCadenceMs(LAB.id)).toBe(store.usualCadenceMs(LAB.id));
    const rows: Array<Record<string, unknown>> = await m.db.query(`SELECT * FROM "heartbeat"`);
    expect(rows).toHaveLength(1);
  });

  it('measures the cadence of messages: a repeated lastMessageAt adds no interval', async () => {
    const store = await newStore();
    const before = store.usualCadenceMs(LAB.id);
    const at = clock - 2 * MIN; // the lastMessageAt of the previous push
    clock += MIN;
    store.record(LAB, { lastMessageAt: at });
    expect(store.usualCadenceMs(LAB.id)).toBe(before);
    await store.flushed();
  });

  it('keeps about twenty heartbeats per check, not more', async () => {
    const store = await newStore();
    for (let i = 0; i < 50; i++) {
      clock += MIN;
      store.record(LAB, {});
    }
    await store.flushed();
    const [row]: Array<{ recent: number[] }> = await m.db.query(`SELECT "recent" FROM "heartbeat" WHERE "check_id" = $1`, [LAB.id]);
    expect(row.recent).toHaveLength(21);
    expect(store.usualCadenceMs(LAB.id)).toBe(MIN);
  });
});
