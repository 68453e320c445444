import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { E2E_BASE_URL, E2E_DATA_DIR, E2E_OUTPUT_DIR, E2E_PORT } from './e2e/support/env.ts';

/**
 * End-to-end tests in headless Chromium against the real server on a fresh embedded
 * database (see e2e/support/start-server.mjs). `npm run test:e2e` builds the web app first.
 */
export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  // Kept apart from the data folder: Playwright empties its output folder at start.
  outputDir: E2E_OUTPUT_DIR,
  fullyParallel: false,
  // One worker: the journeys share one demo clinic's diary, and two browsers picking free
  // times side by side can take the same slot (a 409 that is right, but not what a test means).
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  // Long journeys (a whole intake, an axe scan of every screen) on a busy two-core machine.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]] : 'list',
  use: {
    baseURL: E2E_BASE_URL,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    command: 'node e2e/support/start-server.mjs',
    url: `${E2E_BASE_URL}/api/v1/auth/session`,
    reuseExistingServer: false,
    timeout: 300_000, // a loaded 2-core machine has needed about 3 minutes to load the demo
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    env: {
      PORT: String(E2E_PORT),
      HOST: '127.0.0.1',
      PUBLIC_URL: E2E_BASE_URL,
      DATA_DIR: E2E_DATA_DIR,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      DEMO_ON_EMPTY: 'true',
      // The diary's clock, moved by e2e/support/clock.ts (NODE_ENV=test only).
      TEST_CLOCK_FILE: path.join(E2E_DATA_DIR, 'clock.json'),
      // E-mails land in the local outbox quickly, and retried runs are not rate-limited.
      OUTBOX_POLL_MS: '200',
      SIGNUP_PER_HOUR: '1000',
      RESET_PER_HOUR: '1000',
      // Stripe's API as answered by the local server e2e/money-online.spec.ts starts (NODE_ENV=test only).
      STRIPE_API_BASE: `http://127.0.0.1:${E2E_PORT + 1000}`,
      // The webhook receiver e2e/integrations.spec.ts runs on this machine, delivered to quickly.
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
      WEBHOOK_POLL_MS: '200',
      // Outside calendars served by e2e/busy-calendars.spec.ts on 127.0.0.1 (NODE_ENV=test only).
      BUSY_CALENDAR_ALLOW_PRIVATE: 'true',
    },
  },
});
