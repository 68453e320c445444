import { defineConfig } from 'vitest/config';

// Unit and in-process HTTP tests. Every test file gets its own database (see
// src/server/test-app.ts), so files run in parallel. With TEST_DATABASE_URL set, the HTTP
// tests run a second time against the real PostgreSQL server.
const httpTests = ['src/features/**/*.test.ts', 'src/server/**/*.test.ts', 'src/data/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['src/server/test-global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'pglite', include: ['src/**/*.test.ts', 'src/**/*.test.tsx'], env: { TEST_DB: 'pglite' } } },
      ...(process.env.TEST_DATABASE_URL
        ? [{ extends: true as const, test: { name: 'postgres', include: httpTests, env: { TEST_DB: 'postgres' } } }]
        : []),
    ],
  },
});
