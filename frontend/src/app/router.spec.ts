import { describe, expect, it } from 'vitest';
import { isKiosk, matchRoute } from './router';

describe('matchRoute', () => {
  it.each([
    ['/', { name: 'wall' }],
    ['/wall', { name: 'wall' }],
    ['/wall/', { name: 'wall' }],
    ['/clinician', { name: 'clinician' }],
    ['/incidents/', { name: 'incidents' }],
    ['/login', { name: 'login' }],
    ['/setup', { name: 'setup' }],
    ['/audit/', { name: 'audit' }],
    ['/admin', { name: 'users' }],
    ['/admin/users', { name: 'users' }],
    ['/admin/kiosk-tokens', { name: 'kiosk-tokens' }],
    ['/admin/nothing', { name: 'not-found' }],
    ['/toString', { name: 'not-found' }],
    ['/integrations/synlab-results', { name: 'integration', id: 'synlab-results' }],
    ['/integrations/a%20b', { name: 'integration', id: 'a b' }],
    ['/integrations/%E0%A4%A', { name: 'not-found' }],
    ['/integrations', { name: 'not-found' }],
    ['/nowhere', { name: 'not-found' }],
  ])('%s → %j', (path, route) => expect(matchRoute(path)).toEqual(route));
});

describe('isKiosk', () => {
  it.each([
    ['/wall', '', true],
    ['/wall/', '', true],
    ['/', '', false],
    ['/', '?kiosk=1', true],
    ['/clinician', '?kiosk=1&lang=nl', true],
    ['/clinician', '?kiosk=0', false],
    ['/incidents', '', false],
  ])('%s%s → %s', (path, search, kiosk) => expect(isKiosk(path, search)).toBe(kiosk));
});
