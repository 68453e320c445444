import { defineConfig } from 'vitest/config';

// Unit and in-process HTTP tests. Each test file gets its own database (see
// src/server/test-app.ts), so files can run in parallel.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
