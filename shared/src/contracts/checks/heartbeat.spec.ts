import { describe, expect, it } from 'vitest';
import { validateCatalog } from '../catalog.js';
import { checkSchema } from './index.js';

/** The errors a one-check catalog gets for its check, by path. */
function errorsFor(check: Record<string, unknown>): string[] {
  const result = validateCatalog({
    site: { name: 'Test', timezone: 'Europe/Brussels' },
    integrations: [{ id: 'lab-feed', name: 'Lab feed', side: 'external', category: 'lab', partner: 'Lab', checks: [check] }],
  });
  return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
}

const BASE = { kind: 'heartbeat', keyEnv: 'LAB_FEED_KEY', expectEvery: '5m' };
const SCHEDULE = { businessHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '18:00' }, expectEveryOutside: '2h' };

describe('heartbeat check fields', () => {
  it('takes the name of the key variable and durations in ms; downAfter is left to the rule (3×)', () => {
    expect(checkSchema.parse(BASE)).toEqual({ kind: 'heartbeat', keyEnv: 'LAB_FEED_KEY', expectEvery: 300_000 });
  });

  it('takes a schedule, downAfter and a queue limit', () => {
    expect(checkSchema.parse({ ...BASE, downAfter: '20m', maxQueueDepth: 100, schedule: SCHEDULE })).toEqual({
      ...BASE,
      expectEvery: 300_000,
      downAfter: 1_200_000,
      maxQueueDepth: 100,
      schedule: { ...SCHEDULE, expectEveryOutside: 7_200_000 },
    });
  });

  it('is a valid catalog check with the catalog defaults filled in', () => {
    expect(errorsFor({ ...BASE, schedule: SCHEDULE })).toEqual([]);
    expect(errorsFor({ ...BASE, schedule: { ...SCHEDULE, businessHours: { ...SCHEDULE.businessHours, to: '24:00' } } })).toEqual([]);
  });

  it.each([
    [{ keyEnv: undefined }, 'integrations[0].checks[0].keyEnv: required'],
    [{ keyEnv: 'lab-key' }, 'integrations[0].checks[0].keyEnv: expected an environment variable name'],
    [{ key: 's3cret' }, 'integrations[0].checks[0]: unknown field "key"'],
    [{ expectEvery: 'often' }, 'integrations[0].checks[0].expectEvery: expected a duration'],
    [{ downAfter: '5m' }, 'integrations[0].checks[0].downAfter: must be longer than expectEvery'],
    [{ maxQueueDepth: -1 }, 'integrations[0].checks[0].maxQueueDepth'],
    [{ maxQueueDepth: 1.5 }, 'integrations[0].checks[0].maxQueueDepth: expected a whole number'],
    [{ schedule: { ...SCHEDULE, businessHours: { ...SCHEDULE.businessHours, days: ['monday'] } } }, 'integrations[0].checks[0].schedule.businessHours.days[0]: expected one of: mon, tue'],
    [{ schedule: { ...SCHEDULE, businessHours: { ...SCHEDULE.businessHours, days: [] } } }, 'integrations[0].checks[0].schedule.businessHours.days: expected at least one day'],
    [{ schedule: { ...SCHEDULE, businessHours: { ...SCHEDULE.businessHours, from: '8:00' } } }, 'integrations[0].checks[0].schedule.businessHours.from: expected a time HH:MM'],
    [{ schedule: { ...SCHEDULE, businessHours: { ...SCHEDULE.businessHours, from: '18:00', to: '08:00' } } }, 'integrations[0].checks[0].schedule.businessHours.to: must be after from'],
    [{ schedule: { businessHours: SCHEDULE.businessHours } }, 'integrations[0].checks[0].schedule.expectEveryOutside'],
  ])('refuses %j, naming the field', (fields, expected) => {
    const errors = errorsFor({ ...BASE, ...fields });
    expect(errors.some((e) => e.startsWith(expected)), errors.join('\n')).toBe(true);
  });
});
