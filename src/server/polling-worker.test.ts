import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PollingWorker } from './polling-worker.ts';

const quiet = () => ({ info: vi.fn(), error: vi.fn() });

/** A job whose runs finish only when the test says so. */
function controlledJob() {
  const finishers: ((value: number) => void)[] = [];
  let active = 0;
  let most = 0;
  const run = vi.fn(() => {
    active++;
    most = Math.max(most, active);
    return new Promise<number>((resolve) => finishers.push((v) => {
      active--;
      resolve(v);
    }));
  });
  return { run, finishNext: (v = 0) => finishers.shift()!(v), get overlapping() { return most; }, get pending() { return finishers.length; } };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('PollingWorker', () => {
  it('runs after the first delay, then every interval after the last run ended, never two at once', async () => {
    const job = controlledJob();
    const results: number[] = [];
    const worker = new PollingWorker({ name: 'test', database: {}, log: quiet(), intervalMs: () => 1000, firstDelayMs: 50, run: job.run, onResult: (r) => results.push(r) });
    worker.start();
    worker.start(); // a second start changes nothing
    await vi.advanceTimersByTimeAsync(49);
    expect(job.run).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(job.run).toHaveBeenCalledTimes(1);
    // A slow run: however long it takes, no second run starts.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(job.run).toHaveBeenCalledTimes(1);
    job.finishNext(3);
    await vi.advanceTimersByTimeAsync(999);
    expect(job.run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(job.run).toHaveBeenCalledTimes(2);
    job.finishNext(5);
    await vi.advanceTimersByTimeAsync(1000);
    expect(job.run).toHaveBeenCalledTimes(3);
    expect(job.overlapping).toBe(1);
    expect(results).toEqual([3, 5]);
    job.finishNext();
    await worker.stop();
  });

  it('backs off after failures and logs one line when it pauses and one when it resumes', async () => {
    const log = quiet();
    let fail = true;
    const run = vi.fn(async () => {
      if (fail) throw new Error('PGlite is closed');
      return 1;
    });
    const worker = new PollingWorker({ name: 'outbox', database: {}, log, intervalMs: () => 100, firstDelayMs: 0, run });
    worker.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    expect(worker.pause.pausedFor).toBe('database unavailable');
    // 200 ms after one failure, 400 after two: not the 100 of a healthy job.
    await vi.advanceTimersByTimeAsync(199);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
    fail = false;
    await vi.advanceTimersByTimeAsync(400);
    expect(run).toHaveBeenCalledTimes(3);
    expect(worker.pause.pausedFor).toBeUndefined();
    expect(log.error).toHaveBeenCalledTimes(1);
    expect(log.info).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(run).toHaveBeenCalledTimes(4);
    await worker.stop();
  });

  it('stops on shutdown: waits for the run in progress and plans no other, and cannot be started again', async () => {
    const job = controlledJob();
    const worker = new PollingWorker({ name: 'test', database: {}, log: quiet(), intervalMs: () => 10, firstDelayMs: 0, run: job.run });
    worker.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(job.pending).toBe(1);
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(100);
    expect(stopped).toBe(false);
    job.finishNext();
    await stopping;
    expect(stopped).toBe(true);
    worker.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(job.run).toHaveBeenCalledTimes(1);
  });

  it('stops before its first run without running at all', async () => {
    const run = vi.fn(async () => 0);
    const worker = new PollingWorker({ name: 'test', database: {}, log: quiet(), intervalMs: () => 10, firstDelayMs: 1000, run });
    worker.start();
    await worker.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(run).not.toHaveBeenCalled();
  });
});
