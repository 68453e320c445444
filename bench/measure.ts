/** Timing for the in-process benchmarks: warm up, then sample until both floors are met. */

export interface Stats {
  median: number;
  p95: number;
  p99: number;
  iterations: number;
}

export async function measure(fn: () => Promise<unknown>, { warmupMs = 500, minMs = 2000, minIterations = 400 } = {}): Promise<Stats> {
  const warmUntil = performance.now() + warmupMs;
  while (performance.now() < warmUntil) await fn();
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < minIterations || performance.now() - start < minMs) {
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const pick = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { median: pick(0.5), p95: pick(0.95), p99: pick(0.99), iterations: samples.length };
}
