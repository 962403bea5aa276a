import { log, nowMs, percentile, sleep, waitUntil } from './stats.mjs';

// Durq's workloads (src/Durq.Bench/Workloads) against a peer queue. A peer is an adapter (peers/*.mjs) whose
// open(name) gives a fresh queue: enqueue(data), enqueueBulk([data]), startWorkers(count, handler) → {stop},
// unfinished() (jobs not yet recorded completed), close(). Figure names are those of the Hangfire peer
// (bench/Durq.Bench.Peers/HangfireBenchmark.cs), which src/Durq.Bench/Report/PeerResult.cs matches to Durq's rows.

const E1_INPUT = { n: 1 };

/**
 * E1 and E1-seq: `clients` callers enqueue single jobs back to back; only calls that start inside the measured window
 * (after the warm-up) count, so a slow call cannot stretch it: the rule of Durq's HttpLoad and the Hangfire peer.
 */
export async function enqueue(queue, label, clients, warmUpMs, windowMs) {
  const samples = await timedCalls(clients, warmUpMs, windowMs, () => queue.enqueue(E1_INPUT));
  return [
    { workload: `${label} enqueue`, value: samples.length / (windowMs / 1000), unit: 'jobs/s' },
    { workload: `${label} enqueue p50`, value: percentile(samples, 0.5), unit: 'ms' },
    { workload: `${label} enqueue p99`, value: percentile(samples, 0.99), unit: 'ms' },
  ];
}

/** E2: `clients` callers each add `batchSize` jobs per call (Durq's E2: 4 clients of 1,000), counted as E1 is. */
export async function bulkEnqueue(queue, clients, batchSize, warmUpMs, windowMs) {
  const batch = Array.from({ length: batchSize }, () => E1_INPUT);
  const samples = await timedCalls(clients, warmUpMs, windowMs, () => queue.enqueueBulk(batch));
  return [
    { workload: 'E2 bulk enqueue', value: (samples.length * batchSize) / (windowMs / 1000), unit: 'jobs/s' },
    { workload: 'E2 bulk enqueue batch p50', value: percentile(samples, 0.5), unit: 'ms' },
  ];
}

/**
 * `clients` callers make `call` back to back for the warm-up and the window; answers the sorted durations (ms) of the
 * calls that started inside the window.
 */
async function timedCalls(clients, warmUpMs, windowMs, call) {
  const samples = [];
  const from = nowMs() + warmUpMs;
  const to = from + windowMs;
  const loop = async () => {
    for (;;) {
      const began = nowMs();
      if (began >= to) return;
      await call();
      if (began >= from) samples.push(nowMs() - began);
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  return samples.sort((a, b) => a - b);
}

/** Fills the queue in calls of 1,000, four at a time, as Durq's D1 does; untimed. */
async function fill(queue, jobs) {
  const chunks = [];
  for (let start = 0; start < jobs; start += 1000) chunks.push(Math.min(1000, jobs - start));
  const loop = async () => {
    for (let size = chunks.pop(); size !== undefined; size = chunks.pop()) {
      await queue.enqueueBulk(Array.from({ length: size }, () => ({})));
    }
  };
  await Promise.all(Array.from({ length: 4 }, loop));
}

/** Runs `jobs` queued no-op jobs with `workers` concurrent handlers; the clock stops when the store has them all done. */
async function drainOnce(queue, jobs, workers, capMs) {
  await fill(queue, jobs);
  let handled = 0;
  const start = nowMs();
  const running = await queue.startWorkers(workers, async () => {
    handled++;
  });
  try {
    await waitUntil(async () => handled >= jobs && (await queue.unfinished()) === 0, capMs, `${jobs} jobs drained`);
    return { elapsedMs: nowMs() - start, complete: true, handled };
  } catch {
    return { elapsedMs: nowMs() - start, complete: false, handled };
  } finally {
    await running.stop();
  }
}

/**
 * D1: `jobs` no-op jobs queued, then `workers` concurrent handlers drain them. As Durq's D1, a tenth as many (at most
 * 2,000) are drained first, untimed, so the first second of a short drain is not spent compiling.
 */
export async function drain(queue, jobs, workers, capMs) {
  await drainOnce(queue, Math.min(2000, Math.max(1, Math.floor(jobs / 10))), workers, capMs);
  const result = await drainOnce(queue, jobs, workers, capMs);
  const note = result.complete ? undefined : `incomplete: ${result.handled}/${jobs} handled when the cap stopped the clock`;
  const label = `D1 drain ${jobs.toLocaleString('en-US')}`;
  return [
    { workload: label, value: jobs / (result.elapsedMs / 1000), unit: 'jobs/s', note },
    { workload: `${label} time`, value: result.elapsedMs / 1000, unit: 's', note },
  ];
}

/**
 * L1: with the handlers idle, `count` jobs enqueued at `rate` a second, each carrying the moment its enqueue call
 * started; the handler records how long after that it began (one process, one clock). A tenth as many run first,
 * unrecorded, as in Durq's L1.
 */
export async function latency(queue, count, rate, workers) {
  // One set of handlers for both rounds: a peer's stopped worker may still hand over a job it had fetched.
  let round = [];
  const running = await queue.startWorkers(workers, async (data) => {
    round.push(nowMs() - data.startedAt);
  });
  try {
    // Let the handlers reach their first wait (a blocking pop, a LISTEN, a poll) before the first job.
    await sleep(500);
    await paced(queue, Math.max(1, Math.floor(count / 10)), rate, () => round);
    round = [];
    const sorted = (await paced(queue, count, rate, () => round)).sort((a, b) => a - b);
    return [
      { workload: 'L1 enqueue to handler start p50', value: percentile(sorted, 0.5), unit: 'ms' },
      { workload: 'L1 enqueue to handler start p95', value: percentile(sorted, 0.95), unit: 'ms' },
      { workload: 'L1 enqueue to handler start p99', value: percentile(sorted, 0.99), unit: 'ms' },
    ];
  } finally {
    await running.stop();
  }
}

/** Enqueues `count` jobs at `rate` a second, then waits until the handlers have recorded them all. */
async function paced(queue, count, rate, recorded) {
  const interval = 1000 / rate;
  const first = nowMs();
  for (let i = 0; i < count; i++) {
    const wait = first + i * interval - nowMs();
    if (wait > 0) await sleep(wait);
    await queue.enqueue({ startedAt: nowMs() });
  }
  await waitUntil(() => recorded().length >= count, 60_000, `${count} latency jobs handled`);
  return recorded();
}

export { log };
