// The live feed and the time series, in one module (API.md, "Observability"):
//   GET /events             text/event-stream: `stats` events (the /health numbers) and `task` events
//                           {enqueued|claimed|completed|failed|dead|cancelled, id, activity_type}
//   GET /metrics/timeseries ?window=15m|1h -> {resolution_seconds, points:[{timestamp, enqueued, completed, failed,
//                           dead, pending, claimed, dlq_size, active_workers}]}
// The stream is read with fetch() and a small SSE parser rather than EventSource, which cannot send the
// Authorization header. A server without these routes (404) is polled instead: /health every 2 s, and the pages'
// own lists on each tick; the time series is then built in the browser from the /health samples it has seen.

import { API, ApiError, askForKey, authHeaders, get, type Health } from './api';

export type TaskEventKind = 'enqueued' | 'claimed' | 'completed' | 'failed' | 'dead' | 'cancelled';

export interface TaskEvent {
  kind: TaskEventKind;
  id: string;
  activity_type: string;
  at: number;
}

export type LiveMode = 'connecting' | 'stream' | 'polling';

export interface LiveListener {
  /** The /health numbers, whenever they change. */
  stats?(health: Health): void;
  /** One task changed (stream mode only). */
  task?(event: TaskEvent): void;
  /** Something may have changed: a task event (at most once a second) or a poll tick (every 2 s). Pages refetch. */
  changed?(): void;
  mode?(mode: LiveMode): void;
}

const POLL_MS = 2000;
const CHANGE_THROTTLE_MS = 1000;
const RECENT_MS = 5 * 60 * 1000;

const listeners = new Set<LiveListener>();
let mode: LiveMode = 'connecting';
let lastHealth: Health | null = null;
let started = false;
const samples: { t: number; h: Health }[] = [];
const recent: TaskEvent[] = [];
const streamStartedAt = { at: 0 };

export function currentMode(): LiveMode {
  return mode;
}

export function latestHealth(): Health | null {
  return lastHealth;
}

/** Listens to the feed; returns the function that stops listening. The feed itself starts on the first listener. */
export function subscribe(listener: LiveListener): () => void {
  listeners.add(listener);
  listener.mode?.(mode);
  if (lastHealth) listener.stats?.(lastHealth);
  if (!started) {
    started = true;
    void run();
  }
  return () => listeners.delete(listener);
}

function emit<K extends keyof LiveListener>(name: K, ...args: Parameters<NonNullable<LiveListener[K]>>): void {
  for (const listener of [...listeners]) {
    const handler = listener[name] as ((...a: unknown[]) => void) | undefined;
    handler?.apply(listener, args);
  }
}

function setMode(next: LiveMode): void {
  if (mode === next) return;
  mode = next;
  emit('mode', next);
}

function acceptHealth(health: Health): void {
  lastHealth = health;
  samples.push({ t: Date.now(), h: health });
  while (samples.length > 0 && samples[0].t < Date.now() - 3600_000) samples.shift();
  emit('stats', health);
}

let changeTimer: number | undefined;
function changedSoon(): void {
  if (changeTimer !== undefined) return;
  changeTimer = window.setTimeout(() => {
    changeTimer = undefined;
    emit('changed');
  }, CHANGE_THROTTLE_MS);
}

async function run(): Promise<void> {
  // One fresh /health first, so the numbers show before the stream's first stats event.
  await pollHealth();
  for (let backoff = 1000; ; backoff = Math.min(backoff * 2, 15000)) {
    const outcome = await streamOnce();
    if (outcome === 'absent') return pollForever();
    if (outcome === 'ended') backoff = 1000;
    // While the stream is down the page keeps moving by polling, until it is back.
    setMode('polling');
    const until = Date.now() + backoff;
    while (Date.now() < until) {
      await pollHealth();
      emit('changed');
      await sleep(POLL_MS);
    }
  }
}

async function pollForever(): Promise<never> {
  setMode('polling');
  for (;;) {
    await sleep(POLL_MS);
    await pollHealth();
    emit('changed');
  }
}

async function pollHealth(): Promise<void> {
  try {
    acceptHealth(await get<Health>('/health'));
  } catch {
    // Offline or refused for a moment: the next tick tries again.
  }
}

let lastEventId: string | null = null;

/** Reads the stream until it ends: 'absent' when the server has no such route, 'ended' or 'failed' otherwise. */
async function streamOnce(): Promise<'absent' | 'ended' | 'failed'> {
  let response: Response;
  try {
    const headers = authHeaders({ Accept: 'text/event-stream' });
    if (lastEventId) headers['Last-Event-ID'] = lastEventId;
    response = await fetch(API + '/events', { headers, cache: 'no-store' });
  } catch {
    return 'failed';
  }
  if (response.status === 404) return 'absent';
  if (response.status === 401) {
    await askForKey('The event stream needs an API key with the read scope.');
    return 'ended';
  }
  if (!response.ok || !response.body) return 'failed';
  setMode('stream');
  streamStartedAt.at = Date.now();
  const parser = new SseParser((event) => dispatch(event));
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return 'ended';
      parser.push(value);
    }
  } catch {
    return 'failed';
  }
}

export interface SseEvent {
  event: string;
  data: string;
  id: string | null;
}

/** The text/event-stream format (WHATWG HTML, "Server-sent events"), fed in chunks of any size. */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | null = null;

  constructor(private readonly onEvent: (event: SseEvent) => void) {}

  push(chunk: string): void {
    this.buffer += chunk;
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      // A lone \r at the end may be the first half of \r\n: wait for the next chunk.
      if (!match || (match[0] === '\r' && match.index === this.buffer.length - 1)) return;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      this.line(line);
    }
  }

  private line(line: string): void {
    if (line === '') {
      if (this.data.length > 0) this.onEvent({ event: this.event || 'message', data: this.data.join('\n'), id: this.id });
      this.data = [];
      this.event = '';
      return;
    }
    if (line.startsWith(':')) return; // a comment (keep-alive)
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
  }
}

const KINDS: TaskEventKind[] = ['enqueued', 'claimed', 'completed', 'failed', 'dead', 'cancelled'];

function dispatch(event: SseEvent): void {
  if (event.id) lastEventId = event.id;
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(event.data);
  } catch {
    return;
  }
  if (event.event === 'stats') {
    acceptHealth(data as unknown as Health);
    changedSoon();
    return;
  }
  // A task event: `event: task` with the change in the data, or `event: task.completed`; the kind's member name is
  // read leniently (type, kind, event, change) so a detail of the wire format does not silence the page.
  if (event.event === 'task' || event.event.startsWith('task.')) {
    const named = event.event.startsWith('task.') ? event.event.slice(5) : undefined;
    const kind = (named ?? data.type ?? data.kind ?? data.event ?? data.change) as TaskEventKind;
    if (!KINDS.includes(kind)) return;
    const task: TaskEvent = {
      kind,
      id: String(data.id ?? data.task_id ?? ''),
      activity_type: String(data.activity_type ?? ''),
      at: Date.now(),
    };
    recent.push(task);
    while (recent.length > 0 && recent[0].at < Date.now() - RECENT_MS) recent.shift();
    emit('task', task);
    changedSoon();
  }
}

/** Completed and failed counts per activity type over the last 5 minutes, from the stream; null without one. */
export function recentCounts(): { counts: Map<string, { completed: number; failed: number }>; sinceMs: number } | null {
  if (mode !== 'stream') return null;
  const cutoff = Date.now() - RECENT_MS;
  const counts = new Map<string, { completed: number; failed: number }>();
  for (const event of recent) {
    if (event.at < cutoff) continue;
    const row = counts.get(event.activity_type) ?? { completed: 0, failed: 0 };
    if (event.kind === 'completed') row.completed++;
    if (event.kind === 'failed' || event.kind === 'dead') row.failed++;
    counts.set(event.activity_type, row);
  }
  return { counts, sinceMs: Math.min(RECENT_MS, Date.now() - streamStartedAt.at) };
}

export interface SeriesPoint {
  timestamp: string;
  enqueued: number;
  completed: number;
  failed: number;
  dead: number;
  pending: number;
  claimed: number;
  dlq_size: number;
  active_workers: number;
}

export interface Series {
  resolution_seconds: number;
  points: SeriesPoint[];
  /** True when the server has no time series and these points were gathered by this page since it opened. */
  local?: boolean;
}

let seriesAbsent = false;

/** The time series over `window` ('15m' or '1h'), from the server, or from this page's own samples when it has none. */
export async function timeseries(window: '15m' | '1h'): Promise<Series> {
  if (!seriesAbsent) {
    try {
      return await get<Series>('/metrics/timeseries?window=' + window);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
      seriesAbsent = true;
    }
  }
  return localSeries(window === '15m' ? 900 : 3600);
}

/**
 * Points from successive /health samples: completed and failed attempts are the growth of their totals; enqueued is
 * the growth of everything a new task can become (pending, claimed, dead, completed), which misses cancelled ones.
 */
function localSeries(seconds: number): Series {
  const cutoff = Date.now() - seconds * 1000;
  const points: SeriesPoint[] = [];
  for (let i = 1; i < samples.length; i++) {
    const [a, b] = [samples[i - 1], samples[i]];
    if (b.t < cutoff) continue;
    const seconds = Math.max((b.t - a.t) / 1000, 0.001);
    const scale = POLL_MS / 1000 / seconds;
    const grew = (f: (h: Health) => number) => Math.max(0, f(b.h) - f(a.h)) * scale;
    points.push({
      timestamp: new Date(b.t).toISOString(),
      enqueued: grew((h) => h.pending_tasks + h.claimed_tasks + h.dlq_size + h.completed_tasks),
      completed: grew((h) => h.completed_tasks),
      failed: grew((h) => h.failed_attempts),
      dead: grew((h) => h.dlq_size),
      pending: b.h.pending_tasks,
      claimed: b.h.claimed_tasks,
      dlq_size: b.h.dlq_size,
      active_workers: b.h.workers.active,
    });
  }
  return { resolution_seconds: POLL_MS / 1000, points, local: true };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
