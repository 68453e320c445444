import { computeAvailability } from '../../src/domain/availability/compute-availability';
import { loadWorkload, workloadToInput } from '../../bench/availability/workload-adapter';
const input = workloadToInput(loadWorkload('workload-a.json'));
const singles = input.practitioners.map(p => ({ ...input, practitioners: [p] }));
const noBook = { ...input, practitioners: input.practitioners.map(p => ({ ...p, bookings: [] })) };
function time(name: string, fn: () => void, n = 3000) { for (let i = 0; i < 300; i++) fn(); const t = performance.now(); for (let i = 0; i < n; i++) fn(); console.log(name, ((performance.now() - t) / n).toFixed(4), 'ms'); }
time('batch', () => computeAvailability(input));
time('20 singles', () => { for (const s of singles) computeAvailability(s); });
time('batch no bookings', () => computeAvailability(noBook));
time('batch', () => computeAvailability(input));
