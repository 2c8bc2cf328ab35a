import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { STATUSES } from '@lifeline/shared';
import { StatusBadge } from './StatusBadge';

afterEach(cleanup);

describe('StatusBadge', () => {
  const words = { operational: 'Operational', degraded: 'Degraded', down: 'Down', unknown: 'Unknown', maintenance: 'Maintenance' };

  it.each(STATUSES)('shows %s as an icon and a word, never colour alone', (status) => {
    const { container } = render(<StatusBadge status={status} />);
    expect(screen.getByText(words[status])).toBeTruthy();
    const icon = container.querySelector('svg');
    expect(icon?.getAttribute('aria-hidden')).toBe('true');
  });

  it('gives each status its own icon shape', () => {
    const shapes = STATUSES.map((status) => {
      const { container } = render(<StatusBadge status={status} />);
      const html = container.querySelector('svg')?.innerHTML;
      cleanup();
      return html;
    });
    expect(new Set(shapes).size).toBe(STATUSES.length);
  });

  it('can say what it is the status of', () => {
    render(<StatusBadge status="degraded" label="External" />);
    expect(screen.getByText('External').parentElement?.textContent).toBe('ExternalDegraded');
  });
});
