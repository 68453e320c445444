/**
 * Availability engine benchmark, on the shared workload (see bench/availability/ and
 * the shared availability.md): `node --import tsx bench/availability.ts [--json out.json]`.
 *
 * For scenarios A, A60 and B it first checks the slots against the reference hash (and
 * exits 1 on a mismatch: a fast wrong answer is worth nothing), then times, after a
 * warm-up, the whole batch (every practitioner, the whole range) and one practitioner's
 * range at a time, and prints medians and p99s, ms per practitioner-week and slots/s.
 * "Cold" re-runs the batch with the time-zone cache emptied before every call, to show
 * the cost a first request pays.
 */

import { cpus } from 'node:os';
import { writeFileSync } from 'node:fs';

import {
  REFERENCE_SCENARIOS,
  comparisonHash,
  loadWorkload,
  toComparison,
  workloadToInput,
} from './availability/workload-adapter';
import { clearTimeZoneCache, computeAvailability, isSlotOffered } from '../src/domain/availability';
import type { AvailabilityInput } from '../src/domain/availability';

/** Published figure for a widely used open-source scheduler on scenario A (availability.md). */
const REFERENCE_MS_PER_PRACTITIONER_WEEK = 2.5;

interface Stats {
  median: number;
  p99: number;
  iterations: number;
}

/**
 * Times `fn` call by call: warms up for `warmupMs` (so the JIT has optimised the engine),
 * then runs for at least `minIterations` and `minMs`. Per-call timing keeps GC pauses
 * in the p99, where a server would feel them.
 */
function measure(fn: (i: number) => void, { warmupMs = 400, minMs = 1500, minIterations = 300 } = {}): Stats {
  const warmUntil = performance.now() + warmupMs;
  for (let i = 0; performance.now() < warmUntil; i++) fn(i);
  const samples: number[] = [];
  const start = performance.now();
  for (let i = 0; samples.length < minIterations || performance.now() - start < minMs; i++) {
    const t0 = process.hrtime.bigint();
    fn(i);
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const pick = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] as number;
  return { median: pick(0.5), p99: pick(0.99), iterations: samples.length };
}

interface ScenarioResult {
  scenario: string;
  ok: boolean;
  slots: number;
  hash: string;
  practitioners: number;
  weeks: number;
  batch: Stats;
  batchCold: Stats;
  onePractitioner: Stats;
  checkOneStart: Stats;
  msPerPractitionerWeek: number;
  slotsPerSecond: number;
}

const results: ScenarioResult[] = [];
let allOk = true;

console.log(`Availability engine benchmark — node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}`);
console.log('');

for (const scenario of REFERENCE_SCENARIOS) {
  const workload = loadWorkload(scenario.file);
  const input = workloadToInput(workload);
  const slots = computeAvailability(input);
  const hash = comparisonHash(toComparison(workload.practitioners.map((p) => p.id), slots));
  const ok = hash === scenario.sha256 && slots.length === scenario.slots;
  allOk &&= ok;
  console.log(
    `${scenario.name.padEnd(4)} ${ok ? 'OK      ' : 'MISMATCH'} ${slots.length} slots, sha256 ${hash}` +
      (ok ? '' : `\n     expected ${scenario.slots} slots, sha256 ${scenario.sha256}`),
  );
  if (!ok) continue;

  const days = (Date.parse(input.range.endDate) - Date.parse(input.range.startDate)) / 86_400_000 + 1;
  const weeks = days / 7;
  const practitioners = input.practitioners.length;
  const singles: AvailabilityInput[] = input.practitioners.map((p) => ({ ...input, practitioners: [p] }));
  // Requests for one start each, cycling through real slots, as the booking endpoint makes them.
  const checks = slots.filter((_, i) => i % 17 === 0).map((s) => ({ start: s.start, practitionerId: s.practitionerId }));

  const batch = measure(() => computeAvailability(input));
  const batchCold = measure(() => {
    clearTimeZoneCache();
    computeAvailability(input);
  });
  const onePractitioner = measure((i) => computeAvailability(singles[i % singles.length] as AvailabilityInput), {
    minIterations: 2000,
  });
  const checkOneStart = measure((i) => isSlotOffered(input, checks[i % checks.length] as (typeof checks)[number]), {
    minIterations: 2000,
  });
  results.push({
    scenario: scenario.name,
    ok,
    slots: slots.length,
    hash,
    practitioners,
    weeks,
    batch,
    batchCold,
    onePractitioner,
    checkOneStart,
    msPerPractitionerWeek: batch.median / (practitioners * weeks),
    slotsPerSecond: slots.length / (batch.median / 1000),
  });
}

const ms = (v: number) => (v < 0.1 ? `${(v * 1000).toFixed(1)} µs` : `${v.toFixed(3)} ms`);
const columns: [string, (r: ScenarioResult) => string][] = [
  ['scenario', (r) => r.scenario],
  ['slots', (r) => String(r.slots)],
  ['batch median', (r) => ms(r.batch.median)],
  ['batch p99', (r) => ms(r.batch.p99)],
  ['batch cold median', (r) => ms(r.batchCold.median)],
  ['1 practitioner median', (r) => ms(r.onePractitioner.median)],
  ['1 practitioner p99', (r) => ms(r.onePractitioner.p99)],
  ['per practitioner-week', (r) => ms(r.msPerPractitionerWeek)],
  ['slots/s', (r) => Math.round(r.slotsPerSecond).toLocaleString('en-GB')],
  ['check 1 start median', (r) => ms(r.checkOneStart.median)],
];
if (results.length > 0) {
  const widths = columns.map(([title, cell]) => Math.max(title.length, ...results.map((r) => cell(r).length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i] as number)).join(' | ')} |`;
  console.log('');
  console.log(row(columns.map(([title]) => title)));
  console.log(`|${widths.map((w) => '-'.repeat(w + 1) + ':').join('|')}|`);
  for (const r of results) console.log(row(columns.map(([, cell]) => cell(r))));
  console.log('');
  const a = results.find((r) => r.scenario === 'A');
  if (a) {
    console.log(
      `Batch = ${a.practitioners} practitioners × ${a.weeks} weeks. Against the reference scheduler's ` +
        `~${REFERENCE_MS_PER_PRACTITIONER_WEEK} ms per practitioner-week on A: ` +
        `×${Math.round(REFERENCE_MS_PER_PRACTITIONER_WEEK / a.msPerPractitionerWeek)} faster.`,
    );
  }
  console.log('Warm = time-zone cache filled by the warm-up; cold = cache emptied before every call.');
  console.log('"check 1 start" = isSlotOffered for one start (the booking endpoint’s 422 check).');
}

const jsonAt = process.argv.indexOf('--json');
if (jsonAt >= 0 && process.argv[jsonAt + 1]) {
  writeFileSync(process.argv[jsonAt + 1] as string, JSON.stringify({ node: process.version, results }, null, 2) + '\n');
}

if (!allOk) {
  console.error('Slot hash MISMATCH: timings not reported for the failing scenario(s).');
  process.exit(1);
}
