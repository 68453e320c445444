import path from 'node:path';

/**
 * Where the e2e server listens; e-mail links use the same address. E2E_PORT lets two runs
 * share a checkout (each then has its own data and output folders).
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const suffix = E2E_PORT === 3100 ? '' : `-${E2E_PORT}`;
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;

/** The server's data folder: the embedded database and the local e-mail outbox (outbox/*.eml). */
export const E2E_DATA_DIR = path.resolve(import.meta.dirname, `../../test-results/e2e-data${suffix}`);

/** Playwright's own output folder (emptied at each start). */
export const E2E_OUTPUT_DIR = path.resolve(import.meta.dirname, `../../test-results/playwright${suffix}`);

/** Screenshots for looking at the design by eye; not compared automatically. */
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-results/screenshots');
