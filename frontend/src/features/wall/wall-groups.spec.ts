import { describe, expect, it } from 'vitest';
import type { Status } from '@lifeline/shared';
import { aMember, anIncident, anIntegration } from '../../testing/builders';
import { groupTiles } from './wall-groups';

const link = (id: string, status: Status, criticality: 'critical' | 'high' | 'medium' | 'low' = 'medium') => anIntegration({ id, name: id, status, criticality });
const member = (id: string, extra = {}) => aMember({ integrationId: id, name: id, ...extra });
const shape = (items: ReturnType<typeof groupTiles>) =>
  items.map((i) => (i.kind === 'tile' ? i.integration.id : `group ${i.incident.id} (${i.memberCount}): ${i.members.map((m) => m.id).join(' ')}`));

describe('groupTiles', () => {
  const links = [link('ok', 'operational', 'critical'), link('a', 'degraded', 'low'), link('b', 'down'), link('c', 'degraded', 'critical'), link('solo', 'down', 'critical')];

  it('frames the failing members of a common cause together, worst first, and counts them all', () => {
    const incident = anIncident({ members: [member('a'), member('b'), member('c'), member('elsewhere'), member('gone', { leftAt: '2025-11-26T07:40:00+01:00' })] });
    expect(shape(groupTiles(links, [incident]))).toEqual(['group inc-1 (4): b c a', 'solo', 'ok']);
  });

  it('does not group one link on its own, nor a resolved incident, nor a cause with one failing link here', () => {
    const single = anIncident({ id: 'i1', kind: 'integration', members: [member('a'), member('b')] });
    const resolved = anIncident({ id: 'i2', resolvedAt: '2025-11-26T07:44:00+01:00', members: [member('a'), member('b')] });
    const oneHere = anIncident({ id: 'i3', kind: 'internal', members: [member('b'), member('not-on-this-half')] });
    expect(shape(groupTiles(links, [single, resolved, oneHere]))).toEqual(['solo', 'b', 'c', 'a', 'ok']);
  });

  it('ranks a group by its worst and most critical member, before a single tile of the same rank', () => {
    const partner = anIncident({ id: 'p', kind: 'partner', subject: 'Synlab', members: [member('a'), member('c')] });
    expect(shape(groupTiles(links, [partner]))).toEqual(['solo', 'b', 'group p (2): c a', 'ok']);
  });

  it('puts a link in one group only', () => {
    const first = anIncident({ id: 'x', members: [member('a'), member('b')] });
    const second = anIncident({ id: 'y', kind: 'partner', members: [member('a'), member('b'), member('c')] });
    expect(shape(groupTiles(links, [first, second]))).toEqual(['solo', 'group x (2): b a', 'c', 'ok']);
  });
});
