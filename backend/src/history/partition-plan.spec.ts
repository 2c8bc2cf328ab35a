import { describe, expect, it } from 'vitest';
import { boundLiteral, dayPartitionFor, expiredPartitions, parsePartitionName, partitionsAhead } from './partition-plan.js';

const at = (iso: string) => Date.parse(iso);

describe('daily result partitions', () => {
  it('names the UTC day that holds a time', () => {
    expect(dayPartitionFor(at('2025-03-04T23:59:59.999Z'))).toEqual({ name: 'result_p20250304', from: at('2025-03-04T00:00:00Z'), to: at('2025-03-05T00:00:00Z') });
    expect(dayPartitionFor(at('2025-03-05T00:00:00Z')).name).toBe('result_p20250305');
  });

  it('plans today and two days ahead, across a month end', () => {
    expect(partitionsAhead(at('2025-02-27T18:00:00Z')).map((p) => p.name)).toEqual(['result_p20250227', 'result_p20250228', 'result_p20250301']);
  });

  it('reads names back, and ignores anything else', () => {
    expect(parsePartitionName('result_p20250304')?.from).toBe(at('2025-03-04T00:00:00Z'));
    for (const other of ['result_default', 'result_p2025030', 'result_p20250230', 'result_rollup_1m', 'xresult_p20250304']) expect(parsePartitionName(other), other).toBeUndefined();
  });

  it.each([
    ['a day wholly before the cutoff expires', 'result_p20250201', true],
    ['the day the cutoff falls in is kept', 'result_p20250202', false],
    ['recent days are kept', 'result_p20250303', false],
    ['the default partition is never dropped', 'result_default', false],
  ])('%s', (_name, partition, expired) => {
    // now 2025-03-04 12:00Z, 30 days: the cutoff is 2025-02-02 12:00Z.
    expect(expiredPartitions([partition], at('2025-03-04T12:00:00Z'), 30)).toEqual(expired ? [partition] : []);
  });

  it('writes bounds as UTC literals', () => {
    expect(boundLiteral(at('2025-03-04T00:00:00Z'))).toBe("'2025-03-04T00:00:00.000Z'");
  });
});
