import { describe, expect, it } from 'vitest';
import { maintenanceWindowSchema, type MaintenanceWindow } from '../../contracts/maintenance.js';
import { activeMaintenance, applyMaintenance, inMaintenance, type MaintainableStatus } from './maintenance.js';

const H = 3_600_000;
const T0 = Date.UTC(2025, 2, 4, 12, 0); // 13:00 in Brussels
const window = (integrationId: string, start: number, end: number, reason = 'server upgrade'): MaintenanceWindow => ({ integrationId, start, end, reason });
const windows = [window('synlab-results', T0, T0 + H), window('riziv', T0 + 2 * H, T0 + 3 * H)];

describe('inMaintenance', () => {
  it.each<[string, string, number, boolean]>([
    ['just before the start', 'synlab-results', T0 - 1, false],
    ['at the start (inclusive)', 'synlab-results', T0, true],
    ['in the middle', 'synlab-results', T0 + H / 2, true],
    ['1 ms before the end', 'synlab-results', T0 + H - 1, true],
    ['at the end (exclusive)', 'synlab-results', T0 + H, false],
    ['another integration', 'cozo', T0 + H / 2, false],
    ['a window later that day', 'riziv', T0 + H / 2, false],
  ])('%s → %s', (_, id, now, expected) => expect(inMaintenance(windows, id, now)).toBe(expected));

  it('a window whose end is not after its start covers nothing', () => {
    expect(inMaintenance([window('x', T0, T0)], 'x', T0)).toBe(false);
    expect(inMaintenance([window('x', T0, T0 - H)], 'x', T0 - H / 2)).toBe(false);
  });

  it('overlapping windows: the one ending last is shown', () => {
    const w = [window('x', T0, T0 + H, 'first'), window('x', T0 + H / 2, T0 + 2 * H, 'second'), window('x', T0 - H, T0 + H, 'third')];
    expect(activeMaintenance(w, 'x', T0 + H / 2 + 1)?.reason).toBe('second');
    expect(activeMaintenance(w, 'x', T0 + 1)?.reason).toBe('first');
    expect(activeMaintenance([], 'x', T0)).toBeUndefined();
  });
});

describe('applyMaintenance', () => {
  const judged: MaintainableStatus = { integrationId: 'synlab-results', status: 'down', since: T0 + 60_000, reasons: ['2 consecutive failures (refused: connection refused)'] };

  it('shows maintenance with the end time in the site time zone and the reason', () => {
    expect(applyMaintenance(judged, windows, T0 + 5 * 60_000, 'Europe/Brussels')).toEqual({
      integrationId: 'synlab-results',
      status: 'maintenance',
      since: T0,
      reasons: ['maintenance until 14:00: server upgrade', 'checks meanwhile: down (2 consecutive failures (refused: connection refused))'],
    });
  });

  it('an operational integration reads "answering normally" meanwhile', () => {
    const ok = { ...judged, status: 'operational' as const, reasons: [] };
    expect(applyMaintenance(ok, windows, T0, 'UTC').reasons).toEqual(['maintenance until 13:00: server upgrade', 'checks meanwhile: answering normally']);
  });

  it('a window ending on another day shows the date', () => {
    const long = [window('synlab-results', T0, T0 + 24 * H, 'migration')];
    expect(applyMaintenance(judged, long, T0, 'Europe/Brussels').reasons[0]).toBe('maintenance until 5 Mar 13:00: migration');
  });

  it.each<[string, number]>([
    ['before the window', T0 - 1],
    ['at the end', T0 + H],
  ])('%s the status is untouched', (_, now) => {
    expect(applyMaintenance(judged, windows, now)).toBe(judged);
  });

  it('keeps the other fields of the caller', () => {
    const wide = { ...judged, latencyMs: 120, name: 'Synlab lab results' };
    expect(applyMaintenance(wide, windows, T0)).toMatchObject({ latencyMs: 120, name: 'Synlab lab results', status: 'maintenance' });
  });
});

describe('maintenanceWindowSchema', () => {
  const valid = { integrationId: 'synlab-results', start: '2025-03-04T13:00:00+01:00', end: '2025-03-04T14:00:00+01:00', reason: 'server upgrade' };

  it('turns ISO times into epoch ms', () => {
    expect(maintenanceWindowSchema.parse(valid)).toEqual(window('synlab-results', T0, T0 + H));
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['end before start', { ...valid, end: '2025-03-04T12:00:00+01:00' }, 'end'],
    ['end equal to start', { ...valid, end: valid.start }, 'end'],
    ['no offset', { ...valid, start: '2025-03-04T13:00:00' }, 'start'],
    ['empty reason', { ...valid, reason: '  ' }, 'reason'],
    ['unknown field', { ...valid, by: 'me' }, ''],
  ])('refuses %s, naming the field', (_, input, path) => {
    const result = maintenanceWindowSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.')).toBe(path);
  });
});
