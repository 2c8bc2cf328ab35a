import { describe, expect, it } from 'vitest';
import { checksWithKey } from './push-keys.js';

const CHECKS = [
  { id: 'lab-feed#0', integrationId: 'lab-feed', keyEnv: 'LAB_KEY' },
  { id: 'pacs-feed#0', integrationId: 'pacs-feed', keyEnv: 'PACS_KEY' },
  { id: 'unset-feed#0', integrationId: 'unset-feed', keyEnv: 'UNSET_KEY' },
];
const ENV = { LAB_KEY: 'lab-secret', PACS_KEY: 'pacs-secret', UNSET_KEY: undefined };
const ids = (key: string, env: Record<string, string | undefined> = ENV) => checksWithKey(key, CHECKS, env).map((c) => c.id);

describe('checksWithKey', () => {
  it.each<[string, string, string[]]>([
    ['the lab key', 'lab-secret', ['lab-feed#0']],
    ['the PACS key', 'pacs-secret', ['pacs-feed#0']],
    ['an unknown key', 'guess', []],
    ['a prefix of a key', 'lab-secre', []],
    ['a key with more after it', 'lab-secret2', []],
    ['another case', 'LAB-SECRET', []],
    ['an empty key', '', []],
  ])('%s', (_, key, expected) => expect(ids(key)).toEqual(expected));

  it('an unset or empty variable configures no key, not even the empty one', () => {
    expect(ids('', { ...ENV, LAB_KEY: '' })).toEqual([]);
    expect(ids('undefined')).toEqual([]);
  });

  it('one key shared by two checks feeds both', () => {
    expect(ids('same', { LAB_KEY: 'same', PACS_KEY: 'same' })).toEqual(['lab-feed#0', 'pacs-feed#0']);
  });
});
