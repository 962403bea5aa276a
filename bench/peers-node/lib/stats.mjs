// Nearest-rank percentiles, as src/Durq.Bench/Percentiles.cs computes them, so Durq and its peers are summarised alike.
export function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/** Milliseconds since an arbitrary origin, from the monotonic clock (the same one in every part of this process). */
export const nowMs = () => performance.now();

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` every few milliseconds until it holds, or throws once `timeoutMs` has passed. */
export async function waitUntil(condition, timeoutMs, what) {
  const deadline = nowMs() + timeoutMs;
  while (!(await condition())) {
    if (nowMs() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await sleep(5);
  }
}

export const log = (message) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
