import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { TestProjectInlineConfiguration } from 'vitest/config';

/**
 * The test projects, in groups that run one after another: fast unit tests first (in
 * parallel), then tests that boot the backend, then the timing-sensitive ones (scenarios
 * with compressed time, whole processes, the browser) one file at a time, so a 2-core CI
 * machine never judges latency while another suite saturates it.
 */
const sharedSrc = fileURLToPath(new URL('./shared/src/index.ts', import.meta.url));
const alias = { '@lifeline/shared': sharedSrc };

type Extra = NonNullable<TestProjectInlineConfiguration['test']>;

export function sharedProject(name: string, include: string[], groupOrder: number): TestProjectInlineConfiguration {
  return { test: { name, root: fileURLToPath(new URL('./shared', import.meta.url)), environment: 'node', include, sequence: { groupOrder } } };
}

export function backendProject(name: string, include: string[], groupOrder: number, extra: Extra = {}): TestProjectInlineConfiguration {
  return {
    resolve: { alias },
    test: {
      name,
      root: fileURLToPath(new URL('./backend', import.meta.url)),
      environment: 'node',
      include,
      testTimeout: 60_000,
      hookTimeout: 90_000,
      sequence: { groupOrder },
      ...extra,
    },
  };
}

export function frontendProject(name: string, include: string[], groupOrder: number, extra: Extra = {}): TestProjectInlineConfiguration {
  return {
    plugins: [react()],
    resolve: { alias },
    test: {
      name,
      root: fileURLToPath(new URL('./frontend', import.meta.url)),
      environment: 'happy-dom',
      include,
      testTimeout: 90_000,
      hookTimeout: 120_000,
      sequence: { groupOrder },
      ...extra,
    },
  };
}
