-- Schedules: recurring tasks. A row holds what to enqueue (input and options as sent), when (cron in time_zone), the
-- policies, and next_fire_at: the first fire time not yet handled (NULL while paused). Every node's firer looks for the
-- earliest next_fire_at, so the index holds only schedules that will fire.
CREATE TABLE durq_schedules (
    tenant        TEXT    NOT NULL,
    id            TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    activity_type TEXT    NOT NULL,
    input         TEXT    NOT NULL,
    options       TEXT    NOT NULL,
    cron          TEXT    NOT NULL,
    time_zone     TEXT    NOT NULL,
    overlap       TEXT    NOT NULL CHECK (overlap IN ('allow', 'skip')),
    catch_up      TEXT    NOT NULL CHECK (catch_up IN ('none', 'one', 'all')),
    paused        INTEGER NOT NULL DEFAULT 0,
    next_fire_at  INTEGER,
    last_task_id  TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (tenant, id),
    UNIQUE (tenant, name)
);
CREATE INDEX durq_schedules_next_fire ON durq_schedules (next_fire_at) WHERE next_fire_at IS NOT NULL;

-- One row per fire time (kind 'cron') or operator trigger (kind 'trigger') that was handled, fired or skipped. Its key is
-- what makes a fire time enqueue exactly one task, whichever node fires it and however often it restarts: a fire
-- inserts its row and its task in one transaction, and a row already there means the time was handled.
CREATE TABLE durq_schedule_executions (
    tenant        TEXT    NOT NULL,
    schedule_id   TEXT    NOT NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('cron', 'trigger')),
    scheduled_for INTEGER NOT NULL,
    outcome       TEXT    NOT NULL CHECK (outcome IN ('fired', 'skipped')),
    task_id       TEXT,
    reason        TEXT,
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (schedule_id, kind, scheduled_for)
) WITHOUT ROWID;
CREATE INDEX durq_schedule_executions_recent ON durq_schedule_executions (schedule_id, scheduled_for);
-- Retention deletes executions as it deletes the finished tasks they made (PurgeScheduleExecutions.sql).
CREATE INDEX durq_schedule_executions_created ON durq_schedule_executions (created_at);
