/**
 * Which daily partitions of `result` should exist and which have aged out. Pure: the
 * partitions service asks and acts. Days are UTC days, so a partition is always 24 hours
 * whatever the site's daylight-saving calendar does.
 */
export const DAY_MS = 86_400_000;
export const RESULT_PARTITION_PREFIX = 'result_p';
export const RESULT_DEFAULT_PARTITION = 'result_default';

export interface DayPartition {
  name: string;
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
}

const ymd = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The partition that holds `ms`: `result_p20250304` for [2025-03-04T00:00Z, 2025-03-05T00:00Z). */
export function dayPartitionFor(ms: number): DayPartition {
  const from = Math.floor(ms / DAY_MS) * DAY_MS;
  return { name: `${RESULT_PARTITION_PREFIX}${ymd(from).replaceAll('-', '')}`, from, to: from + DAY_MS };
}

/** Today's partition and the next `aheadDays` days'. */
export function partitionsAhead(now: number, aheadDays = 2): DayPartition[] {
  return Array.from({ length: aheadDays + 1 }, (_, i) => dayPartitionFor(now + i * DAY_MS));
}

/** The day a partition name stands for, or undefined for any other table (the default partition included). */
export function parsePartitionName(name: string): DayPartition | undefined {
  const m = /^result_p(\d{4})(\d{2})(\d{2})$/.exec(name);
  if (!m) return undefined;
  const from = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const p = dayPartitionFor(from);
  return p.name === name ? p : undefined;
}

/** Results older than this are past retention. */
export function retentionCutoff(now: number, retentionDays: number): number {
  return now - retentionDays * DAY_MS;
}

/** Partitions whose whole day lies before the cutoff: every row in them is past retention. */
export function expiredPartitions(names: readonly string[], now: number, retentionDays: number): string[] {
  const cutoff = retentionCutoff(now, retentionDays);
  return names.filter((n) => {
    const p = parsePartitionName(n);
    return p !== undefined && p.to <= cutoff;
  });
}

/** A timestamptz literal for partition bounds, which take constants, not parameters. */
export function boundLiteral(ms: number): string {
  return `'${new Date(ms).toISOString()}'`;
}
