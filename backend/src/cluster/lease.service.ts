import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { CatalogService } from '../catalog/catalog.service.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { clusterTiming, isClustered, type ClusterTiming } from './cluster-timing.js';
import { INSTANCE_ID } from './instance-id.js';

const ttl = (ms: number) => `${ms} milliseconds`;
/** TypeORM answers an UPDATE … RETURNING with `[rows, count]`, a SELECT with the rows. */
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];

/** The owner's clock starts its validity a little before the database's renewal time. */
const UNSURE_MARGIN_MS = 100;

/**
 * When to count a taken-over check's last run elsewhere (the next runs an interval later), from
 * the start its lease recorded (`last`) and, for a lease that lapsed rather than was released,
 * when it lapsed. A lapsed lease was last renewed a TTL before; its owner, dead since or only
 * late to renew, may have run the check until then. A run due in that window may or may not
 * have happened: counting one at 0.6 of the interval after the recorded start keeps both
 * bounds. Had it run, the next comes 0.6 interval after it; had it not, 1.6 intervals after the
 * recorded one.
 */
export function takenOverRun(last: number | null, lapsed: number | null, intervalMs: number, timing: ClusterTiming): number | undefined {
  if (lapsed === null) return last ?? undefined; // released: the recorded start is the last one
  const renewedAt = Number(lapsed) - timing.ttlMs;
  if (last === null) return renewedAt; // nothing recorded: assume it ran at its owner's last renewal
  const due = Number(last) + intervalMs;
  const unsure = due <= renewedAt + timing.ttlMs + UNSURE_MARGIN_MS;
  return unsure ? Number(last) + 0.6 * intervalMs : Number(last);
}
/**
 * Splits the checks between live instances by leases in PostgreSQL: each renewal this instance
 * heartbeats, renews its leases, counts the live instances, gives back what exceeds its fair
 * share (so a new instance gets work) and claims expired or unowned checks up to that share
 * (`FOR UPDATE SKIP LOCKED`, so two instances never claim the same one). A stopped instance's
 * leases expire after the TTL and are taken over. Without a shared database it owns everything.
 */
@Injectable()
export class LeaseService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Leases');
  private readonly clustered: boolean;
  readonly timing: ClusterTiming;
  private owned = new Set<string>();
  /** Ownership is trusted locally only until the leases could have expired in the database. */
  private validUntil = 0;
  /** When this instance last started each check: recorded on the lease at each renewal, and at release. */
  private readonly ownRuns = new Map<string, number>();
  /** Started since the last renewal, so not yet recorded. */
  private readonly unrecorded = new Set<string>();
  private readonly intervals: Map<string, number>;
  /** When another instance last started each check (relayed observations, claimed leases). */
  private readonly otherRuns = new Map<string, number>();
  /** Its own connections: a busy application pool (a burst of writes) must not let leases lapse. */
  private pool?: pg.Pool;
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private stopped = false;
  /** The last renewal failed: the database is out of reach, so nobody can take our leases either. */
  private unreachable = false;
  liveInstances = 1;

  constructor(
    private readonly db: DataSource,
    private readonly catalog: CatalogService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.clustered = isClustered(config);
    this.timing = clusterTiming(catalog.checks().map((c) => c.interval));
    this.intervals = new Map(catalog.checks().map((c) => [c.id, c.interval]));
  }

  get instanceId(): string {
    return INSTANCE_ID;
  }

  owns(checkId: string): boolean {
    if (!this.clustered) return true;
    // During a database outage the checks we hold keep running (their results are spooled).
    return this.owned.has(checkId) && (this.unreachable || this.liveInstances <= 1 || Date.now() < this.validUntil);
  }

  noteOwnRun(checkId: string, startedAt: number): void {
    if (!this.clustered) return;
    this.ownRuns.set(checkId, startedAt);
    this.unrecorded.add(checkId);
  }

  noteRunElsewhere(checkId: string, startedAt: number): void {
    if (startedAt > (this.otherRuns.get(checkId) ?? 0)) this.otherRuns.set(checkId, startedAt);
  }

  /** When another instance last ran the check: a check taken over waits out the interval since. */
  lastRunElsewhere(checkId: string): number | undefined {
    return this.otherRuns.get(checkId);
  }

  ownedCount(): number {
    return this.clustered ? this.owned.size : this.catalog.checks().length;
  }

  async onModuleInit(): Promise<void> {
    if (!this.clustered) return;
    const ids = this.catalog.checks().map((c) => c.id);
    this.pool = new pg.Pool({ connectionString: (this.db.options as { url?: string }).url, max: 2, application_name: 'lifeline-leases' });
    this.pool.on('error', () => undefined);
    await this.db.query(`INSERT INTO "check_lease" ("check_id") SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [ids]);
    await this.db.query(`DELETE FROM "instance" WHERE "heartbeat_at" < now() - interval '1 day'`);
    await this.tick();
    this.logger.log(`instance ${INSTANCE_ID}: ${this.owned.size} of ${ids.length} checks leased, ${this.liveInstances} live instance(s), lease TTL ${this.timing.ttlMs} ms`);
    this.timer = setInterval(() => {
      if (!this.ticking) this.ticking = this.tick().finally(() => (this.ticking = undefined));
    }, this.timing.renewMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (!this.clustered) return;
    this.stopped = true;
    clearInterval(this.timer);
    await this.ticking;
    this.owned.clear();
    // Hand the checks over at once rather than after the TTL.
    const recorded = [...this.unrecorded];
    await this.sql(
      `UPDATE "check_lease" l SET "instance_id" = NULL, "expires_at" = 'epoch', "last_started_at" = COALESCE(to_timestamp(v.t / 1000.0), l."last_started_at")
       FROM "check_lease" k LEFT JOIN unnest($2::text[], $3::float8[]) AS v(id, t) ON v.id = k."check_id"
       WHERE k."check_id" = l."check_id" AND l."instance_id" = $1`,
      [INSTANCE_ID, recorded, recorded.map((id) => this.ownRuns.get(id) ?? null)],
    ).catch(() => undefined);
    await this.sql(`DELETE FROM "instance" WHERE "id" = $1`, [INSTANCE_ID]).catch(() => undefined);
    const pool = this.pool;
    this.pool = undefined;
    await Promise.race([pool?.end().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are typed at each call
  private async sql(text: string, params: unknown[]): Promise<any[]> {
    if (!this.pool) throw new Error('lease pool closed');
    return (await this.pool.query(text, params)).rows;
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    const started = Date.now();
    try {
      const ids = this.catalog.checks().map((c) => c.id);
      const t = ttl(this.timing.ttlMs);
      await this.sql(
        `INSERT INTO "instance" ("id", "heartbeat_at") VALUES ($1, now()) ON CONFLICT ("id") DO UPDATE SET "heartbeat_at" = now()`,
        [INSTANCE_ID],
      );
      // Renew, and record when each check last started here: whoever takes a lease over after
      // this instance dies knows when the check ran, up to this renewal.
      const recorded = [...this.unrecorded];
      this.unrecorded.clear();
      const renewed = rowsOf<{ check_id: string }>(await this.sql(
        `UPDATE "check_lease" l SET "expires_at" = now() + $2::interval, "last_started_at" = COALESCE(to_timestamp(v.t / 1000.0), l."last_started_at")
         FROM "check_lease" k LEFT JOIN unnest($3::text[], $4::float8[]) AS v(id, t) ON v.id = k."check_id"
         WHERE k."check_id" = l."check_id" AND l."instance_id" = $1 AND l."expires_at" > now() RETURNING l."check_id"`,
        [INSTANCE_ID, t, recorded, recorded.map((id) => this.ownRuns.get(id) ?? null)],
      ).catch((err) => {
        for (const id of recorded) this.unrecorded.add(id);
        throw err;
      }));
      const mine = new Set(renewed.map((r) => r.check_id));
      const [{ n }] = await this.sql(`SELECT count(*)::int AS n FROM "instance" WHERE "heartbeat_at" > now() - $1::interval`, [t]);
      this.liveInstances = Math.max(1, n);
      const share = Math.ceil(ids.length / this.liveInstances);
      if (mine.size > share) {
        const extra = [...mine].sort().slice(share);
        // Stop running them first, so the start time handed over is the last one.
        for (const id of extra) {
          mine.delete(id);
          this.owned.delete(id);
        }
        await this.sql(
          `UPDATE "check_lease" l SET "instance_id" = NULL, "expires_at" = 'epoch', "last_started_at" = COALESCE(to_timestamp(v.t / 1000.0), l."last_started_at")
           FROM unnest($2::text[], $3::float8[]) AS v(id, t) WHERE l."check_id" = v.id AND l."instance_id" = $1`,
          [INSTANCE_ID, extra, extra.map((id) => this.ownRuns.get(id) ?? null)],
        );
      } else if (mine.size < share) {
        const claimed = rowsOf<{ check_id: string; last: number | null; lapsed: number | null }>(await this.sql(
          `WITH free AS (SELECT "check_id", "instance_id" AS "old_owner", "expires_at" AS "old_expiry" FROM "check_lease"
                         WHERE "expires_at" <= now() AND "check_id" = ANY($3::text[])
                         ORDER BY "check_id" LIMIT $4 FOR UPDATE SKIP LOCKED)
           UPDATE "check_lease" l SET "instance_id" = $1, "expires_at" = now() + $2::interval FROM free
           WHERE l."check_id" = free."check_id"
           RETURNING l."check_id", (extract(epoch FROM l."last_started_at") * 1000)::float8 AS last,
                     CASE WHEN free."old_owner" IS NOT NULL THEN (extract(epoch FROM free."old_expiry") * 1000)::float8 END AS lapsed`,
          [INSTANCE_ID, t, ids, share - mine.size],
        ));
        for (const r of claimed) {
          mine.add(r.check_id);
          const last = takenOverRun(r.last, r.lapsed, this.intervals.get(r.check_id) ?? this.timing.ttlMs, this.timing);
          if (last !== undefined) this.noteRunElsewhere(r.check_id, last);
        }
      }
      if (this.stopped) return;
      this.owned = mine;
      this.validUntil = started + this.timing.ttlMs - 50;
      this.unreachable = false;
    } catch (err) {
      if (!this.unreachable) this.logger.warn(`lease renewal failed, keeping the checks held: ${(err as Error).message}`);
      this.unreachable = true;
    }
  }
}
