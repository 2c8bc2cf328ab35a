import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';

export default defineProject({
  plugins: [react()],
  resolve: {
    alias: { '@lifeline/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)) },
  },
  test: {
    name: 'frontend',
    environment: 'happy-dom',
    include: ['src/**/*.spec.{ts,tsx}', 'e2e/**/*.e2e-spec.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
