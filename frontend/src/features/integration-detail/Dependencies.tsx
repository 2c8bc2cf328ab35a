import type { IntegrationSnapshot } from '@lifeline/shared';
import { useT } from '../../i18n/use-t';
import { Link } from '../../ui/Link';
import { StatusBadge } from '../../ui/StatusBadge';

export interface DependenciesProps {
  integration: IntegrationSnapshot;
  all: readonly IntegrationSnapshot[];
}

/** Both ways: what this integration needs, and what needs it, each with its live status. */
export function Dependencies({ integration, all }: DependenciesProps) {
  const { t } = useT();
  const byId = new Map(all.map((i) => [i.id, i]));
  const needs = integration.dependsOn.map((id) => byId.get(id) ?? { id, name: id, status: 'unknown' as const });
  const neededBy = all.filter((i) => i.dependsOn.includes(integration.id));
  return (
    <div className="dependencies">
      <DependencyList title={t('detail.needs')} items={needs} testId="needs" />
      <DependencyList title={t('detail.neededBy')} items={neededBy} testId="needed-by" />
    </div>
  );
}

function DependencyList({ title, items, testId }: { title: string; items: Array<Pick<IntegrationSnapshot, 'id' | 'name' | 'status'>>; testId: string }) {
  const { t } = useT();
  return (
    <section className="dependencies__list" aria-label={title} data-testid={testId}>
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p className="page__muted">{t('detail.none')}</p>
      ) : (
        <ul>
          {items.map((i) => (
            <li key={i.id}>
              <Link href={`/integrations/${encodeURIComponent(i.id)}`}>{i.name}</Link> <StatusBadge status={i.status} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
