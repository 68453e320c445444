import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { E2E_DATA_DIR } from './env.ts';

/**
 * The diary's clock on the e2e server (TEST_CLOCK_FILE in playwright.config.ts): moving it
 * lets a test stand on an appointment's day, before or after its start, whenever it runs.
 * Only the diary's front-desk rules read it; sessions and everything else keep real time.
 */
const CLOCK_FILE = path.join(E2E_DATA_DIR, 'clock.json');

/** Moves the server's diary clock so that it reads `instant` now (and runs on from there). */
export function setServerClock(instant: number): void {
  writeFileSync(CLOCK_FILE, JSON.stringify({ offsetMs: instant - Date.now() }));
}

/** Back to real time. */
export function resetServerClock(): void {
  rmSync(CLOCK_FILE, { force: true });
}
