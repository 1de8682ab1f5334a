import { defineConfig } from 'vitest/config';

// Browser tests: they start the real server against the built client (run `npx vite build` first).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    // A browser test on a loaded 2-core CI machine may lose a race with a timer once; a second
    // failure is real. Retries are reported in the output, so flakiness stays visible.
    retry: 1,
  },
});
