// A Durq worker in TypeScript, typed from the server's OpenAPI document (src/generated/durq.ts, made by
// openapi-typescript) and speaking to it through openapi-fetch: a misspelt route, a missing member or a wrong type is
// a compile error. It walks one activity type through the whole protocol against a real server, checking each answer:
//
//   node dist/worker.js <server URL> <activity type>      (DURQ_API_KEY, if set, is sent as the Bearer key)
//
// It prints one JSON line, {"completed":[ids]}, and exits non-zero at the first answer that is not as documented.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/durq.js";

type ClaimedTask = components["schemas"]["ClaimedTaskResource"];
type Problem = components["schemas"]["ProblemDocument"];

const [baseUrl, activityType] = process.argv.slice(2);
if (!baseUrl || !activityType) {
  throw new Error("usage: node dist/worker.js <server URL> <activity type>");
}

const apiKey = process.env["DURQ_API_KEY"];
const durq = createClient<paths>({
  baseUrl,
  // Every state change carries a JSON content type, with a body or without (docs/security.md).
  headers: { "Content-Type": "application/json", ...(apiKey ? { Authorization: `Bearer ${apiKey}` } : {}) },
});
const workerId = `ts-worker-${process.pid}`;

/** The body of an answer of the expected status, or an error that carries the problem document. */
function expect<T>(answer: { data?: T; error?: Problem | unknown; response: Response }, status: number, what: string): T {
  if (answer.response.status !== status || answer.data === undefined) {
    throw new Error(`${what}: expected ${status}, got ${answer.response.status}: ${JSON.stringify(answer.error)}`);
  }
  return answer.data;
}

function check(condition: boolean, what: string): void {
  if (!condition) {
    throw new Error(what);
  }
}

async function enqueue(input: unknown, maxAttempts: number, idempotencyKey: string) {
  return durq.POST("/api/v1/durable/tasks", {
    params: { header: { "Idempotency-Key": idempotencyKey } },
    body: { activity_type: activityType!, input, options: { max_attempts: maxAttempts, priority: 5 } },
  });
}

async function claim(waitMs: number): Promise<ClaimedTask> {
  const answer = await durq.POST("/api/v1/durable/tasks/claim", {
    body: { worker_id: workerId, activity_types: [activityType!], max_tasks: 1, wait_ms: waitMs },
  });
  const task = expect(answer, 200, "claim").tasks[0];
  check(task !== undefined, `claim: no task within ${waitMs} ms`);
  return task!;
}

async function complete(task: ClaimedTask, result: unknown): Promise<void> {
  const answer = await durq.POST("/api/v1/durable/tasks/{task_id}/complete", {
    params: { path: { task_id: task.id } },
    body: { lease_id: task.lease_id, result },
  });
  check(expect(answer, 200, "complete").status === "completed", "complete: the task is not completed");
}

async function main(): Promise<void> {
  const registered = await durq.PUT("/api/v1/durable/workers/{worker_id}", {
    params: { path: { worker_id: workerId } },
    body: { activity_types: [activityType!], max_concurrency: 1, hostname: "e2e", version: "1.0.0" },
  });
  check(expect(registered, 200, "register").status === "active", "register: the worker is not active");

  // Long-poll: the claim waits, with nothing ready, until the enqueue below wakes it.
  const waiting = claim(20_000);
  const key = `ts-${process.pid}-ok`;
  const first = await enqueue({ greeting: "hello" }, 3, key);
  const id = expect(first, 201, "enqueue").task_id;
  check(first.response.headers.get("Location") === `/api/v1/durable/tasks/${id}`, "enqueue: no Location");
  const replay = await enqueue({ greeting: "hello" }, 3, key);
  check(expect(replay, 200, "enqueue again").task_id === id, "enqueue again: another task id");
  check(replay.response.headers.get("Idempotent-Replayed") === "true", "enqueue again: not marked replayed");

  const task = await waiting;
  check(task.id === id && task.attempt === 1, "claim: not the enqueued task's first attempt");
  const beat = await durq.POST("/api/v1/durable/tasks/{task_id}/heartbeat", {
    params: { path: { task_id: task.id } },
    body: { lease_id: task.lease_id, details: { progress: 50 } },
  });
  check(!expect(beat, 200, "heartbeat").should_cancel, "heartbeat: asked to cancel");
  await complete(task, { echoed: task.input });

  // A task that fails for good goes to the dead-letter queue, and a retry from there runs it again.
  const doomed = expect(await enqueue({ fail: true }, 1, `ts-${process.pid}-doomed`), 201, "enqueue doomed").task_id;
  const run = await claim(5_000);
  check(run.id === doomed, "claim: not the doomed task");
  const failed = await durq.POST("/api/v1/durable/tasks/{task_id}/fail", {
    params: { path: { task_id: run.id } },
    body: { lease_id: run.lease_id, error: { message: "no such mailbox", type: "MailboxMissing" }, retryable: false },
  });
  const failure = expect(failed, 200, "fail");
  check(failure.status === "dead" && !failure.will_retry, "fail: the task is not dead");

  const dead = await durq.GET("/api/v1/durable/dlq", { params: { query: { activity_type: activityType!, limit: 10 } } });
  const listed = expect(dead, 200, "dlq list").data.find((t) => t.id === doomed);
  check(listed?.errors?.[0]?.type === "MailboxMissing", "dlq list: the dead task or its error is missing");
  const retried = await durq.POST("/api/v1/durable/dlq/{task_id}/retry", { params: { path: { task_id: doomed } } });
  const again = expect(retried, 200, "dlq retry");
  check(again.status === "pending" && again.requeue_count === 1, "dlq retry: the task is not pending again");
  const rerun = await claim(5_000);
  check(rerun.id === doomed, "claim: not the retried task");
  await complete(rerun, "delivered after all");

  const done = await durq.GET("/api/v1/durable/tasks", {
    params: { query: { status: "completed", activity_type: activityType!, limit: 10 } },
  });
  const completed = expect(done, 200, "list").data.map((t) => t.id);
  check(completed.length === 2, `list: ${completed.length} completed tasks, not 2`);
  const left = await durq.DELETE("/api/v1/durable/workers/{worker_id}", { params: { path: { worker_id: workerId } } });
  check(expect(left, 200, "deregister").released_tasks === 0, "deregister: tasks were still held");
  console.log(JSON.stringify({ completed }));
}

await main();
