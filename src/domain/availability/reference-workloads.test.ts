/**
 * The benchmark contract: on the shared workloads the engine must produce exactly the
 * reference slots (compared by sha256, format in bench/availability/), and agree with the
 * generator's brute-force oracle on other seeds and options. Everything is read from
 * bench/availability/ so the tests run on a fresh clone without ../shared.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import {
  GENERATOR_PATH,
  REFERENCE_SCENARIOS,
  WORKLOAD_DIR,
  comparisonHash,
  loadWorkload,
  toComparison,
  workloadToInput,
  type SlotComparison,
  type Workload,
} from '../../../bench/availability/workload-adapter';
import { computeAvailability } from './compute-availability';

function runGenerator(args: string[]): string {
  return execFileSync(process.execPath, [GENERATOR_PATH, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function engineComparison(w: Workload): SlotComparison {
  return toComparison(
    w.practitioners.map((p) => p.id),
    computeAvailability(workloadToInput(w)),
  );
}

describe('reference workloads (seed 42)', () => {
  for (const scenario of REFERENCE_SCENARIOS) {
    it(`scenario ${scenario.name} yields ${scenario.slots} slots with the reference hash`, () => {
      const comparison = engineComparison(loadWorkload(scenario.file));
      const total = Object.values(comparison).reduce((n, starts) => n + starts.length, 0);
      expect(total).toBe(scenario.slots);
      expect(comparisonHash(comparison)).toBe(scenario.sha256);
    });

    it(`the committed ${scenario.file} is what the generator writes for "${scenario.args.join(' ') || 'defaults'}"`, () => {
      const committed = readFileSync(join(WORKLOAD_DIR, scenario.file), 'utf8');
      expect(runGenerator([...scenario.args]) === committed).toBe(true);
    });
  }
});

describe('agreement with the brute-force oracle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'availability-oracle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cases: { name: string; args: string[]; slots?: number }[] = [
    { name: 'N: notice from mid-week', args: ['--now', '2027-03-03T10:37:00Z'], slots: 6864 },
    { name: 'W4: four weeks', args: ['--weeks', '4'], slots: 3462 },
    { name: 'seed 7, notice from mid-week', args: ['--seed', '7', '--now', '2027-03-03T10:37:00Z'] },
    { name: 'seed 7, four weeks', args: ['--seed', '7', '--weeks', '4'] },
    { name: 'seed 7, three rooms (rooms are the bottleneck)', args: ['--seed', '7', '--rooms', '3'] },
    { name: 'seed 11, 30-minute grid, one room each', args: ['--seed', '11', '--step', '30', '--rooms', '4', '--rooms-per-practitioner', '1'] },
    { name: 'seed 3, New York across its March change', args: ['--seed', '3', '--tz', 'America/New_York', '--start', '2027-03-08', '--weeks', '2'] },
    { name: 'seed 5, Lord Howe (30-minute DST) on a 45-minute grid', args: ['--seed', '5', '--tz', 'Australia/Lord_Howe', '--start', '2027-03-29', '--weeks', '2', '--step', '45'] },
  ];

  for (const c of cases) {
    it(`matches the oracle: ${c.name}`, () => {
      const file = join(dir, `${c.name.replace(/\W+/g, '-')}.json`);
      const json = runGenerator(c.args);
      writeFileSync(file, json);
      const expected = (JSON.parse(runGenerator(['--oracle', file])) as { slots: SlotComparison }).slots;
      const actual = engineComparison(JSON.parse(json) as Workload);
      expect(actual).toEqual(expected);
      if (c.slots !== undefined) {
        expect(Object.values(actual).reduce((n, s) => n + s.length, 0)).toBe(c.slots);
      }
    });
  }
});
