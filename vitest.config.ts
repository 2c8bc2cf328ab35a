import { defineConfig } from 'vitest/config';
import { backendProject, frontendProject, sharedProject } from './vitest.projects.js';

export default defineConfig({
  test: {
    projects: [
      // 1. unit tests of every workspace, in parallel
      sharedProject('shared', ['src/**/*.spec.ts'], 0),
      backendProject('backend', ['src/**/*.spec.ts'], 0),
      frontendProject('frontend', ['src/**/*.spec.{ts,tsx}'], 0),
      // 2. the backend on real databases and sockets
      backendProject('backend-e2e', ['src/**/*.int-spec.ts', 'test/{e2e,integration,auth}/**/*.{int-spec,e2e-spec}.ts', 'test/resilience/**/*.e2e-spec.ts'], 1, { maxWorkers: 2 }),
      // 3. compressed-time scenarios and whole processes, one file at a time
      backendProject('system', ['test/{scenarios,process,cluster}/**/*.e2e-spec.ts'], 2, { fileParallelism: false }),
      // 4. the built app in Chromium, one file at a time
      frontendProject('browser', ['e2e/**/*.e2e-spec.ts'], 3, { fileParallelism: false, environment: 'node' }),
    ],
  },
});
