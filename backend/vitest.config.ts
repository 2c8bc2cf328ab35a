import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: {
    alias: { '@lifeline/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)) },
  },
  test: {
    name: 'backend',
    environment: 'node',
    include: ['src/**/*.{spec,int-spec,e2e-spec}.ts', 'test/**/*.{spec,int-spec,e2e-spec}.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
