import { describe, expect, it } from 'vitest';
import { parseRoleMap, roleFromClaims, type RoleMap } from './oidc-role-map.js';

describe('OIDC role map', () => {
  const map = parseRoleMap('lifeline-admins=admin, lifeline-ops=operator, *=viewer') as RoleMap;

  it('parses claim-value=role pairs and the * fallback', () => {
    expect(map).toEqual({ entries: [{ value: 'lifeline-admins', role: 'admin' }, { value: 'lifeline-ops', role: 'operator' }], fallback: 'viewer' });
  });

  it.each([
    ['a list with an admin group', { groups: ['staff', 'lifeline-admins'] }, 'admin'],
    ['the highest of several matches', { groups: ['lifeline-ops', 'lifeline-admins'] }, 'admin'],
    ['an operator group', { groups: ['lifeline-ops'] }, 'operator'],
    ['a space-separated string', { groups: 'staff lifeline-ops' }, 'operator'],
    ['no match: the fallback', { groups: ['staff'] }, 'viewer'],
    ['no claim at all: the fallback', {}, 'viewer'],
  ])('%s', (_label, claims, role) => {
    expect(roleFromClaims(claims, 'groups', map)).toBe(role);
  });

  it('without a fallback, a user matching nothing gets no role', () => {
    const strict = parseRoleMap('ops=operator') as RoleMap;
    expect(roleFromClaims({ groups: ['staff'] }, 'groups', strict)).toBeUndefined();
  });

  it.each(['', 'admins', 'admins=root', '=admin'])('refuses %j', (text) => {
    expect(typeof parseRoleMap(text)).toBe('string');
  });
});
