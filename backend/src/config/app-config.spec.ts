import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from './app-config.js';

describe('configFromEnv: DEMO_START', () => {
  it('is unset by default: each demo scenario starts at its own time', () => {
    expect(configFromEnv({}).demoStartAt).toBeUndefined();
    expect(configFromEnv({ DEMO_START: '' }).demoStartAt).toBeUndefined();
  });

  it('takes a wall-clock time HH:MM', () => {
    expect(configFromEnv({ DEMO_START: '07:18' }).demoStartAt).toBe('07:18');
  });

  it.each(['7:18', '24:00', '07:60', 'morning'])('refuses %j, naming the variable', (value) => {
    expect(() => configFromEnv({ DEMO_START: value })).toThrow(ConfigError);
    expect(() => configFromEnv({ DEMO_START: value })).toThrow(/DEMO_START: expected a time HH:MM/);
  });
});
