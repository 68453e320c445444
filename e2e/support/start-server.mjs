// Starts the real server for the end-to-end tests on a fresh, empty data folder, so the
// demo clinics are loaded anew and the local e-mail outbox holds only this run's e-mails.
import { rmSync } from 'node:fs';

const dataDir = process.env.DATA_DIR;
if (!dataDir || !dataDir.includes('test-results')) {
  console.error('DATA_DIR must point inside test-results/ for the e2e server.');
  process.exit(1);
}
rmSync(dataDir, { recursive: true, force: true });
await import('../../scripts/start.mjs');
