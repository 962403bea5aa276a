using System.Collections.Frozen;
using Durq.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Durq.Server.OpenApi;

/// <summary>
/// The summary and description of every route in the OpenAPI document, by operation id, kept in one table beside the
/// scope table (<c>RouteScopes</c>) rather than in each route's mapping. A route missing from it stops the server from
/// starting: no route ships undescribed. docs/api.md is the long form of the same texts.
/// </summary>
internal static class OperationTexts
{
    public static readonly FrozenDictionary<string, (string Summary, string Description)> ByOperation =
        new Dictionary<string, (string Summary, string Description)>
        {
            ["EnqueueTask"] = ("Enqueue a task",
                "Stores a task of `activity_type` with any JSON `input` and answers 201 once it is on disk, with its id and " +
                "`Location`. `options` are optional; each has its default. With `Idempotency-Key`, a retry of the same request " +
                "answers 200 with the first task's id. 429 `queue_full` when the tenant's pending tasks reach `Queue:MaxPending`."),
            ["EnqueueTasks"] = ("Enqueue many tasks",
                "Up to 1,000 enqueue bodies, all or nothing: one bad item refuses the batch with 422 naming each bad index " +
                "(`tasks[i].field`). Answers the ids in request order. Honours `Idempotency-Key` like a single enqueue."),
            ["GetTask"] = ("Read a task",
                "The task with every option filled in, its input and result, and every failed attempt in `errors`."),
            ["ListTasks"] = ("List tasks",
                "A page of tasks, newest first, filtered by `status` and `activity_type`; pass `next_cursor` as `cursor` for the " +
                "next page (it is omitted on the last). List items omit `input` and `result`."),
            ["CancelTask"] = ("Cancel a task",
                "A pending task is cancelled at once. A claimed one gets `cancel_requested: true`; its worker learns it from its " +
                "next heartbeat (`should_cancel`) and the task ends `cancelled` when the worker reports back. A finished task is " +
                "a 409 `not_cancellable`."),
            ["ClaimTasks"] = ("Claim tasks (long-poll)",
                "Hands up to `max_tasks` ready tasks of the given activity types to the worker, highest priority first, each " +
                "under a fresh lease (`lease_id`) that every report must present. With nothing ready it waits up to `wait_ms` " +
                "and answers as soon as a task arrives, or with an empty list. A draining worker gets no tasks."),
            ["HeartbeatTask"] = ("Renew a task's lease",
                "Extends the lease by the task's `heartbeat_timeout_seconds` and keeps optional progress `details`. " +
                "`should_cancel: true` means the task was cancelled: stop and report `fail`. 409 `lease_lost` when the lease " +
                "is no longer held."),
            ["CompleteTask"] = ("Complete a task",
                "Ends the task `completed` with an optional JSON `result`. 409 `lease_lost` (and nothing changes) when the lease " +
                "ran out or the task was claimed again."),
            ["CompleteTasks"] = ("Complete many tasks",
                "Up to 500 completions in one request and one write, each under its own lease. Each stands alone: a lost lease " +
                "refuses that one (its result says `lease_lost` or `not_found`) and not the rest. A malformed item refuses the " +
                "whole request with 422."),
            ["FailTask"] = ("Fail a task's attempt",
                "Records the error. With attempts left (and `retryable` not false, and a type not in " +
                "`non_retryable_error_types`) the task goes back to pending after its backoff; otherwise it is dead, in the " +
                "dead-letter queue. A task whose cancel was requested ends `cancelled`."),
            ["RegisterWorker"] = ("Register a worker",
                "Registers or refreshes a worker: its activity types, capacity and description. Optional for claiming; it makes " +
                "the worker visible in the worker list, lets an operator drain it and counts its capacity in the health " +
                "verdict. 429 `worker_limit_reached` beyond `Workers:MaxPerTenant` live workers."),
            ["HeartbeatWorker"] = ("Worker heartbeat",
                "Reports the worker's current load, every ~10 s; a worker silent for 60 s counts as stopped. " +
                "`draining: true` asks it to finish what it holds and claim nothing more."),
            ["DeregisterWorker"] = ("Deregister a worker",
                "Removes the worker; the tasks it still holds go back to pending at once, their cut-short attempt not counted."),
            ["DrainWorker"] = ("Drain a worker", "Stops handing the worker tasks; what it holds runs to the end. Undone by resume."),
            ["ResumeWorker"] = ("Resume a worker", "Hands a drained worker tasks again."),
            ["ListWorkers"] = ("List workers",
                "A page of the tenant's workers in id order, with a summary of all of them (active, draining, stopped, " +
                "capacity and load of the active ones)."),
            ["ListDeadTasks"] = ("List dead tasks",
                "The dead-letter queue: a page of dead tasks, newest first, with their errors; the task list's query, where " +
                "`status` can only be `dead`."),
            ["RetryDeadTask"] = ("Retry a dead task",
                "Puts a dead task back to pending with the same id: `attempt` restarts at 0, `requeue_count` grows by one, " +
                "its error history stays. 409 `not_dead` for a task that is not dead."),
            ["RetryDeadTasks"] = ("Retry dead tasks",
                "Puts the dead tasks of an `activity_type` and/or last `error_type` back to pending, or every one with " +
                "`{\"all\": true}`; a body with neither (an empty one included) is a 422. Answers how many were retried. " +
                "The queue cap does not apply."),
            ["PurgeDeadTasks"] = ("Delete dead tasks",
                "Deletes the dead tasks of an `activity_type` and/or last `error_type`, or every one with `{\"all\": true}`; " +
                "a body with neither is a 422. Answers how many were deleted."),
            ["ExplainTask"] = ("Explain why a task is not running",
                "The task's status, whether a claim of its type made now would take it (`runnable`), and every reason it is " +
                "where it is, each `{code, message, until?, details?}`: `expired`, `not_due`, `in_backoff`, `activity_paused`, " +
                "`concurrency_limit`, `rate_limited`, `circuit_open`, `no_workers`, `workers_busy`, `workers_draining`, " +
                "`queued_behind` (`details.ahead`), `claimed` (worker, lease expiry, last heartbeat), `cancel_requested`, " +
                "and the terminal `completed`, `dead`, `cancelled`."),
            ["DeleteTask"] = ("Delete a task",
                "Deletes a task in any state but claimed and answers 204. A task a worker runs is a 409 `task_claimed`: " +
                "cancel it, then delete it once it has stopped."),
            ["ListActivityTypes"] = ("List activity types",
                "Every activity type the tenant has tasks of, settings for, or live workers for, with its pending, claimed " +
                "and dead tasks, oldest pending task, live workers, settings and circuit breaker."),
            ["GetActivityType"] = ("Read an activity type",
                "One activity type as the list shows it; a type nothing knows of yet shows zeros and no settings."),
            ["SetActivityType"] = ("Set an activity type's limits",
                "Pauses the type or limits it: `max_concurrency` (claimed at once, over every node), `rate_limit` " +
                "(`per_second`, `burst`: claims per second, over every node) and `circuit` (`failure_threshold`, " +
                "`open_seconds`). A member left out stays as it is; one sent as null is cleared. Every node's claims obey it at once."),
            ["ListCircuitBreakers"] = ("List circuit breakers",
                "The breakers that are set, or not at rest (open, half-open, counting failures, forced)."),
            ["GetCircuitBreaker"] = ("Read a circuit breaker",
                "One activity type's breaker: its state (`closed`, `open`, `half_open`), failures in a row, thresholds and " +
                "when an open one lets its probe through. 404 when the type has none."),
            ["OpenCircuitBreaker"] = ("Force a breaker open",
                "Nothing of the type is claimed, and no probe runs, until the breaker is closed."),
            ["CloseCircuitBreaker"] = ("Close a breaker",
                "Closes it; counting failed attempts starts again."),
            ["DeleteCircuitBreaker"] = ("Remove a breaker",
                "Closes it and clears the type's `circuit` setting; answers 204."),
            ["CreateSchedule"] = ("Create a schedule",
                "A recurring task: `activity_type`, `input` and `options` as an enqueue takes them (no `run_at` or `expires_at`), " +
                "fired at the times of `cron` (5 fields, or 6 with seconds first) in `time_zone` (an IANA name, default UTC; " +
                "daylight saving time handled). `overlap`: `allow` (default) or `skip` while the last task is unfinished; " +
                "`catch_up` after missed times: `none` (default), `one` or `all`. Answers 201 with `next_fire_at`; 409 " +
                "`schedule_exists` for a name the tenant has, pointing at that schedule."),
            ["ListSchedules"] = ("List schedules",
                "A page of the tenant's schedules, oldest first; pass `next_cursor` as `cursor` for the next page."),
            ["GetSchedule"] = ("Read a schedule",
                "The schedule with its options as sent, its next fire time (omitted while paused) and its last task."),
            ["UpdateSchedule"] = ("Change a schedule",
                "Each member sent replaces the stored one, validated as on create. A new `cron` or `time_zone`, or a change of " +
                "`paused`, starts the schedule again from now (missed times are not caught up)."),
            ["DeleteSchedule"] = ("Delete a schedule",
                "Deletes the schedule and its executions; the tasks it enqueued stay. Answers 204."),
            ["PauseSchedule"] = ("Pause a schedule",
                "No fire time fires while paused; `next_fire_at` is cleared. A trigger still fires."),
            ["ResumeSchedule"] = ("Resume a schedule",
                "Fires again from the next fire time after now; times that passed while paused are not caught up."),
            ["TriggerSchedule"] = ("Fire a schedule now",
                "Enqueues its task now (even while paused), under its `overlap` policy, as an execution of kind `trigger` that " +
                "never takes the place of a cron fire at the same instant. Answers the execution: `fired` with `task_id`, or " +
                "`skipped` with its `reason`."),
            ["ListScheduleExecutions"] = ("List a schedule's executions",
                "Every fire time handled, newest first: `kind` (`cron` or `trigger`), `scheduled_for`, `outcome` (`fired` with " +
                "`task_id`, `skipped` with `reason`: `overlap` or `queue_full`)."),
            ["GetHealth"] = ("Queue health",
                "Live gauges (pending, claimed, dead, workers, capacity, load), totals since the database was made, and a " +
                "verdict: `healthy`, `warning` or `degraded`, with the reasons, gravest first."),
            ["StreamEvents"] = ("Stream the tenant's changes",
                "Server-sent events (`text/event-stream`) of the caller's tenant, from every node: `task` events " +
                "(`change`: enqueued, claimed, completed, failed, dead or cancelled, with `task_id` and `activity_type`), " +
                "`circuit` events (`activity_type`, `from`, `to`) and `stats` (the `/health` body, at most once a second, " +
                "when it changed). `?activity_type=` keeps one type's task and circuit events. Send `Last-Event-ID` to " +
                "replay what was missed on the same node (the last 2 minutes); a `reset` event says it could not be. " +
                "A comment every 15 s keeps idle connections open. See docs/events.md."),
            ["GetTimeSeries"] = ("Metrics time series",
                "The caller's tenant's history in 10 s points over `?window=` (`15m`, `1h`, `6h` or `24h`; default `1h`), " +
                "oldest first: `enqueued`, `completed`, `failed` (attempts) and `dead` counted over the 10 s up to each " +
                "`timestamp`, and the gauges `pending`, `claimed`, `dlq_size` and `active_workers` sampled then. Kept in " +
                "the store, so every node answers the same; a bucket no node sampled is missing. See docs/operations.md."),
            ["ScrapeMetrics"] = ("Prometheus metrics",
                "The node's metrics in Prometheus text format: the caller's tenant's task counters, histograms and queue " +
                "gauges, and the node's own series (store commits, HTTP). 404 with `Observability:Metrics=false`. See " +
                "docs/observability.md."),
            ["Liveness"] = ("Liveness", "200 `{\"status\":\"ok\"}` while the process answers, for load balancers and orchestrators; nothing about the queue."),
            ["CreateApiKey"] = ("Create an API key",
                "Makes a key for the caller's own tenant with the given scopes. The answer is the only one that ever holds " +
                "the secret (`key`): keep it."),
            ["ListApiKeys"] = ("List API keys", "The tenant's keys, oldest first, without their secrets."),
            ["RevokeApiKey"] = ("Revoke an API key",
                "Revokes the key at once on this node (within `Auth:KeyRefreshInterval` on others) and answers it with its " +
                "revocation time; revoking again keeps the first time."),
            ["OpenApiDocument"] = ("This document", "The OpenAPI document of this server."),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Gives every endpoint mapped under <paramref name="routes"/> the summary and description of its operation.</summary>
    public static TBuilder WithTableTexts<TBuilder>(this TBuilder routes)
        where TBuilder : IEndpointConventionBuilder =>
        routes.ApplyByOperation(ByOperation, nameof(OperationTexts), "description", (endpoint, text) =>
        {
            // What WithSummary and WithDescription add.
            endpoint.Metadata.Add(new EndpointSummaryAttribute(text.Summary));
            endpoint.Metadata.Add(new EndpointDescriptionAttribute(text.Description));
        });
}
