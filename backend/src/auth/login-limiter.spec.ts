import { describe, expect, it } from 'vitest';
import { LoginLimiter } from './login-limiter.js';

describe('LoginLimiter', () => {
  it('allows `limit` attempts per window, then says how long to wait', () => {
    let now = 1_000_000;
    const limiter = new LoginLimiter(3, 60_000, () => now);
    expect([limiter.hit('a'), limiter.hit('a'), limiter.hit('a')]).toEqual([0, 0, 0]);
    now += 10_000;
    expect(limiter.hit('a')).toBe(50_000);
    expect(limiter.hit('b')).toBe(0);
    now += 50_000;
    expect(limiter.hit('a')).toBe(0);
  });

  it('keeps keys apart', () => {
    const limiter = new LoginLimiter(1, 60_000, () => 0);
    expect(limiter.hit('10.0.0.1')).toBe(0);
    expect(limiter.hit('10.0.0.2')).toBe(0);
    expect(limiter.hit('10.0.0.1')).toBeGreaterThan(0);
  });
});
