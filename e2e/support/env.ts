import path from 'node:path';

/** Where the e2e server listens; e-mail links use the same address. */
export const E2E_PORT = 3100;
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;

/** The server's data folder: the embedded database and the local e-mail outbox (outbox/*.eml). */
export const E2E_DATA_DIR = path.resolve(import.meta.dirname, '../../test-results/e2e-data');

/** Screenshots for looking at the design by eye; not compared automatically. */
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-results/screenshots');
