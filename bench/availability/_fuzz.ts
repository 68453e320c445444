import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { computeAvailability } from '../../src/domain/availability/compute-availability';
import { GENERATOR_PATH, workloadToInput, toComparison, type Workload } from './workload-adapter';
const configs: string[][] = [];
const tzs = ['Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kolkata', 'America/Santiago', 'Asia/Tehran', 'America/St_Johns', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Africa/Casablanca'];
const starts = ['2027-03-01', '2027-10-04', '2027-09-06', '2026-03-02', '2027-04-05'];
const steps = ['15', '60', '45', '20', '25', '7'];
let seed = 1;
for (const tz of tzs) for (const st of starts) {
  const step = steps[seed % steps.length]!;
  const rooms = seed % 3 === 0 ? ['--rooms', String(2 + (seed % 5))] : [];
  configs.push(['--seed', String(seed), '--tz', tz, '--start', st, '--step', step, '--weeks', '5', '--practitioners', '6', '--now', st + 'T0' + (seed % 10) + ':37:00Z', ...rooms]);
  seed++;
}
let bad = 0;
for (const args of configs) {
  const wjson = execFileSync(process.execPath, [GENERATOR_PATH, ...args], { encoding: 'utf8' });
  writeFileSync('/tmp/fuzz-w.json', wjson);
  const w = JSON.parse(wjson) as Workload;
  const expected = JSON.parse(execFileSync(process.execPath, [GENERATOR_PATH, '--oracle', '/tmp/fuzz-w.json'], { encoding: 'utf8' })).slots;
  const got = toComparison(w.practitioners.map(p => p.id), computeAvailability(workloadToInput(w)));
  const ok = JSON.stringify(got) === JSON.stringify(expected);
  const n = Object.values(got).reduce((a, s) => a + s.length, 0);
  if (!ok) { bad++; console.log('MISMATCH', args.join(' '), n); }
}
console.log(configs.length, 'configs,', bad, 'mismatches');
