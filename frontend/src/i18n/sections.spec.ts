import { describe, expect, it } from 'vitest';
import { adminWords } from '../features/admin/admin.i18n';
import { auditWords } from '../features/audit/audit.i18n';
import { accountWords } from '../features/auth/account.i18n';
import { loginWords } from '../features/auth/login.i18n';
import { en } from './en';
import { i18n } from './i18n';

/** Every key path with a string value, and the values each fills in. */
const keys = (o: object, prefix = ''): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
const placeholders = (o: object): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${k}:${[...v.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort().join(',')}`] : placeholders(v as object).map((p) => `${k}.${p}`)));

const SECTIONS = [
  ['audit', auditWords],
  ['account', accountWords],
  ['admin', adminWords],
  ['login', loginWords],
] as const;

describe('the words of pages loaded on demand', () => {
  it.each(SECTIONS)('%s: nl and fr have every English key, none empty, with the same values filled in', (_, words) => {
    for (const language of ['nl', 'fr'] as const) {
      expect(keys(words[language])).toEqual(keys(words.en));
      expect(keys(words[language]).filter((k) => !k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], words[language]))).toEqual([]);
      expect(placeholders(words[language])).toEqual(placeholders(words.en));
    }
  });

  it.each(SECTIONS)('%s is registered under its name in every language', (name, words) => {
    const first = keys(words.en)[0];
    for (const language of ['en', 'nl', 'fr'] as const) expect(i18n.getFixedT(language)(`${name}.${first}`)).toBe(first.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], words[language]));
  });

  it('uses names the words of the first download do not', () => {
    for (const [name] of SECTIONS) expect(Object.keys(en)).not.toContain(name);
  });
});
