// The dashboard's only way to the server: the public HTTP API under /api/v1/durable, with the API key (if any) from
// sessionStorage as a Bearer token. A 401 asks for a key and tries again; every other error is a problem document.

export const API = '/api/v1/durable';
const KEY_STORAGE = 'durq.apiKey';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function apiKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}

export function setApiKey(key: string | null): void {
  if (key) sessionStorage.setItem(KEY_STORAGE, key);
  else sessionStorage.removeItem(KEY_STORAGE);
}

/** Headers every request carries: the key, and JSON for bodies (keyless mode refuses a state change without it). */
export function authHeaders(extra: Record<string, string> = {}): Record<string, string> {
  const key = apiKey();
  return key ? { ...extra, Authorization: `Bearer ${key}` } : extra;
}

type SignInPrompt = (reason: string) => Promise<void>;
let signIn: SignInPrompt = () => Promise.reject(new Error('no sign-in'));
let pendingSignIn: Promise<void> | null = null;

/** The shell installs the dialog that asks for a key; concurrent 401s share one prompt. */
export function onUnauthorized(prompt: SignInPrompt): void {
  signIn = prompt;
}

export function askForKey(reason: string): Promise<void> {
  pendingSignIn ??= signIn(reason).finally(() => (pendingSignIn = null));
  return pendingSignIn;
}

async function problemOf(response: Response): Promise<ApiError> {
  let code = 'http_' + response.status;
  let detail = `${response.status} ${response.statusText}`;
  try {
    const body = await response.json();
    code = body.code ?? code;
    detail = body.detail ?? body.title ?? detail;
  } catch {
    // Not a problem document (a proxy's page, say): the status line is all there is.
  }
  return new ApiError(response.status, code, detail);
}

/** A request to the API; resolves with the JSON body (undefined for 204), rejects with an ApiError. */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  for (;;) {
    const headers = authHeaders(method === 'GET' ? {} : { 'Content-Type': 'application/json' });
    const response = await fetch(API + path, {
      method,
      headers,
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
    });
    if (response.status === 401) {
      const problem = await problemOf(response);
      await askForKey(problem.message);
      continue;
    }
    if (!response.ok) throw await problemOf(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
}

export const get = <T>(path: string) => request<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => request<T>('POST', path, body);

export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? '?' + text : '';
}

// The shapes the pages read (API.md); members the dashboard does not use are left out.

export interface Health {
  status: string;
  reasons?: { code: string; detail: string }[];
  pending_tasks: number;
  claimed_tasks: number;
  dlq_size: number;
  workers: { active: number; draining: number; stopped: number };
  total_capacity: number;
  total_load: number;
  completed_tasks: number;
  failed_attempts: number;
  started_tasks: number;
}

export interface TaskError {
  attempt: number;
  type: string;
  message: string;
  at: string;
  requeue?: number;
}

export interface Task {
  id: string;
  activity_type: string;
  status: string;
  priority: number;
  attempt: number;
  max_attempts: number;
  created_at: string;
  updated_at: string;
  visible_at: string;
  input?: unknown;
  result?: unknown;
  claimed_by?: string;
  claimed_at?: string;
  lease_expires_at?: string;
  timeout_at?: string;
  last_heartbeat_at?: string;
  heartbeat_details?: unknown;
  completed_at?: string;
  last_error?: TaskError;
  errors?: TaskError[];
  options: Record<string, unknown>;
  cancel_requested?: boolean;
  requeue_count?: number;
  idempotency_key?: string;
  traceparent?: string;
}

export interface Page<T> {
  data: T[];
  next_cursor?: string;
}

export interface ActivityType {
  activity_type: string;
  pending: number;
  claimed: number;
  dead: number;
  oldest_pending_at?: string;
  workers: number;
  settings: { paused: boolean; max_concurrency?: number; rate_limit?: { per_second: number; burst?: number } };
  circuit: { state: string; consecutive_failures: number; forced: boolean; probe_at?: string };
}

export interface Worker {
  id: string;
  activity_types: string[];
  max_concurrency: number;
  worker_group?: string;
  hostname?: string;
  version?: string;
  current_load: number;
  status: string;
  draining: boolean;
  registered_at: string;
  last_heartbeat_at: string;
}

export interface WorkerPage extends Page<Worker> {
  summary: { active: number; draining: number; stopped: number; total_capacity: number; total_load: number };
}

export interface Explanation {
  status: string;
  runnable: boolean;
  reasons: { code: string; message: string; until?: string; details?: Record<string, unknown> }[];
}
