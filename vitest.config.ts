import { defineConfig } from 'vitest/config';

// Unit and API tests. Browser tests (tests/e2e) have their own config: they need a built client.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/api/**/*.test.ts'],
    // Suites that exist only for MySQL (the database going away) join when TEST_DATABASE_URL is set.
    exclude: process.env.TEST_DATABASE_URL ? [] : ['tests/api/faults/databaseOutage.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    setupFiles: ['tests/setup.ts'],
  },
});
