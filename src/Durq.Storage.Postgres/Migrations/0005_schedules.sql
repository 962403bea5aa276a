-- Schedules: recurring tasks. A row holds what to enqueue (input and options as sent, as text for the reason
-- durq_tasks gives), when (cron in time_zone), the policies, and next_fire_at: the first fire time not yet handled (NULL
-- while paused). Every node's firer looks for the earliest next_fire_at, so the index holds only schedules that will fire.
CREATE TABLE durq_schedules (
    tenant        text        NOT NULL,
    id            uuid        NOT NULL,
    name          text        NOT NULL,
    activity_type text        NOT NULL,
    input         text        NOT NULL,
    options       text        NOT NULL,
    cron          text        NOT NULL,
    time_zone     text        NOT NULL,
    overlap       text        NOT NULL CHECK (overlap IN ('allow', 'skip')),
    catch_up      text        NOT NULL CHECK (catch_up IN ('none', 'one', 'all')),
    paused        boolean     NOT NULL DEFAULT false,
    next_fire_at  timestamptz,
    last_task_id  uuid,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (tenant, id),
    UNIQUE (tenant, name)
);
CREATE INDEX durq_schedules_next_fire ON durq_schedules (next_fire_at) WHERE next_fire_at IS NOT NULL;

-- One row per fire time (kind 'cron') or operator trigger (kind 'trigger') that was handled, fired or skipped. Its key is
-- what makes a fire time enqueue exactly one task across nodes and restarts: a fire inserts its row and its task in one
-- transaction, and a node whose insert finds the row there (ON CONFLICT DO NOTHING, after waiting for the other
-- node's transaction) enqueues nothing.
CREATE TABLE durq_schedule_executions (
    tenant        text        NOT NULL,
    schedule_id   uuid        NOT NULL,
    kind          text        NOT NULL CHECK (kind IN ('cron', 'trigger')),
    scheduled_for timestamptz NOT NULL,
    outcome       text        NOT NULL CHECK (outcome IN ('fired', 'skipped')),
    task_id       uuid,
    reason        text,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (schedule_id, kind, scheduled_for)
);
CREATE INDEX durq_schedule_executions_recent ON durq_schedule_executions (schedule_id, scheduled_for);
-- Retention deletes executions as it deletes the finished tasks they made (PurgeScheduleExecutions.sql).
CREATE INDEX durq_schedule_executions_created ON durq_schedule_executions (created_at);
