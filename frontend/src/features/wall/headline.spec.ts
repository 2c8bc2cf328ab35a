import { describe, expect, it } from 'vitest';
import type { IntegrationSnapshot, Status } from '@lifeline/shared';
import { fixedT } from '../../i18n/use-t';
import type { Language } from '../../i18n/languages';
import { LOCALES } from '../../i18n/languages';
import { aVerdict, anIntegration, T0 } from '../../testing/builders';
import { headlineText, howBad, listNames } from './headline';

const since = new Date(Date.parse('2025-11-26T07:31:00+01:00')).toISOString();
const ctx = (language: Language) => ({ t: fixedT(language), language, locale: LOCALES[language], timeZone: 'Europe/Brussels', now: T0 });
const ext = (id: string, status: Status, extra: Partial<IntegrationSnapshot> = {}) =>
  anIntegration({ id, name: id, partner: `${id}-partner`, status, attribution: status === 'operational' ? null : { cause: 'perimeter' }, ...extra });
const engine = anIntegration({ id: 'engine', name: 'Interface engine', side: 'internal', partner: undefined });

describe('headlineText', () => {
  it('is the server sentence in English', () => {
    const verdict = aVerdict({ summary: 'Whatever the server says.' });
    expect(headlineText(verdict, [], ctx('en'))).toBe('Whatever the server says.');
  });

  const perimeter = [engine, ext('a', 'degraded'), ext('b', 'down'), ext('c', 'degraded'), ext('d', 'operational'), ext('gw', 'down', { role: 'canary' })];
  it.each([
    ['nl', 'Ziekenhuissystemen normaal. 3 van 4 externe koppelingen traag of uitgevallen sinds 07:31 — waarschijnlijk onze internetverbinding of provider, niet de partners.'],
    ['fr', 'Systèmes de l’hôpital normaux. 3 liens externes sur 4 lents ou en panne depuis 07:31 — probablement notre connexion internet ou notre opérateur, pas les partenaires.'],
  ] as const)('perimeter in %s, canaries left out', (language, text) => {
    expect(headlineText(aVerdict({ cause: 'perimeter', external: 'down', since }), perimeter, ctx(language))).toBe(text);
  });

  it.each([
    ['nl', 'Alle systemen normaal.'],
    ['fr', 'Tous les systèmes sont normaux.'],
  ] as const)('all normal in %s', (language, text) => expect(headlineText(aVerdict(), [engine, ext('a', 'operational')], ctx(language))).toBe(text));

  it('none, with links without news or in maintenance', () => {
    expect(headlineText(aVerdict(), [engine, ext('a', 'unknown'), ext('b', 'unknown')], ctx('nl'))).toBe('Geen storingen gezien; 2 koppelingen zonder recent resultaat.');
    expect(headlineText(aVerdict(), [engine, ext('a', 'maintenance')], ctx('fr'))).toBe('Tous les systèmes sont normaux ; 1 lien en maintenance.');
  });

  it('one partner, and several', () => {
    const one = [engine, ext('Synlab lab results', 'down', { partner: 'Synlab', attribution: { cause: 'partner' } })];
    expect(headlineText(aVerdict({ cause: 'partners', since }), one, ctx('nl'))).toBe('Synlab lab results uitgevallen sinds 07:31 — alleen deze partner; ziekenhuissystemen normaal.');
    const two = [...one, ext('MyCareNet', 'down', { partner: 'MyCareNet', attribution: { cause: 'partner' } })];
    expect(headlineText(aVerdict({ cause: 'partners', since }), two, ctx('fr'))).toBe(
      'Synlab lab results et MyCareNet en panne depuis 07:31 — du côté de Synlab et MyCareNet, pas de notre connexion.',
    );
  });

  it('internal: the root and what fails through it', () => {
    const down = anIntegration({ ...engine, status: 'down', attribution: { cause: 'self' } });
    const through = (id: string) => ext(id, 'down', { attribution: { cause: 'dependency', via: 'engine' } });
    const verdict = aVerdict({ cause: 'internal', internal: 'down', external: 'down', since });
    expect(headlineText(verdict, [down, through('a'), through('b')], ctx('nl'))).toBe(
      'Interface engine uitgevallen sinds 07:31 — 2 koppelingen daardoor getroffen; de partners zijn niet de oorzaak.',
    );
    expect(headlineText(verdict, [down], ctx('fr'))).toBe('Interface engine en panne depuis 07:31.');
  });

  it('falls back to the server sentence when the links do not bear the verdict out', () => {
    const verdict = aVerdict({ cause: 'perimeter', summary: 'Server words.' });
    expect(headlineText(verdict, [engine, ext('a', 'operational')], ctx('fr'))).toBe('Server words.');
  });

  it('adds the date when the verdict holds since another day', () => {
    const yesterday = new Date(T0 - 86_400_000).toISOString();
    expect(headlineText(aVerdict({ cause: 'perimeter', since: yesterday }), perimeter, ctx('nl'))).toContain('sinds 25 nov 07:45');
  });
});

describe('listNames and howBad', () => {
  it.each([
    [[], ''],
    [['A'], 'A'],
    [['A', 'B'], 'A en B'],
    [['A', 'B', 'C', 'D'], 'A, B, C en D'],
    [['A', 'B', 'C', 'D', 'E'], 'A, B, C en 2 andere'],
  ])('%j → %s (nl)', (names, text) => expect(listNames(names, fixedT('nl'))).toBe(text));

  it('agrees in number in French', () => {
    expect(howBad(['degraded'], fixedT('fr'))).toBe('lent');
    expect(howBad(['degraded', 'degraded'], fixedT('fr'))).toBe('lents');
    expect(howBad(['maintenance'], fixedT('fr'))).toBe('en maintenance');
  });
});
