import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_LABELS, actionLabel } from './audit-labels.ts';

const SRC = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/**
 * Every `'area.verb'` literal on a line that mentions `action`, as `recordAudit(…, { action: … })`
 * and its helpers write them (including both sides of `cond ? 'a.x' : 'a.y'`).
 */
function actionsWrittenByCode(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sourceFiles(SRC)) {
    if (file.includes(join('features', 'audit'))) continue;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!/\baction\b/.test(line)) continue;
      for (const m of line.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) found.set(m[1]!, relative(SRC, file));
    }
  }
  return found;
}

describe('the audit log’s words', () => {
  it('has plain words for every action the code writes', () => {
    const written = actionsWrittenByCode();
    // A guard that the scan works at all: these are written by plain literals today.
    expect([...written.keys()]).toEqual(expect.arrayContaining(['client.view', 'user.sign_in', 'qualification.unverify', 'review.replied']));
    const missing = [...written].filter(([action]) => !(action in ACTION_LABELS)).map(([a, file]) => `${a} (${file})`);
    expect(missing).toEqual([]);
  });

  it('has words for the statuses the diary writes as booking.${status}', () => {
    for (const status of ['arrived', 'no_show', 'completed']) expect(ACTION_LABELS[`booking.${status}`]).toBeTruthy();
  });

  it('shows the code of an action it has no words for yet, rather than nothing', () => {
    expect(actionLabel('client.view')).toBe('Viewed a client’s details');
    expect(actionLabel('access.denied')).toBe('Was refused access');
    expect(actionLabel('something.new')).toBe('something.new');
  });
});
